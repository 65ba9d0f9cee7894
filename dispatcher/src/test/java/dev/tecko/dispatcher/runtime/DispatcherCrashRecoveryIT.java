package dev.tecko.dispatcher.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tecko.embedded.EmbeddedKafka;
import dev.tecko.embedded.KafkaBrokerExtension;
import dev.tecko.embedded.keboola.ReceivedJobRequest;
import dev.tecko.embedded.keboola.SandboxKeboola;
import dev.tecko.schemas.TriggerCommand;
import dev.tecko.schemas.TriggerOutcome;
import dev.tecko.schemas.TriggerResult;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaBrokerExtension.class)
class DispatcherCrashRecoveryIT {
    private static final int TRIGGERS = Integer.getInteger("tecko.it.dispatcher.triggers", 1_000);
    private static final int KILLS = 3;
    private static final String TOKEN = "kbc-token-" + java.util.UUID.randomUUID();

    @Test
    void givenTheDispatcherIsKilledThreeTimesMidRun_whenItRestarts_thenEveryTriggerGetsOneResultAndKeboolaOnePost(EmbeddedKafka kafka)
            throws Exception {
        var fixture = new DispatcherFixture(kafka, 4);
        try (SandboxKeboola keboola = SandboxKeboola.start(TOKEN)) {
            List<TriggerCommand> triggers = IntStream.range(0, TRIGGERS)
                    .mapToObj(i -> DispatcherFixture.trigger(i, keboola.url(), "kbc")).toList();
            fixture.send(triggers);

            long started = System.nanoTime();
            for (int kill = 1; kill <= KILLS; kill++) {
                int target = TRIGGERS * kill / (KILLS + 1);
                var runtime = runtime(fixture, "instance-" + kill).start();
                Awaitility.await().atMost(Duration.ofMinutes(2)).until(() -> keboola.received().size() >= target);
                runtime.kill();
            }
            try (var survivor = runtime(fixture, "survivor").start()) {
                Awaitility.await().atMost(Duration.ofMinutes(3))
                        .until(() -> fixture.results(TRIGGERS, Duration.ofSeconds(2)).size() >= TRIGGERS);
            }
            double seconds = (System.nanoTime() - started) / 1e9;

            List<TriggerResult> results = fixture.results(TRIGGERS, Duration.ofSeconds(10));
            Map<String, Long> resultsPerTrigger = results.stream().collect(Collectors.groupingBy(TriggerResult::triggerId, Collectors.counting()));
            List<ReceivedJobRequest> posts = keboola.received();
            Map<String, Long> postsPerJob = posts.stream()
                    .collect(Collectors.groupingBy(p -> p.variables().get("batch_ids_completed"), Collectors.counting()));
            long duplicatePosts = posts.size() - postsPerJob.size();
            List<TriggerResult> unknown = results.stream().filter(r -> r.outcome() == TriggerOutcome.UNKNOWN).toList();
            System.out.printf("dispatcher crash IT: %d triggers, %d kills, %.1f s, %.0f triggers/s, %d duplicate POSTs, %d unknown%n",
                    TRIGGERS, KILLS, seconds, TRIGGERS / seconds, duplicatePosts, unknown.size());
            unknown.forEach(r -> System.out.println("unknown: " + r.triggerId() + ": " + r.error()));

            assertThat(resultsPerTrigger).hasSize(TRIGGERS).allSatisfy((id, count) -> assertThat(count).as(id).isEqualTo(1L));
            assertThat(duplicatePosts).isZero();
            assertThat(unknown).isEmpty();
            assertThat(results).allMatch(TriggerResult::ok);
            Map<String, String> jobByBatches = posts.stream()
                    .collect(Collectors.toMap(p -> p.variables().get("batch_ids_completed"), ReceivedJobRequest::jobId));
            Map<String, TriggerCommand> triggerById = triggers.stream().collect(Collectors.toMap(TriggerCommand::triggerId, Function.identity()));
            assertThat(results).allSatisfy(r -> assertThat(r.keboolaJobId())
                    .isEqualTo(jobByBatches.get(triggerById.get(r.triggerId()).variables().get("batch_ids_completed"))));
        }
    }

    private static DispatcherRuntime runtime(DispatcherFixture fixture, String instance) {
        return new DispatcherRuntime(fixture.config(instance, Map.of("TECKO_DISPATCHER_MAX_POLL_RECORDS", "50")),
                new SimpleMeterRegistry(), DispatcherFixture.secrets(Map.of("kbc", TOKEN)), Clock.systemUTC());
    }
}
