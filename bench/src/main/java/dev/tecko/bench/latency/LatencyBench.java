package dev.tecko.bench.latency;

import dev.tecko.bench.kafka.BenchClients;
import dev.tecko.bench.kafka.BenchCluster;
import dev.tecko.bench.kafka.CopyLoop;
import dev.tecko.bench.kafka.Deadline;
import dev.tecko.bench.kafka.JobFixtures;
import dev.tecko.bench.kafka.JobLoader;
import dev.tecko.bench.kafka.RecordCounter;
import dev.tecko.bench.kafka.StateDirs;
import dev.tecko.bench.report.BenchReport;
import dev.tecko.bench.report.Target;
import dev.tecko.platform.config.TeckoConfig;
import dev.tecko.processor.runtime.ProcessorRuntime;
import dev.tecko.processor.runtime.RuntimeSettings;
import dev.tecko.schemas.BatchObservation;
import dev.tecko.schemas.json.JsonSerde;
import dev.tecko.schemas.topics.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Trigger latency at a steady rate of job completions: every job is created and all but its last batch completed
 * first; then a paced producer appends each job's last completed observation at {@code rate} per second, and a
 * {@code read_committed} consumer on {@code triggers} notes when each job's trigger becomes readable.
 * Baseline, same run, same broker: the same records at the same pace through Kafka's own exactly-once copy loop
 * ({@link CopyLoop}, commits at the same interval), measured the same way.
 */
public final class LatencyBench {
    static final double TARGET_P99_MS = 150;

    public record Params(int rate, Duration duration, Duration warmup, int batches, int partitions, Duration commitInterval) {
        int warmupJobs() {
            return (int) (rate * warmup.toMillis() / 1000);
        }

        int jobs() {
            return warmupJobs() + (int) (rate * duration.toMillis() / 1000);
        }
    }

    private final BenchCluster cluster;
    private final Consumer<String> progress;

    public LatencyBench(BenchCluster cluster, Consumer<String> progress) {
        this.cluster = cluster;
        this.progress = progress;
    }

    public BenchReport run(Params params, Deadline deadline) throws Exception {
        var report = new BenchReport("latency").environment(cluster.describe())
                .parameter("rate_per_second", params.rate())
                .parameter("duration_s", params.duration().toSeconds())
                .parameter("warmup_s", params.warmup().toSeconds())
                .parameter("jobs", params.jobs())
                .parameter("batches_per_job", params.batches())
                .parameter("partitions", params.partitions())
                .parameter("commit_interval_ms", params.commitInterval().toMillis())
                .target(Target.atMost("p99_ms", TARGET_P99_MS, null));
        String runId = BenchCluster.runId("latency");
        Topics topics = cluster.createTopics(runId, params.partitions());
        Path stateDir = StateDirs.fresh(runId);
        TeckoConfig config = cluster.processorConfig(runId, stateDir)
                .with(RuntimeSettings.COMMIT_INTERVAL_MS, Long.toString(params.commitInterval().toMillis()));
        List<ProducerRecord<String, byte[]>> lastObservations = lastObservations(params, topics.batchStatus().name());
        try (var runtime = new ProcessorRuntime(config).start()) {
            if (!prepareJobs(params, topics, deadline)) {
                return report.incomplete("the jobs were not all prepared within --max-duration");
            }
            if (!baseline(params, runId, lastObservations, report, deadline)) {
                return report.incomplete("the baseline did not deliver every record within --max-duration");
            }
            progress.accept("measuring: " + params.jobs() + " job completions at " + params.rate() + "/s");
            LatencySample sample = measure(kafka(), topics.triggers().name(), lastObservations, params, deadline);
            sample.describe(report::result);
            Object p99 = report.results().get("p99_ms");
            if (p99 == null || (int) report.results().get("measured") < params.jobs() - params.warmupJobs()) {
                return report.incomplete("not every trigger was readable within --max-duration");
            }
            double baselineP99 = (double) report.baselineResults().get("p99_ms");
            return report.ratio((double) p99 / baselineP99, "processor p99 ÷ baseline p99 (lower is better)")
                    .target(Target.atMost("p99_ms", TARGET_P99_MS, (double) p99));
        } finally {
            StateDirs.delete(stateDir);
        }
    }

