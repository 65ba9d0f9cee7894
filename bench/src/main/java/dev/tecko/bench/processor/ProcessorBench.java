package dev.tecko.bench.processor;

import dev.tecko.bench.kafka.BenchCluster;
import dev.tecko.bench.kafka.CopyLoop;
import dev.tecko.bench.kafka.Deadline;
import dev.tecko.bench.kafka.JobLoader;
import dev.tecko.bench.kafka.RecordCounter;
import dev.tecko.bench.kafka.StateDirs;
import dev.tecko.bench.report.BenchReport;
import dev.tecko.bench.report.ProcessMemory;
import dev.tecko.bench.report.Target;
import dev.tecko.platform.config.TeckoConfig;
import dev.tecko.processor.metrics.ProcessorMetrics;
import dev.tecko.processor.runtime.ProcessorRuntime;
import dev.tecko.processor.runtime.RuntimeSettings;
import dev.tecko.schemas.topics.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Throughput of the processor: {@code jobs × batches} completed observations wait on {@code batch-status}; measured is
 * the time from starting the processor to every job's trigger being readable ({@code read_committed}) on
 * {@code triggers}. The jobs are created (and applied) first, with the processor stopped afterwards, because the
 * processor drops observations of jobs it does not know and Kafka Streams does not order records across topics.
 * Baseline, same run, same broker: {@link CopyLoop} moving the very same records exactly-once to another topic.
 */
public final class ProcessorBench {
    /** Kafka Streams' commit interval under exactly_once_v2, given to the baseline too. */
    static final Duration COMMIT_INTERVAL = Duration.ofMillis(100);
    static final double TARGET_RATIO = 0.5;
    /** Issue 14: a job's bytes on job-status at most this many times its final snapshot, whatever its size. */
    static final double TARGET_STATUS_BYTES = 3.0;

    public record Params(int jobs, int batches, int partitions) {
        public long events() {
            return (long) jobs * batches;
        }
    }

    private final BenchCluster cluster;
    private final Consumer<String> progress;

    public ProcessorBench(BenchCluster cluster, Consumer<String> progress) {
        this.cluster = cluster;
        this.progress = progress;
    }

    public BenchReport run(Params params, Deadline deadline) throws InterruptedException {
        var report = new BenchReport("processor").environment(cluster.describe())
                .parameter("jobs", params.jobs())
                .parameter("batches_per_job", params.batches())
                .parameter("events", params.events())
                .parameter("partitions", params.partitions())
                .parameter("processing_guarantee", "exactly_once_v2")
                .parameter("commit_interval_ms", COMMIT_INTERVAL.toMillis());
        report.target(Target.atLeast("ratio_to_baseline", TARGET_RATIO, null));
        report.target(Target.atMost("job_status_bytes_to_final_snapshot", TARGET_STATUS_BYTES, null));
        String runId = BenchCluster.runId("processor");
        Topics topics = cluster.createTopics(runId, params.partitions());
        Path stateDir = StateDirs.fresh(runId);
        TeckoConfig config = cluster.processorConfig(runId, stateDir)
                .with(RuntimeSettings.COMMIT_INTERVAL_MS, Long.toString(COMMIT_INTERVAL.toMillis()));
        try {
            if (!createJobs(params, topics, config, report, deadline)) {
                return report.incomplete("the jobs were not all created within --max-duration");
            }
            preloadObservations(params, topics, report);
            if (!baseline(params, topics, runId, report, deadline)) {
                return report.incomplete("the baseline did not copy every record within --max-duration");
            }
            return measure(params, topics, config, report, deadline);
        } finally {
            StateDirs.delete(stateDir);
        }
    }

    private boolean createJobs(Params params, Topics topics, TeckoConfig config, BenchReport report, Deadline deadline)
            throws InterruptedException {
        progress.accept("creating " + params.jobs() + " jobs of " + params.batches() + " batches");
        long begin = System.nanoTime();
        try (var loader = new JobLoader(kafka(), topics)) {
            loader.creates(0, params.jobs(), params.batches()).flush();
        }
        try (var jobStatus = RecordCounter.counting(kafka(), topics.jobStatus().name());
             var runtime = new ProcessorRuntime(config).start()) {
            boolean created = jobStatus.awaitCount(params.jobs(), deadline);
            report.result("setup_jobs_created_ms", millisSince(begin));
            return created;
        }
    }

