package dev.tecko.bench.scale;

import dev.tecko.bench.kafka.Await;
import dev.tecko.bench.kafka.BenchCluster;
import dev.tecko.bench.kafka.Deadline;
import dev.tecko.bench.kafka.JobFixtures;
import dev.tecko.bench.kafka.JobLoader;
import dev.tecko.bench.kafka.RecordCounter;
import dev.tecko.bench.kafka.StateDirs;
import dev.tecko.bench.report.BenchReport;
import dev.tecko.bench.report.ProcessMemory;
import dev.tecko.bench.report.Target;
import dev.tecko.platform.config.TeckoConfig;
import dev.tecko.processor.runtime.ProcessorRuntime;
import dev.tecko.processor.runtime.RuntimeSettings;
import dev.tecko.schemas.topics.Topics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * One processor holding many active jobs: heap and RSS it takes, its state directory, how long it takes to rebuild
 * that state from the changelog (state directory deleted, no standby), and how long a surviving instance with a
 * caught-up standby replica takes to serve every job after the other one stops.
 * Baseline, same run: the JVM's heap and RSS before the processor started (broker and clients already running), so
 * what the processor itself holds is the difference.
 */
public final class ScaleBench {
    static final double TARGET_HEAP_MIB = 512;
    static final double TARGET_RESTORE_S = 60;
    private static final int SAMPLE_KEYS = 200;

    public record Params(int jobs, int batches, int partitions) {
    }

    private final BenchCluster cluster;
    private final Consumer<String> progress;

    public ScaleBench(BenchCluster cluster, Consumer<String> progress) {
        this.cluster = cluster;
        this.progress = progress;
    }

    public BenchReport run(Params params, Deadline deadline) throws InterruptedException {
        var report = new BenchReport("scale").environment(cluster.describe())
                .parameter("jobs", params.jobs())
                .parameter("batches_per_job", params.batches())
                .parameter("partitions", params.partitions())
                .parameter("max_heap_mib", Runtime.getRuntime().maxMemory() / (1024 * 1024))
                .baselineDescription("this JVM before the processor started (broker, if embedded, and bench clients running)")
                .target(Target.atMost("heap_held_by_processor_mib", TARGET_HEAP_MIB, null))
                .target(Target.atMost("restore_s", TARGET_RESTORE_S, null));
        String runId = BenchCluster.runId("scale");
        Topics topics = cluster.createTopics(runId, params.partitions());
        Path stateA = StateDirs.fresh(runId);
        Path stateB = StateDirs.fresh(runId);
        TeckoConfig config = cluster.processorConfig(runId, stateA);
        List<String> samples = sampleKeys(params.jobs());
        try {
            double heapBefore = ProcessMemory.heapUsedAfterGcMib();
            Double rssBefore = ProcessMemory.rssMib();
            report.baseline("heap_used_after_gc_mib", heapBefore).baseline("rss_mib", rssBefore);
            if (!load(params, config, topics, report, heapBefore, rssBefore, stateA, deadline)) {
                return report.incomplete("the jobs were not all applied within --max-duration");
            }
            if (!restore(config, stateA, samples, report, deadline)) {
                return report.incomplete("the state was not restored within --max-duration");
            }
            if (!failover(params, config, stateB, samples, report, deadline)) {
                return report.incomplete("the failover did not finish within --max-duration");
            }
            return report;
        } finally {
            StateDirs.delete(stateA);
            StateDirs.delete(stateB);
        }
    }