    /** Creates the jobs and completes all but the last batch of each, and waits until the processor applied it all. */
    private boolean prepareJobs(Params params, Topics topics, Deadline deadline) throws InterruptedException {
        progress.accept("preparing " + params.jobs() + " jobs of " + params.batches() + " batches");
        // job-events, not job-status: snapshots are coalesced, events are one per create and per applied observation
        try (var jobEvents = RecordCounter.counting(kafka(), topics.jobEvents().name());
             var loader = new JobLoader(kafka(), topics)) {
            loader.creates(0, params.jobs(), params.batches()).flush();
            // observations only once the jobs exist: Kafka Streams does not order records across its input topics
            if (!jobEvents.awaitCount(params.jobs(), deadline)) {
                return false;
            }
            loader.completions(0, params.jobs(), 0, params.batches() - 1).flush();
            return jobEvents.awaitCount((long) params.jobs() * params.batches(), deadline);
        }
    }

    private boolean baseline(Params params, String runId, List<ProducerRecord<String, byte[]>> records, BenchReport report,
                             Deadline deadline) throws Exception {
        progress.accept("baseline: the same records at the same pace through an exactly-once copy loop");
        String in = runId + ".baseline-in";
        String out = runId + ".baseline-out";
        cluster.createTopic(in, params.partitions());
        cluster.createTopic(out, params.partitions());
        var copy = CompletableFuture.supplyAsync(() -> CopyLoop.copy(kafka(), in, out, records.size(), params.commitInterval(),
                runId + "-copy", deadline));
        List<ProducerRecord<String, byte[]>> rerouted = new ArrayList<>(records.size());
        records.forEach(r -> rerouted.add(new ProducerRecord<>(in, r.key(), r.value())));
        LatencySample sample = measure(kafka(), out, rerouted, params, deadline);
        CopyLoop.Result copied = copy.get();
        report.baselineDescription("the same records at the same pace through a read_committed consumer → transactional "
                + "producer copy loop committing every " + params.commitInterval().toMillis() + " ms (exactly-once, no state)");
        sample.describe(report::baseline);
        return copied.complete() && report.baselineResults().containsKey("p99_ms");
    }

    /** Sends {@code records} at the rate and notes when each job's record shows up on {@code readTopic}. */
    private static LatencySample measure(Properties kafka, String readTopic, List<ProducerRecord<String, byte[]>> records,
                                         Params params, Deadline deadline) throws InterruptedException {
        long[] arrivedAt = new long[records.size()];
        try (var tail = RecordCounter.start(kafka, readTopic, (key, value, at) -> {
            int job = JobFixtures.jobIndex(key);
            if (arrivedAt[job] == 0) {
                arrivedAt[job] = at;
            }
        }); var producer = BenchClients.pollerLikeProducer(kafka)) {
            long[] sentAt = PacedSender.send(producer, records, params.rate(), deadline);
            tail.awaitCount(records.size(), deadline);
            // awaitCount's lock orders the tail thread's writes of arrivedAt before this read
            return new LatencySample(sentAt, arrivedAt.clone(), params.warmupJobs());
        }
    }

    private static List<ProducerRecord<String, byte[]>> lastObservations(Params params, String topic) {
        var serde = new JsonSerde<>(BatchObservation.class);
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>(params.jobs());
        for (int job = 0; job < params.jobs(); job++) {
            records.add(new ProducerRecord<>(topic, JobFixtures.jobId(job),
                    serde.toBytes(JobFixtures.completed(job, params.batches() - 1))));
        }
        return records;
    }

    private Properties kafka() {
        return cluster.kafka();
    }
}
