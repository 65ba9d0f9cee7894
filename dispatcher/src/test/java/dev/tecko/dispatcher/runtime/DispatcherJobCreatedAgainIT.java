package dev.tecko.dispatcher.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tecko.embedded.EmbeddedKafka;
import dev.tecko.embedded.KafkaBrokerExtension;
import dev.tecko.embedded.keboola.SandboxKeboola;
import dev.tecko.schemas.BatchOutcome;
import dev.tecko.schemas.BatchStatus;
import dev.tecko.schemas.TriggerCommand;
import dev.tecko.schemas.TriggerOutcome;
import dev.tecko.schemas.TriggerResult;
import dev.tecko.schemas.TriggerTarget;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A job id used again: the first job of the id was triggered, then the processor's state was reset and the history of
 * that job was gone, so a new job of the same id starts at generation 1 again and emits trigger {@code job:1} once more.
 * That trigger is new work and must reach Keboola; the old job's trigger, emitted again by a reprocessing, must not.
 */
@ExtendWith(KafkaBrokerExtension.class)
class DispatcherJobCreatedAgainIT {
    private static final String TOKEN = "kbc-again-" + UUID.randomUUID();
    private static final Instant FIRST_JOB = Instant.parse("2026-11-01T00:00:00Z");
    private static final Instant SECOND_JOB = Instant.parse("2026-12-01T00:00:00Z");

    @Test
    void givenAJobIdCreatedAgainAfterAReset_whenItsGeneration1Triggers_thenKeboolaGetsIt_andTheOldTriggerIsSkipped(EmbeddedKafka kafka)
            throws Exception {
        var fixture = new DispatcherFixture(kafka, 2);
        try (SandboxKeboola keboola = SandboxKeboola.start(TOKEN);
             var dispatcher = new DispatcherRuntime(fixture.config("again", Map.of()), new SimpleMeterRegistry(),
                     DispatcherFixture.secrets(Map.of("kbc", TOKEN)), Clock.systemUTC()).start()) {
            // Given the first job of the id was delivered
            fixture.send(List.of(trigger(keboola, FIRST_JOB, "batch_old")));
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> fixture.results(1, Duration.ofMillis(500)).size() >= 1);

            // When the new job of the same id triggers its generation 1, and the old job's trigger is emitted once more
            fixture.send(List.of(trigger(keboola, SECOND_JOB, "batch_new"), trigger(keboola, FIRST_JOB, "batch_old")));
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> fixture.results(3, Duration.ofMillis(500)).size() >= 3);
            List<TriggerResult> results = fixture.results(3, Duration.ofSeconds(3));
            // Then the new job got a Keboola job of its own, and the old job's trigger a skip naming the later job
            assertThat(results).extracting(TriggerResult::outcome)
                    .containsExactlyInAnyOrder(TriggerOutcome.OK, TriggerOutcome.OK, TriggerOutcome.SKIPPED);
            assertThat(keboola.received()).extracting(r -> r.variables().get("batch_ids_completed"))
                    .containsExactly("[\"batch_old\"]", "[\"batch_new\"]");
            assertThat(results).filteredOn(r -> r.outcome() == TriggerOutcome.SKIPPED).singleElement()
                    .satisfies(r -> assertThat(r.error()).contains("created later"));
        }
    }

    private static TriggerCommand trigger(SandboxKeboola keboola, Instant jobCreatedAt, String batch) {
        return TriggerCommand.of("job-1", "reused id", 1, TriggerTarget.keboola(keboola.url(), "keboola.ex-generic-v2", "cfg-1", "kbc"),
                List.of(new BatchOutcome(batch, BatchStatus.COMPLETED, null, null, null)), jobCreatedAt, jobCreatedAt);
    }
}