    private void preloadObservations(Params params, Topics topics, BenchReport report) {
        progress.accept("pre-loading " + params.events() + " observations into " + topics.batchStatus().name());
        try (var loader = new JobLoader(kafka(), topics)) {
            loader.completions(0, params.jobs(), 0, params.batches()).flush();
            report.parameter("observation_bytes_avg", loader.bytes() / loader.records());
        }
    }

    private boolean baseline(Params params, Topics topics, String runId, BenchReport report, Deadline deadline) {
        progress.accept("baseline: exactly-once copy of the same records");
        String copy = runId + ".baseline-copy";
        cluster.createTopic(copy, params.partitions());
        CopyLoop.Result result = CopyLoop.copy(kafka(), topics.batchStatus().name(), copy, params.events(), COMMIT_INTERVAL,
                runId + "-copy", deadline);
        report.baselineDescription("the same records copied to a " + params.partitions() + "-partition topic by a read_committed "
                        + "consumer → transactional producer loop, offsets committed in the transaction every "
                        + COMMIT_INTERVAL.toMillis() + " ms (exactly-once, no state)")
                .baseline("records", result.copied())
                .baseline("bytes", result.bytes())
                .baseline("elapsed_ms", result.elapsedNanos() / 1_000_000)
                .baseline("records_per_second", result.recordsPerSecond());
        return result.complete();
    }

    private BenchReport measure(Params params, Topics topics, TeckoConfig config, BenchReport report, Deadline deadline)
            throws InterruptedException {
        progress.accept("measuring: processor consumes " + params.events() + " observations");
        Set<String> triggered = ConcurrentHashMap.newKeySet();
        try (var triggers = RecordCounter.start(kafka(), topics.triggers().name(), (key, value, at) -> triggered.add(key))) {
            long begin = System.nanoTime();
            try (var runtime = new ProcessorRuntime(config).start()) {
                boolean all = triggers.awaitCount(params.jobs(), deadline);
                long end = all ? triggers.lastArrivalNanos() : System.nanoTime();
                double seconds = (end - begin) / 1e9;
                report.result("elapsed_ms", (end - begin) / 1_000_000)
                        .result("triggers_read", triggers.count())
                        .result("distinct_jobs_triggered", triggered.size())
                        .result("observations_applied", applied(runtime))
                        .result("events_per_second", all ? params.events() / seconds : 0.0)
                        .result("heap_used_after_gc_mib", ProcessMemory.heapUsedAfterGcMib())
                        .result("rss_mib", ProcessMemory.rssMib());
                if (cluster.embedded()) {
                    report.note("heap and RSS are the whole JVM's: the embedded broker and the bench's clients included");
                }
                if (!all) {
                    return report.incomplete(triggers.count() + " of " + params.jobs() + " triggers readable within --max-duration");
                }
                measureSnapshotBytes(params, topics, report, deadline);
                double baseline = (double) report.baselineResults().get("records_per_second");
                double ratio = (params.events() / seconds) / baseline;
                return report.ratio(ratio, "processor events/s ÷ baseline records/s")
                        .target(Target.atLeast("ratio_to_baseline", TARGET_RATIO, ratio));
            }
        }
    }

    /** Read after the measurement (from the topic's beginning), so that reading does not slow the processor down. */
    private void measureSnapshotBytes(Params params, Topics topics, BenchReport report, Deadline deadline) throws InterruptedException {
        try (var snapshots = new SnapshotBytes(kafka(), topics.jobStatus().name())) {
            if (snapshots.awaitFinals(params.jobs(), deadline)) {
                double worst = snapshots.worstRatio();
                report.result("job_status_records", snapshots.records())
                        .result("final_snapshot_bytes_avg", Math.round(snapshots.finalSnapshotBytesAvg()))
                        .result("job_status_bytes_to_final_snapshot_worst", worst)
                        .target(Target.atMost("job_status_bytes_to_final_snapshot", TARGET_STATUS_BYTES, worst));
            }
        }
    }

    private static double applied(ProcessorRuntime runtime) {
        var counter = runtime.registry().find(ProcessorMetrics.OBSERVATIONS).tag("outcome", "applied").counter();
        return counter == null ? 0 : counter.count();
    }

    private Properties kafka() {
        return cluster.kafka();
    }

    private static long millisSince(long beginNanos) {
        return (System.nanoTime() - beginNanos) / 1_000_000;
    }
}
