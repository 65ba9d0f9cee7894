package dev.tecko.dispatcher.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tecko.embedded.EmbeddedKafka;
import dev.tecko.embedded.KafkaBrokerExtension;
import dev.tecko.embedded.keboola.Fault;
import dev.tecko.embedded.keboola.SandboxKeboola;
import dev.tecko.schemas.TriggerCommand;
import dev.tecko.schemas.TriggerOutcome;
import dev.tecko.schemas.TriggerResult;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One Keboola target hangs (accepts the request and never answers) while another is healthy, on the same partitions.
 * The hanging host must hold up only its own triggers: the healthy host's hundred are delivered within seconds. Once the
 * hanging host answers again, its triggers get their results too, each exactly one: {@code unknown} for a request that
 * went unanswered (the job may exist), {@code ok} for those sent after.
 */
@ExtendWith(KafkaBrokerExtension.class)
class DispatcherLanesIT {
    private static final String TOKEN = "kbc-lanes-" + UUID.randomUUID();

    @Test
    void givenOneTargetHanging_whenTriggersForAHealthyTargetFollowOnTheSamePartitions_thenTheyAreDeliveredWithinSeconds(
            EmbeddedKafka kafka) throws Exception {
        var fixture = new DispatcherFixture(kafka, 2);
        try (SandboxKeboola hanging = SandboxKeboola.start(TOKEN); SandboxKeboola healthy = SandboxKeboola.start(TOKEN)) {
            hanging.fault(Fault.HANG, 1_000);
            // a call may take 20 s: the hanging host's first requests stay in flight while the healthy host's are delivered
            Map<String, String> settings = Map.of("TECKO_DISPATCHER_HTTP_CALL_TIMEOUT_MILLIS", "20000",
                    "TECKO_DISPATCHER_RETRY_TOTAL_SECONDS", "120");
            List<TriggerCommand> stuck = IntStream.range(0, 6).mapToObj(i -> DispatcherFixture.trigger(i, hanging.url(), "kbc")).toList();
            List<TriggerCommand> fine = IntStream.range(100, 200).mapToObj(i -> DispatcherFixture.trigger(i, healthy.url(), "kbc")).toList();

            try (var dispatcher = runtime(fixture, settings).start()) {
                // Given the hanging host's triggers are in flight, first on both partitions
                fixture.send(stuck);
                Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> hanging.postAttempts() >= 2);

                // When a hundred triggers for the healthy host follow them
                long sentAt = System.nanoTime();
                fixture.send(fine);

                // Then all hundred are delivered within seconds, while the hanging ones are still waiting for an answer
                Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> healthy.received().size() >= 100);
                List<TriggerResult> results = fixture.results(100, Duration.ofSeconds(30));
                long seconds = Duration.ofNanos(System.nanoTime() - sentAt).toSeconds();
                assertThat(results).as("results of the healthy host's triggers, %d s after they were sent", seconds)
                        .hasSize(100)
                        .allSatisfy(r -> assertThat(r.outcome()).isEqualTo(TriggerOutcome.OK));
                assertThat(results).extracting(TriggerResult::jobId)
                        .containsExactlyInAnyOrderElementsOf(fine.stream().map(TriggerCommand::jobId).toList());
                assertThat(seconds).as("seconds until the healthy host's hundred were delivered").isLessThan(15);
                assertThat(hanging.jobsCreated()).as("jobs the hanging host created so far").isZero();

                // And once the hanging host answers again, its triggers get their results too
                hanging.clearFault();
                Awaitility.await().atMost(Duration.ofSeconds(120)).until(() -> fixture.results(106, Duration.ofSeconds(1)).size() >= 106);
            }
            List<TriggerResult> all = fixture.results(106, Duration.ofSeconds(3));
            assertThat(all).hasSize(106);
            assertThat(all).extracting(TriggerResult::triggerId).doesNotHaveDuplicates();
            assertThat(healthy.received()).as("Keboola jobs on the healthy host").hasSize(100);
            List<TriggerResult> stuckResults = all.stream().filter(r -> !fine.stream().anyMatch(t -> t.jobId().equals(r.jobId()))).toList();
            assertThat(stuckResults).extracting(TriggerResult::outcome).containsOnly(TriggerOutcome.OK, TriggerOutcome.UNKNOWN);
            assertThat(hanging.received()).as("Keboola jobs on the once-hanging host: one per ok result")
                    .hasSize((int) stuckResults.stream().filter(r -> r.outcome() == TriggerOutcome.OK).count());
        }
    }

    private static DispatcherRuntime runtime(DispatcherFixture fixture, Map<String, String> settings) {
        return new DispatcherRuntime(fixture.config("lanes", settings), new SimpleMeterRegistry(),
                DispatcherFixture.secrets(Map.of("kbc", TOKEN)), Clock.systemUTC());
    }
}
