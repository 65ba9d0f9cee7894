package dev.tecko.bench.processor;

import dev.tecko.bench.BenchRun;
import dev.tecko.bench.kafka.Deadline;
import dev.tecko.bench.report.BenchReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "processor", mixinStandardHelpOptions = true,
        description = {"Processor throughput: JOBS x BATCHES observations pre-loaded into batch-status (exactly_once_v2,",
                "RocksDB), timed until every trigger is readable; baseline: an exactly-once copy of the same records.",
                "Targets: events/s at least 0.5 x the baseline's records/s; the bytes of a job on job-status at most 3 x its",
                "final snapshot."})
public final class ProcessorCommand extends BenchRun {
    @Option(names = "--jobs", description = "jobs (default: ${DEFAULT-VALUE})")
    int jobs = 100_000;

    @Option(names = "--batches", description = "batches per job (default: ${DEFAULT-VALUE})")
    int batches = 10;

    @Option(names = "--partitions", description = "partitions of every topic (default: ${DEFAULT-VALUE})")
    int partitions = 6;

    @Override
    protected BenchReport measure(Deadline deadline) throws Exception {
        try (var cluster = openCluster()) {
            return new ProcessorBench(cluster, this::progress).run(new ProcessorBench.Params(jobs, batches, partitions), deadline);
        }
    }
}
