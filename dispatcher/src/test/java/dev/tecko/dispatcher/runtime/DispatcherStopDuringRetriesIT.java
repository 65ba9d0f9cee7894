package dev.tecko.dispatcher.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tecko.embedded.EmbeddedKafka;
import dev.tecko.embedded.KafkaBrokerExtension;
import dev.tecko.embedded.keboola.Fault;
import dev.tecko.embedded.keboola.SandboxKeboola;
import dev.tecko.schemas.TriggerOutcome;
import dev.tecko.schemas.TriggerResult;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Keboola is down for longer than anyone waits, and the dispatcher is stopped cleanly (SIGTERM) while it retries. The
 * stop must not turn the delivery into a result: the trigger stays open, and the next run delivers it once Keboola is
 * back, with exactly one Keboola job.
 */
@ExtendWith(KafkaBrokerExtension.class)
class DispatcherStopDuringRetriesIT {
    private static final String TOKEN = "kbc-stop-" + UUID.randomUUID();

    @Test
    void givenKeboolaDownWhileRetrying_whenTheDispatcherStopsAndStartsAgainAfterItIsBack_thenOneResultAndOneKeboolaJob(
            EmbeddedKafka kafka) throws Exception {
        var fixture = new DispatcherFixture(kafka, 2);
        try (SandboxKeboola keboola = SandboxKeboola.start(TOKEN)) {
            keboola.fault(Fault.UNAVAILABLE);
            fixture.send(List.of(DispatcherFixture.trigger(1, keboola.url(), "kbc")));
            // a minute of retrying: the stop comes well inside it
            Map<String, String> settings = Map.of("TECKO_DISPATCHER_RETRY_TOTAL_SECONDS", "60",
                    "TECKO_DISPATCHER_BREAKER_WINDOW", "1000");

            try (var first = runtime(fixture, "first", settings).start()) {
                Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> keboola.postAttempts() >= 3);
            }
            assertThat(fixture.results(1, Duration.ofSeconds(3))).as("results committed by the stopped run").isEmpty();

            keboola.clearFault();
            try (var second = runtime(fixture, "second", settings).start()) {
                Awaitility.await().atMost(Duration.ofSeconds(60))
                        .until(() -> fixture.results(1, Duration.ofSeconds(1)).size() >= 1);
            }
            List<TriggerResult> results = fixture.results(1, Duration.ofSeconds(3));
            assertThat(results).singleElement().satisfies(r -> assertThat(r.outcome()).isEqualTo(TriggerOutcome.OK));
            assertThat(keboola.received()).as("Keboola jobs").hasSize(1);
            assertThat(results.get(0).keboolaJobId()).isEqualTo(keboola.received().get(0).jobId());
        }
    }

    private static DispatcherRuntime runtime(DispatcherFixture fixture, String instance, Map<String, String> settings) {
        return new DispatcherRuntime(fixture.config(instance, settings), new SimpleMeterRegistry(),
                DispatcherFixture.secrets(Map.of("kbc", TOKEN)), Clock.systemUTC());
    }
}
