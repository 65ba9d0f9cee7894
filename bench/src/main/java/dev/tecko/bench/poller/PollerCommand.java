package dev.tecko.bench.poller;

import dev.tecko.bench.BenchRun;
import dev.tecko.bench.kafka.Deadline;
import dev.tecko.bench.report.BenchReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "poller", mixinStandardHelpOptions = true,
        description = {"Batch checks per second of one poller against the sandbox OpenAI on loopback, and HTTP requests per",
                "batch per interval, with and without the list endpoint. Baseline: one GET per batch, 10 at a time",
                "(TeckoChecker). Targets: at least 5,000 checks/s; at most 0.05 requests per batch with the list."})
public final class PollerCommand extends BenchRun {
    @Option(names = "--jobs", description = "active jobs (default: ${DEFAULT-VALUE})")
    int jobs = 1000;

    @Option(names = "--batches", description = "batches per job (default: ${DEFAULT-VALUE})")
    int batches = 10;

    @Option(names = "--rounds", description = "poll intervals measured, every batch due in each (default: ${DEFAULT-VALUE})")
    int rounds = 3;

    @Option(names = "--concurrency", description = "the poller's worker threads, TECKO_POLLER_CONCURRENCY (default: ${DEFAULT-VALUE})")
    int concurrency = 16;

    @Option(names = "--list-threshold", description = "TECKO_POLLER_LIST_THRESHOLD (default: ${DEFAULT-VALUE})")
    int listThreshold = 3;

    @Option(names = "--list-max-pages", description = "TECKO_POLLER_LIST_MAX_PAGES (default: ${DEFAULT-VALUE})")
    int listMaxPages = 100;

    @Override
    protected BenchReport measure(Deadline deadline) throws Exception {
        PollerBench.avoidLoopbackStalls();
        return new PollerBench(this::progress)
                .run(new PollerBench.Params(jobs, batches, rounds, concurrency, listThreshold, listMaxPages), deadline);
    }
}
