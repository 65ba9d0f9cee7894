package dev.tecko.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tecko.app.sandbox.Sandbox;
import dev.tecko.embedded.EmbeddedKafka;
import dev.tecko.embedded.KafkaBrokerExtension;
import dev.tecko.embedded.keboola.ReceivedJobRequest;
import dev.tecko.embedded.openai.BatchPlan;
import dev.tecko.schemas.BatchSnapshot;
import dev.tecko.schemas.JobCommand;
import dev.tecko.schemas.JobSnapshot;
import dev.tecko.schemas.JobSpec;
import dev.tecko.schemas.JobStatus;
import dev.tecko.schemas.Provider;
import dev.tecko.schemas.TriggerTarget;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16's "done when", through the whole system on the embedded broker and the sandbox: one job each for OpenAI,
 * Anthropic and Gemini, each polled through its provider's stand-in (its own paths, headers and shapes), reaches the
 * sandbox Keboola with TeckoChecker's five variables, and each batch keeps its provider and the provider's own status.
 */
@ExtendWith(KafkaBrokerExtension.class)
class ProvidersEndToEndIT {
    private static final String CONFIG = "providers-e2e";

    @Test
    @DisplayName("given an OpenAI, an Anthropic and a Gemini job in the sandbox when their batches end then each triggers Keboola once with TeckoChecker's five variables")
    void everyProviderReachesKeboola(EmbeddedKafka kafka, @TempDir Path dataDir) throws Exception {
        var config = IsolatedSystem.config(kafka, Map.of());
        try (var system = LocalSystem.start(config, dataDir, true, false, null)) {
            Sandbox sandbox = system.sandbox().orElseThrow();
            String openAiBatch = "batch_openai_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
            sandbox.openAi().createBatch(openAiBatch, BatchPlan.completesAfter(Duration.ofSeconds(3), 10));
            String openAiJob = "openai-" + UUID.randomUUID().toString().substring(0, 8);
            var target = TriggerTarget.keboola(sandbox.keboola().url(), Sandbox.COMPONENT, CONFIG, Sandbox.KEBOOLA_SECRET);
            IsolatedSystem.send(config, JobCommand.create(UUID.randomUUID().toString(), openAiJob, new JobSpec("openai job",
                    List.of(openAiBatch), Sandbox.OPENAI_SECRET, target, JobSpec.MIN_POLL_INTERVAL_SECONDS, null, null, null, null, null),
                    Instant.now()));
            List<Sandbox.DemoJob> jobs = new ArrayList<>(List.of(new Sandbox.DemoJob(openAiJob, List.of(openAiBatch))));
            jobs.addAll(sandbox.createProviderDemoJobs(system.config(), CONFIG));

            await("three Keboola jobs").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                    .until(() -> requests(sandbox).size() >= 3);
            await("every job completed").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).ignoreExceptions()
                    .until(() -> jobs.stream().allMatch(j -> system.processor().queries().get(j.jobId())
                            .map(s -> s.status() == JobStatus.COMPLETED).orElse(false)));

            assertThat(requests(sandbox)).hasSize(3);
            for (Sandbox.DemoJob job : jobs) {
                String batchId = job.batchIds().get(0);
                assertThat(requests(sandbox)).as("the Keboola job of " + job.jobId())
                        .anySatisfy(r -> assertThat(r.variables()).containsExactly(
                                Map.entry("batch_ids_completed", "[\"" + batchId + "\"]"),
                                Map.entry("batch_ids_failed", "[]"),
                                Map.entry("batch_count_total", "1"),
                                Map.entry("batch_count_completed", "1"),
                                Map.entry("batch_count_failed", "0")));
            }
            assertThat(batch(system, jobs.get(0))).satisfies(b -> {
                assertThat(b.provider()).isEqualTo(Provider.OPENAI);
                assertThat(b.providerStatus()).isEqualTo("completed");
            });
            assertThat(batch(system, jobs.get(1))).satisfies(b -> {
                assertThat(b.provider()).isEqualTo(Provider.ANTHROPIC);
                assertThat(b.providerStatus()).isEqualTo("ended");
            });
            assertThat(batch(system, jobs.get(2))).satisfies(b -> {
                assertThat(b.provider()).isEqualTo(Provider.GEMINI);
                assertThat(b.providerStatus()).isEqualTo("BATCH_STATE_SUCCEEDED");
            });
            assertThat(sandbox.anthropic().requests("/v1/messages/batches/" + jobs.get(1).batchIds().get(0))).isPositive();
            assertThat(sandbox.gemini().requests("/v1beta/batches/" + jobs.get(2).batchIds().get(0))).isPositive();
        }
    }

    private static BatchSnapshot batch(LocalSystem system, Sandbox.DemoJob job) {
        JobSnapshot snapshot = system.processor().queries().get(job.jobId()).orElseThrow();
        return snapshot.batches().get(0);
    }

    private static List<ReceivedJobRequest> requests(Sandbox sandbox) {
        return sandbox.keboola().received().stream().filter(r -> CONFIG.equals(r.config())).toList();
    }
}
