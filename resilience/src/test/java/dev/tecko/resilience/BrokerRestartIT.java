package dev.tecko.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tecko.dispatcher.runtime.DispatcherRuntime;
import dev.tecko.embedded.EmbeddedKafka;
import dev.tecko.embedded.keboola.SandboxKeboola;
import dev.tecko.embedded.openai.BatchPlan;
import dev.tecko.embedded.openai.SandboxOpenAi;
import dev.tecko.poller.runtime.PollerRuntime;
import dev.tecko.poller.runtime.PollerSettings;
import dev.tecko.processor.runtime.ProcessorRuntime;
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
import java.util.Random;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole system — processor, poller, dispatcher, sandbox OpenAI and Keboola — on a broker of its own, which is stopped
 * in the middle of the run and started again on the same port and data directory. No runtime is restarted: each must
 * ride out the outage with its own retries and reconnects, and every job must still end as planned with exactly one
 * Keboola job. Sizes: {@code -Dtecko.resilience.restart.jobs} (default 100 jobs of 2 batches),
 * {@code -Dtecko.resilience.restart.downtime.seconds} (default 10) and {@code -Dtecko.resilience.outage.broker.seconds}
 * (default 180: longer than the producers' delivery.timeout.ms, so the sends of that time fail and must be made again).
 */
class BrokerRestartIT {
    private static final int JOBS = Integer.getInteger("tecko.resilience.restart.jobs", 100);
    private static final Duration RESTART = Duration.ofSeconds(Integer.getInteger("tecko.resilience.restart.downtime.seconds", 10));
    /** Longer than the producers' delivery.timeout.ms (2 min): every send of the time fails, and must be made again. */
    private static final Duration OUTAGE = Duration.ofSeconds(Integer.getInteger("tecko.resilience.outage.broker.seconds", 180));
    private static final String API_KEY = "sk-restart-" + UUID.randomUUID();
    private static final String TOKEN = "kbc-restart-" + UUID.randomUUID();

    static java.util.stream.Stream<Duration> downtimes() {
        return java.util.stream.Stream.of(RESTART, OUTAGE);
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "broker down {0}")
    @org.junit.jupiter.params.provider.MethodSource("downtimes")
    @DisplayName("given the whole system running, when the broker is stopped mid-run (a restart, and an outage longer than "
            + "delivery.timeout.ms) and started again on the same data, then every runtime recovers by itself and every job "
            + "completes with one Keboola job")
    @SuppressWarnings("try") // the runtimes only need to run; the test watches their topics and the sandboxes
    void everyRuntimeRidesOutABrokerRestart(Duration downtime, @TempDir Path stateDir) {
        var random = new Random(Seeds.seed("BrokerRestartIT"));
        try (var broker = EmbeddedKafka.temporary().start();
             var openAi = SandboxOpenAi.start(API_KEY);
             var keboola = SandboxKeboola.start(TOKEN)) {
            var cluster = new Cluster(broker, "restart")
                    // a job's 10 s poll interval becomes 1 s: the run takes seconds, not minutes
                    .with(PollerSettings.MIN_INTERVAL_SECONDS, "1")
                    .with(PollerSettings.TICK_MILLIS, "100");
            cluster.storeSecret("openai-main", SecretType.OPENAI, openAi.baseUrl(), API_KEY);
            cluster.storeSecret("kbc", SecretType.KEBOOLA, null, TOKEN);
            Map<String, JobStatus> expected = createJobs(cluster, openAi, keboola, random);

            try (var processor = new ProcessorRuntime(cluster.processorConfig(stateDir)).start();
                 var poller = new PollerRuntime(cluster.config()).start();
                 var dispatcher = new DispatcherRuntime(cluster.config()).start();
                 var deliveries = new Deliveries(cluster, keboola);
                 var jobStatus = cluster.reader(cluster.topics().jobStatus())) {
                Map<String, JobSnapshot> latest = new HashMap<>();
                Runnable read = () -> jobStatus.poll().forEach(r -> latest.put(r.key(), r.value()));
                await().atMost(Duration.ofMinutes(2)).until(() -> {
                    read.run();
                    return finished(latest) >= JOBS / 5;
                });

                broker.stop();
                long finishedBefore = finished(latest);
                int postsBefore = keboola.received().size();
                long requestsBefore = openAi.totalRequests();
                long stoppedAt = System.nanoTime();
                // the outage itself: the broker stays down this long while the runtimes keep trying
                await().during(downtime).atMost(downtime.plusSeconds(30)).until(() -> !broker.isRunning());
                long polledWhileDown = openAi.totalRequests() - requestsBefore;
                broker.start();
                long restartedAt = System.nanoTime();

                var progress = new Progress("broker-restart");
                await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200)).until(() -> {
                    read.run();
                    deliveries.collectResults();
                    progress.report(finished(latest) + " of " + JOBS + " jobs finished, processor " + processor.state());
                    return finished(latest) == JOBS && deliveries.collectResults() == JOBS;
                });
                System.out.printf("BrokerRestartIT: %d jobs; broker down %.1f s after %d jobs finished and %d Keboola POSTs "
                                + "(%d OpenAI requests while it was down); all finished %.1f s after the restart; %d POSTs in all, "
                                + "%d duplicate, processor %s%n", JOBS, (restartedAt - stoppedAt) / 1e9, finishedBefore, postsBefore,
                        polledWhileDown, (System.nanoTime() - restartedAt) / 1e9,
                        keboola.received().size(), deliveries.duplicatePosts(), processor.state());

                assertThat(finishedBefore).as("jobs finished before the stop: the restart came mid-run").isLessThan(JOBS);
                Map<String, JobStatus> actual = new HashMap<>();
                latest.forEach((id, snapshot) -> actual.put(id, snapshot.status()));
                assertThat(actual).isEqualTo(expected);
                deliveries.assertEveryTriggerDeliveredOnce(JOBS);
                assertThat(processor.isRunning()).as("the processor, never restarted, is running").isTrue();
            }
        }
    }

    private static long finished(Map<String, JobSnapshot> latest) {
        return latest.values().stream().filter(s -> s != null && s.status().isFinished()).count();
    }

    /** Jobs of two sandbox batches finishing 3..30 s from now; one batch in five fails validation. */
    private static Map<String, JobStatus> createJobs(Cluster cluster, SandboxOpenAi openAi, SandboxKeboola keboola, Random random) {
        Map<String, JobStatus> expected = new HashMap<>();
        var target = TriggerTarget.keboola(keboola.url(), "keboola.ex-generic-v2", "cfg-1", "kbc");
        try (var commands = cluster.producer(cluster.topics().jobCommands())) {
            for (int j = 0; j < JOBS; j++) {
                List<String> batchIds = new ArrayList<>();
                boolean anyFailed = false;
                for (int b = 0; b < 2; b++) {
                    String id = "batch_" + j + "_" + b;
                    Duration after = Duration.ofSeconds(3 + random.nextInt(28));
                    boolean fails = random.nextInt(5) == 0;
                    anyFailed |= fails;
                    openAi.createBatch(id, fails ? BatchPlan.failsValidation(after) : BatchPlan.completesAfter(after, 10));
                    batchIds.add(id);
                }
                String jobId = "job-" + j;
                expected.put(jobId, anyFailed ? JobStatus.COMPLETED_WITH_FAILURES : JobStatus.COMPLETED);
                var spec = new JobSpec("job " + j, batchIds, "openai-main", target, JobSpec.MIN_POLL_INTERVAL_SECONDS,
                        null, null, null, null, null);
                commands.send(new ProducerRecord<>(cluster.topics().jobCommands().name(), jobId,
                        JobCommand.create("c-" + j, jobId, spec, Instant.now())));
            }
        }
        return expected;
    }
}
