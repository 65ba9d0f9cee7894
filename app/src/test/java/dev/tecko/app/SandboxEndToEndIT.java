package dev.tecko.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tecko.app.sandbox.Sandbox;
import dev.tecko.embedded.EmbeddedKafka;
import dev.tecko.embedded.KafkaBrokerExtension;
import dev.tecko.embedded.keboola.ReceivedJobRequest;
import dev.tecko.platform.config.TeckoConfig;
import dev.tecko.schemas.JobStatus;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** What {@code tecko up --sandbox} does, end to end: the demo job's batches finish and Keboola is triggered once. */
@ExtendWith(KafkaBrokerExtension.class)
class SandboxEndToEndIT {

    @Test
    void givenTheSandboxWhenTheDemoJobsBatchesFinishThenKeboolaIsTriggeredOnceWithTeckoCheckersVariables(EmbeddedKafka kafka,
                                                                                                         @TempDir Path dataDir) {
        String prefix = "sb" + UUID.randomUUID().toString().substring(0, 8) + ".";
        var config = TeckoConfig.of(Map.of(TeckoConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers(), TeckoConfig.TOPIC_PREFIX, prefix,
                "TECKO_TOPIC_PARTITIONS", "2", "TECKO_PROCESSOR_APPLICATION_ID", prefix + "processor",
                "TECKO_POLLER_GROUP_ID", prefix + "poller", "TECKO_DISPATCHER_GROUP_ID", prefix + "dispatcher"));
        var printed = new StringWriter();
        try (var system = LocalSystem.start(config, dataDir, true, new PrintWriter(printed, true))) {
            Sandbox.DemoJob job = system.demoJob().orElseThrow();
            Sandbox sandbox = system.sandbox().orElseThrow();

            await("the demo job to be triggered").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                    .until(() -> !sandbox.keboola().received().isEmpty());
            await("the demo job to complete").atMost(Duration.ofSeconds(30))
                    .until(() -> system.processor().queries().get(job.jobId())
                            .map(s -> s.status() == JobStatus.COMPLETED_WITH_FAILURES).orElse(false));

            // and followed to its real end: the Keboola job runs on the sandbox's clock and succeeds
            await("the demo job's Keboola job to succeed").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                    .until(() -> system.processor().queries().get(job.jobId())
                            .map(s -> s.downstream() != null && s.downstream().status() == dev.tecko.schemas.DownstreamStatus.SUCCESS)
                            .orElse(false));
            var demo = sandbox.keboola().received().stream().filter(r -> Sandbox.CONFIG.equals(r.config())).toList();
            assertThat(demo).hasSize(1);
            ReceivedJobRequest request = demo.get(0);
            assertThat(request.mode()).isEqualTo("run");
            assertThat(request.component()).isEqualTo(Sandbox.COMPONENT);
            assertThat(request.config()).isEqualTo(Sandbox.CONFIG);
            assertThat(request.variables()).containsExactly(
                    Map.entry("batch_ids_completed", "[\"" + job.batchIds().get(0) + "\", \"" + job.batchIds().get(1) + "\"]"),
                    Map.entry("batch_ids_failed", "[\"" + job.batchIds().get(2) + "\"]"),
                    Map.entry("batch_count_total", "3"),
                    Map.entry("batch_count_completed", "2"),
                    Map.entry("batch_count_failed", "1"));
            assertThat(printed.toString()).contains(job.jobId()).contains("trigger_requested");

            // one demo job each for Anthropic and Gemini, reaching Keboola with TeckoChecker's five variables
            assertThat(system.providerDemoJobs()).extracting(Sandbox.DemoJob::jobId)
                    .anySatisfy(id -> assertThat(id).startsWith("demo-anthropic-")).anySatisfy(id -> assertThat(id).startsWith("demo-gemini-"));
            await("the Anthropic and Gemini demo jobs to be triggered").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> sandbox.keboola().received().stream().filter(r -> Sandbox.PROVIDERS_CONFIG.equals(r.config())).count() == 2);
            for (Sandbox.DemoJob providerJob : system.providerDemoJobs()) {
                await(providerJob.jobId() + " to complete").atMost(Duration.ofSeconds(30)).until(() -> system.processor().queries()
                        .get(providerJob.jobId()).map(s -> s.status() == JobStatus.COMPLETED).orElse(false));
            }
            assertThat(sandbox.keboola().received().stream().filter(r -> Sandbox.PROVIDERS_CONFIG.equals(r.config())))
                    .allSatisfy(r -> assertThat(r.variables()).containsOnlyKeys("batch_ids_completed", "batch_ids_failed",
                            "batch_count_total", "batch_count_completed", "batch_count_failed")
                            .containsEntry("batch_count_completed", "1"));
        }
    }
}
