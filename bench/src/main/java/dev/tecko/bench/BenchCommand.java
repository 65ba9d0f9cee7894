package dev.tecko.bench;

import dev.tecko.bench.jmh.JmhCommand;
import dev.tecko.bench.latency.LatencyCommand;
import dev.tecko.bench.poller.PollerCommand;
import dev.tecko.bench.processor.ProcessorCommand;
import dev.tecko.bench.scale.ScaleCommand;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code tecko bench …}: the benchmarks behind the numbers in docs/performance.md. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        subcommands = {ProcessorCommand.class, LatencyCommand.class, PollerCommand.class, ScaleCommand.class, JmhCommand.class},
        description = {"Benchmarks, each bounded in time (--max-duration) and compared with a baseline measured in the same run.",
                "Each prints an aligned table, then its JSON report on one line (or writes the JSON to --json FILE).",
                "Kafka benches start a temporary embedded broker unless TECKO_KAFKA_BOOTSTRAP_SERVERS is set."})
public final class BenchCommand implements Runnable {
    static final String LOGBACK_CONFIG = "tecko-bench-logback.xml";

    private final Map<String, String> environment;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** As a subcommand of {@code tecko}, which picocli builds without arguments: the process environment. */
    public BenchCommand() {
        this(System.getenv());
    }

    public BenchCommand(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    public Map<String, String> environment() {
        return environment;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Runs the benches from the module's own class path (see docs/performance.md), quiet logging unless told otherwise. */
    public static void main(String[] args) {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", LOGBACK_CONFIG);
        }
        System.exit(new CommandLine(new BenchCommand()).execute(args));
    }
}
