package dev.tecko.bench.scale;

import dev.tecko.bench.BenchRun;
import dev.tecko.bench.kafka.Deadline;
import dev.tecko.bench.report.BenchReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "scale", mixinStandardHelpOptions = true,
        description = {"One processor holding JOBS active jobs: heap, RSS, state-dir size; restore time after a restart",
                "without standby (state dir deleted); failover time with a standby replica.",
                "Targets: heap held by the processor at most 512 MiB; restore at most 60 s."})
public final class ScaleCommand extends BenchRun {
    @Option(names = "--jobs", description = "active jobs (default: ${DEFAULT-VALUE})")
    int jobs = 1_000_000;

    @Option(names = "--batches", description = "batches per job (default: ${DEFAULT-VALUE})")
    int batches = 10;

    @Option(names = "--partitions", description = "partitions of every topic (default: ${DEFAULT-VALUE})")
    int partitions = 6;

    @Override
    protected BenchReport measure(Deadline deadline) throws Exception {
        try (var cluster = openCluster()) {
            return new ScaleBench(cluster, this::progress).run(new ScaleBench.Params(jobs, batches, partitions), deadline);
        }
    }
}
