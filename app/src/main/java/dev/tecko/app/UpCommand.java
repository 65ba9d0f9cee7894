package dev.tecko.app;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "up", mixinStandardHelpOptions = true,
        description = {"Run the whole system in this process until Ctrl-C.",
                "Starts an embedded Kafka broker (data kept in --data-dir) unless TECKO_KAFKA_BOOTSTRAP_SERVERS is set,",
                "and creates the catalog's topics."})
final class UpCommand implements Callable<Integer> {
    static final String DATA_DIR = "TECKO_DATA_DIR";

    @ParentCommand
    Tecko tecko;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--sandbox", description = "Use local stand-ins for OpenAI and Keboola, with demo data.")
    boolean sandbox;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Where the embedded broker keeps its data across restarts (default: TECKO_DATA_DIR or .tecko).")
    Path dataDir;

    @Override
    public Integer call() throws InterruptedException {
        var config = tecko.config();
        Path dir = dataDir != null ? dataDir : Path.of(config.string(DATA_DIR, ".tecko"));
        PrintWriter out = spec.commandLine().getOut();
        var stopped = new CountDownLatch(1);
        var system = LocalSystem.start(config, dir.toAbsolutePath());
        Thread hook = new Thread(() -> {
            out.println("stopping…");
            out.flush();
            system.close();
            out.println("stopped");
            out.flush();
            stopped.countDown();
        }, "tecko-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        printSummary(out, system, dir);
        stopped.await();
        return Tecko.OK;
    }

    private void printSummary(PrintWriter out, LocalSystem system, Path dir) {
        out.println("tecko is up" + (sandbox ? " (sandbox)" : ""));
        out.println("  kafka      " + system.bootstrapServers()
                + (system.embeddedBroker() ? "  (embedded, data in " + dir.toAbsolutePath().resolve("kafka") + ")" : ""));
        out.println("  topics     " + system.topics().size() + " ("
                + system.topics().stream().filter(t -> t.created()).count() + " created now)");
        system.topics().forEach(t -> out.println("             " + t.topic()));
        out.println("  try        kcat -b " + system.bootstrapServers() + " -L");
        out.println("Press Ctrl-C to stop.");
        out.flush();
    }
}
