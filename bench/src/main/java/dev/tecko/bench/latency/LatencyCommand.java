package dev.tecko.bench.latency;

import dev.tecko.bench.BenchRun;
import dev.tecko.bench.DurationConverter;
import dev.tecko.bench.kafka.Deadline;
import dev.tecko.bench.report.BenchReport;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "latency", mixinStandardHelpOptions = true,
        description = {"Trigger latency at a steady RATE of job completions: from appending a job's last terminal observation",
                "to its trigger being readable with read_committed; p50, p99, p99.9. Baseline: the same records at the same",
                "pace through Kafka's exactly-once copy loop. Target: p99 at most 150 ms."})
public final class LatencyCommand extends BenchRun {
    @Option(names = "--rate", description = "job completions per second (default: ${DEFAULT-VALUE})")
    int rate = 1000;

    @Option(names = "--duration", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "how long the measured load lasts (default: 30s)")
    Duration duration = Duration.ofSeconds(30);

    @Option(names = "--warmup", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "load before the measured part, left out of the percentiles (default: 5s)")
    Duration warmup = Duration.ofSeconds(5);

    @Option(names = "--batches", description = "batches per job (default: ${DEFAULT-VALUE})")
    int batches = 10;

    @Option(names = "--partitions", description = "partitions of every topic (default: ${DEFAULT-VALUE})")
    int partitions = 6;

    @Option(names = "--commit-interval", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "the processor's (and the baseline's) commit interval (default: 100ms, Kafka Streams' default under exactly-once)")
    Duration commitInterval = Duration.ofMillis(100);

    @Override
    protected BenchReport measure(Deadline deadline) throws Exception {
        try (var cluster = openCluster()) {
            return new LatencyBench(cluster, this::progress)
                    .run(new LatencyBench.Params(rate, duration, warmup, batches, partitions, commitInterval), deadline);
        }
    }
}
