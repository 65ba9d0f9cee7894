package dev.tecko.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tecko.dispatcher.runtime.DispatcherRuntime;
import dev.tecko.embedded.EmbeddedKafka;
import dev.tecko.embedded.KafkaBrokerExtension;
import dev.tecko.embedded.keboola.SandboxKeboola;
import dev.tecko.embedded.openai.BatchPlan;
import dev.tecko.embedded.openai.SandboxOpenAi;
import dev.tecko.poller.runtime.PollerRuntime;
import dev.tecko.poller.runtime.PollerSettings;
import dev.tecko.processor.runtime.ProcessorRuntime;
import dev.tecko.schemas.BatchObservation;
import dev.tecko.schemas.JobCommand;
import dev.tecko.schemas.JobSnapshot;
import dev.tecko.schemas.JobSpec;
import dev.tecko.schemas.JobStatus;
import dev.tecko.schemas.SecretType;
import dev.tecko.schemas.TriggerTarget;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * OpenAI answers for failed batches that list hundreds of errors with long messages (about 1.2 MB per answer, more than
 * Kafka's default record limit), through the whole system: poller, processor and dispatcher in-process on a real broker.
 * No record may be too large, nothing may stall: every job ends, triggers once, and its observations stay small. Sizes:
 * {@code -Dtecko.resilience.errors.jobs} (default 20), {@code -Dtecko.resilience.errors.perBatch} (default 400).
 */
@ExtendWith(KafkaBrokerExtension.class)
class OversizedProviderErrorsIT {
    private static final int JOBS = Integer.getInteger("tecko.resilience.errors.jobs", 20);
    private static final int ERRORS = Integer.getInteger("tecko.resilience.errors.perBatch", 400);
    private static final String API_KEY = "sk-errors-" + UUID.randomUUID();
    private static final String TOKEN = "kbc-errors-" + UUID.randomUUID();

    @Test
    @DisplayName("given failed batches whose OpenAI answers list 400 long errors, then every job ends and triggers once, "
            + "and every observation stays small")
    @SuppressWarnings("try") // the runtimes only need to run; the test watches their topics and the sandboxes
    void hugeErrorListsAreBoundedEndToEnd(EmbeddedKafka kafka, @TempDir Path stateDir) {
        try (var openAi = SandboxOpenAi.start(API_KEY); var keboola = SandboxKeboola.start(TOKEN)) {
            var cluster = new Cluster(kafka, "errors")
                    .with(PollerSettings.MIN_INTERVAL_SECONDS, "1")
                    .with(PollerSettings.TICK_MILLIS, "100");
            cluster.storeSecret("openai-main", SecretType.OPENAI, openAi.baseUrl(), API_KEY);
            cluster.storeSecret("kbc", SecretType.KEBOOLA, null, TOKEN);
            createJobs(cluster, openAi, keboola);

            try (var processor = new ProcessorRuntime(cluster.processorConfig(stateDir)).start();
                 var poller = new PollerRuntime(cluster.config()).start();
                 var dispatcher = new DispatcherRuntime(cluster.config()).start();
                 var deliveries = new Deliveries(cluster, keboola);
                 var jobStatus = cluster.reader(cluster.topics().jobStatus());
                 var batchStatus = cluster.reader(cluster.topics().batchStatus());
                 var dlq = cluster.reader(cluster.topics().dlq())) {
                Map<String, JobSnapshot> latest = new HashMap<>();
                List<ConsumerRecord<String, BatchObservation>> observations = new ArrayList<>();
                var progress = new Progress("oversized-errors");
                await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200)).until(() -> {
                    jobStatus.poll().forEach(r -> latest.put(r.key(), r.value()));
                    observations.addAll(batchStatus.poll());
                    int delivered = deliveries.collectResults();
                    progress.report(finished(latest) + " of " + JOBS + " jobs finished, " + delivered + " delivered");
                    return finished(latest) == JOBS && delivered == JOBS;
                });
                observations.addAll(batchStatus.poll());
                List<BatchObservation> failed = observations.stream().map(ConsumerRecord::value)
                        .filter(o -> o.status().isTerminal() && !o.status().isCompleted()).toList();
                int largest = observations.stream().mapToInt(ConsumerRecord::serializedValueSize).max().orElse(0);
                System.out.printf("OversizedProviderErrorsIT: %d jobs, %d failed batches answering %d errors each (about %,d B per "
                                + "answer); largest observation %,d B; %d POSTs, %d duplicate; processor %s%n", JOBS, failed.size(), ERRORS,
                        ERRORS * 3_000, largest, keboola.received().size(), deliveries.duplicatePosts(), processor.state());

                assertThat(latest.values()).extracting(JobSnapshot::status).containsOnly(JobStatus.COMPLETED_WITH_FAILURES);
                deliveries.assertEveryTriggerDeliveredOnce(JOBS);
                assertThat(failed).isNotEmpty().allSatisfy(o -> {
                    assertThat(o.errors()).hasSize(BatchObservation.MAX_ERRORS);
                    assertThat(o.errorsDropped()).isEqualTo(ERRORS - BatchObservation.MAX_ERRORS);
                });
                assertThat(largest).as("largest observation, bytes").isLessThan(128 * 1024);
                assertThat(latest.values()).allSatisfy(job -> assertThat(job.batches().stream().mapToInt(b -> b.errors().size()).sum())
                        .isLessThanOrEqualTo(100));
                assertThat(dlq.poll()).as("dead letters").isEmpty();
                assertThat(processor.isRunning()).isTrue();
            }
        }
    }

    private static long finished(Map<String, JobSnapshot> latest) {
        return latest.values().stream().filter(s -> s != null && s.status().isFinished()).count();
    }

    /** Jobs of two batches: one fails validation listing {@link #ERRORS} errors, one completes; 2..6 s from now. */
    private static void createJobs(Cluster cluster, SandboxOpenAi openAi, SandboxKeboola keboola) {
        var target = TriggerTarget.keboola(keboola.url(), "keboola.ex-generic-v2", "cfg-1", "kbc");
        try (var commands = cluster.producer(cluster.topics().jobCommands())) {
            for (int j = 0; j < JOBS; j++) {
                String failing = "batch_" + j + "_failing";
                String fine = "batch_" + j + "_fine";
                Duration after = Duration.ofSeconds(2 + j % 5);
                openAi.createBatch(failing, BatchPlan.failsValidation(after).withValidationErrors(ERRORS));
                openAi.createBatch(fine, BatchPlan.completesAfter(after, 10));
                String jobId = "job-" + j;
                var spec = new JobSpec("job " + j, List.of(failing, fine), "openai-main", target, JobSpec.MIN_POLL_INTERVAL_SECONDS,
                        null, null, null, null, null);
                commands.send(new ProducerRecord<>(cluster.topics().jobCommands().name(), jobId,
                        JobCommand.create("c-" + j, jobId, spec, Instant.now())));
            }
        }
    }
}
