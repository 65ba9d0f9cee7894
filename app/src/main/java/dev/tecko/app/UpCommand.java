package dev.tecko.app;

import dev.tecko.app.cli.ApiEndpoint;
import dev.tecko.schemas.topics.Topics;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "up", mixinStandardHelpOptions = true,
        description = {"Run the whole system in this process until Ctrl-C: processor with API and web UI, poller, dispatcher.",
                "Starts an embedded Kafka broker (data kept in --data-dir) unless TECKO_KAFKA_BOOTSTRAP_SERVERS is set,",
                "creates the catalog's topics, and a master key file in --data-dir unless TECKO_MASTER_KEY(_FILE) is set."})
final class UpCommand implements Callable<Integer> {

    @ParentCommand
    Tecko tecko;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--sandbox", description = "Use local stand-ins for OpenAI and Keboola, and create a demo job of three batches.")
    boolean sandbox;

    @Option(names = "--no-demo", description = "With --sandbox: do not create the demo job (it is created only on the first start anyway).")
    boolean noDemo;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Where the embedded broker, the processor's state and the master key are kept across restarts "
                    + "(default: TECKO_DATA_DIR or .tecko).")
    Path dataDir;

    @Override
    public Integer call() throws InterruptedException {
        var config = tecko.config();
        Path dir = dataDir != null ? dataDir.toAbsolutePath() : DataDir.of(config);
        PrintWriter out = spec.commandLine().getOut();
        var system = LocalSystem.start(config, dir, sandbox, sandbox && !noDemo, out);
        var untilStopped = UntilStopped.arm(system, out);
        printSummary(out, system, dir);
        untilStopped.await();
        return Tecko.OK;
    }

    private void printSummary(PrintWriter out, LocalSystem system, Path dir) {
        Topics topics = system.config().topics();
        out.println("tecko is up" + (sandbox ? " (sandbox)" : ""));
        out.println("  kafka      " + system.bootstrapServers()
                + (system.embeddedBroker() ? "  (embedded, data in " + dir.resolve("kafka") + ")" : ""));
        out.println("  topics     " + system.topics().size() + " ("
                + system.topics().stream().filter(t -> t.created()).count() + " created now), prefix " + topics.jobStatus().name()
                .replace("job-status", ""));
        out.println("  runtimes   processor, poller, dispatcher");
        out.println("  web UI     " + system.apiUrl() + "/");
        out.println("  API        " + system.apiUrl() + "/api  (OpenAPI: " + system.apiUrl() + "/openapi.json)");
        boolean generated = tecko.config().optional(ApiTokenFile.TOKEN).isEmpty();
        out.println("  token      " + system.apiToken() + (generated ? "  (kept in " + dir.resolve(ApiTokenFile.NAME) + ")" : ""));
        system.sandbox().ifPresent(s -> {
            out.println("  openai     " + s.openAi().baseUrl() + "  (sandbox)");
            out.println("  anthropic  " + s.anthropic().baseUrl() + "  (sandbox)");
            out.println("  gemini     " + s.gemini().baseUrl() + "  (sandbox)");
            out.println("  keboola    " + s.keboola().url() + "  (sandbox)");
        });
        system.demoJob().ifPresent(job -> out.println("  demo job   " + job.jobId() + " with batches " + String.join(", ", job.batchIds())
                + " (they finish within a minute; events follow below)"));
        system.providerDemoJobs().forEach(job -> out.println("  demo job   " + job.jobId() + " with batch " + String.join(", ", job.batchIds())));
        system.earlierDemoJob().ifPresent(jobId -> out.println("  demo job   " + jobId + " (created on an earlier start; not again)"));
        // the job and secret commands find this system by these two, so say them when they are not the defaults
        String api = (system.apiUrl().equals(ApiEndpoint.DEFAULT_URL) ? "" : "TECKO_API_URL=" + system.apiUrl() + " ")
                + (!generated || dir.equals(DataDir.of(tecko.config())) ? "" : DataDir.ENV + "=" + dir + " ");
        out.println("  try        " + api + "./tecko job list");
        system.demoJob().ifPresent(job -> out.println("             " + api + "./tecko job show " + job.jobId()));
        out.println("             " + api + "./tecko secret list");
        out.println("             curl -H 'Authorization: Bearer " + system.apiToken() + "' " + system.apiUrl() + "/api/stats");
        out.println("             kcat -b " + system.bootstrapServers() + " -C -t " + topics.jobStatus().name() + " -f '%k %s\\n'");
        out.println("             kcat -b " + system.bootstrapServers() + " -C -t " + topics.jobEvents().name() + " -f '%k %s\\n'");
        out.println("Press Ctrl-C to stop.");
        out.flush();
    }
}
