package dev.tecko.bench;

import dev.tecko.bench.kafka.BenchCluster;
import dev.tecko.bench.kafka.Deadline;
import dev.tecko.bench.report.BenchReport;
import dev.tecko.bench.report.ReportPrinter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;

/**
 * What every bench subcommand shares: the time bound, the output (table on stdout, then the JSON report on one line,
 * or in {@code --json FILE}), progress on stderr, and the Kafka cluster for those that need one.
 * Exit code 0 when the run measured everything (whether the targets were met or not), 1 when it stopped early.
 */
public abstract class BenchRun implements Callable<Integer> {
    @CommandLine.ParentCommand
    BenchCommand bench;

    @CommandLine.Spec
    protected CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(names = "--max-duration", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "safety bound: stop after this long and report what was measured, marked incomplete (default: 10m)")
    Duration maxDuration = Duration.ofMinutes(10);

    @CommandLine.Option(names = "--json", paramLabel = "FILE",
            description = "write the JSON report to FILE instead of after the table on stdout")
    Path jsonFile;

    /** Measures and fills the report; returns early (report marked incomplete) when the deadline passes. */
    protected abstract BenchReport measure(Deadline deadline) throws Exception;

    @Override
    public Integer call() throws Exception {
        BenchReport report = measure(Deadline.in(maxDuration));
        PrintWriter out = spec.commandLine().getOut();
        out.print(ReportPrinter.table(report));
        String json = ReportPrinter.json(report);
        if (jsonFile != null) {
            Files.writeString(jsonFile, json + "\n", StandardCharsets.UTF_8);
            out.println("JSON report written to " + jsonFile);
        } else {
            out.println(json);
        }
        out.flush();
        return report.complete() ? 0 : 1;
    }

    /** The cluster to run on; says which on stderr. */
    protected BenchCluster openCluster() {
        BenchCluster cluster = BenchCluster.open(bench.environment());
        progress(cluster.describe());
        return cluster;
    }

    protected void progress(String message) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("[bench " + spec.name() + "] " + message);
        err.flush();
    }
}