    private boolean load(Params params, TeckoConfig config, Topics topics, BenchReport report, double heapBefore, Double rssBefore,
                         Path stateDir, Deadline deadline) throws InterruptedException {
        progress.accept("loading " + params.jobs() + " jobs of " + params.batches() + " batches");
        long begin = System.nanoTime();
        try (var loader = new JobLoader(cluster.kafka(), topics)) {
            loader.creates(0, params.jobs(), params.batches()).flush();
        }
        try (var runtime = new ProcessorRuntime(config).start()) {
            try (var jobStatus = RecordCounter.counting(cluster.kafka(), topics.jobStatus().name())) {
                if (!jobStatus.awaitCount(params.jobs(), deadline)) {
                    return false;
                }
            }
            double seconds = (System.nanoTime() - begin) / 1e9;
            double heap = ProcessMemory.heapUsedAfterGcMib();
            Double rss = ProcessMemory.rssMib();
            report.result("load_s", seconds)
                    .result("jobs_applied_per_second", params.jobs() / seconds)
                    .result("heap_used_after_gc_mib", heap)
                    .result("heap_held_by_processor_mib", heap - heapBefore)
                    .result("rss_mib", rss)
                    .result("rss_growth_mib", rss == null || rssBefore == null ? null : rss - rssBefore)
                    .target(Target.atMost("heap_held_by_processor_mib", TARGET_HEAP_MIB, heap - heapBefore));
        }
        // measured once the processor closed its store: RocksDB keeps recent writes in memtables until it flushes them
        report.result("state_dir_mib", StateDirs.size(stateDir) / (1024.0 * 1024));
        return true;
    }

    /** Without a standby, a lost state directory is rebuilt from the changelog before the jobs can be served again. */
    private boolean restore(TeckoConfig config, Path stateDir, List<String> samples, BenchReport report, Deadline deadline) {
        progress.accept("restore: state directory deleted, processor restarted");
        StateDirs.delete(stateDir);
        long begin = System.nanoTime();
        try (var runtime = new ProcessorRuntime(config).start()) {
            boolean served = Await.until(() -> runtime.isRunning()
                    && samples.stream().allMatch(id -> runtime.queries().get(id).isPresent()), deadline);
            if (!served) {
                return false;
            }
            double seconds = (System.nanoTime() - begin) / 1e9;
            report.result("restore_s", seconds).target(Target.atMost("restore_s", TARGET_RESTORE_S, seconds));
            return true;
        }
    }

    /**
     * Two instances with one standby replica each: the one with state (A) starts active, the new one (B) builds its
     * standbys; once they are caught up, A stops and the time until B serves every job is measured.
     */
    private boolean failover(Params params, TeckoConfig config, Path stateB, List<String> samples, BenchReport report,
                             Deadline deadline) {
        progress.accept("failover: two instances with a standby replica, one stops");
        TeckoConfig standby = config.with(RuntimeSettings.STANDBY_REPLICAS, "1");
        long begin = System.nanoTime();
        // closing twice is harmless: A is stopped on purpose below, and again on the way out if something failed
        try (var b = new ProcessorInstance(standby.with(RuntimeSettings.STATE_DIR, stateB.toString()));
             var a = new ProcessorInstance(standby)) {
            a.start();
            b.start();
            if (!Await.until(() -> a.running() && b.running() && b.holdsEverythingCaughtUp(params.partitions()), deadline)) {
                report.note("standby never caught up: A " + a.describeLags() + "; B " + b.describeLags());
                return false;
            }
            report.result("standby_caught_up_s", (System.nanoTime() - begin) / 1e9);
            long stopping = System.nanoTime();
            a.close();
            boolean served = Await.until(() -> b.running() && b.activePartitions() == params.partitions() && b.serves(samples),
                    deadline);
            if (served) {
                report.result("failover_s", (System.nanoTime() - stopping) / 1e9);
            } else {
                report.note("the survivor never served every job: B " + b.describeLags());
            }
            return served;
        }
    }

    /** Jobs spread over the whole range, so every partition has some. */
    private static List<String> sampleKeys(int jobs) {
        List<String> keys = new ArrayList<>();
        int step = Math.max(1, jobs / SAMPLE_KEYS);
        for (int job = 0; job < jobs; job += step) {
            keys.add(JobFixtures.jobId(job));
        }
        keys.add(JobFixtures.jobId(jobs - 1));
        return keys;
    }
}
