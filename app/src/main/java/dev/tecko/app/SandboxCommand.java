package dev.tecko.app;

import dev.tecko.app.sandbox.Sandbox;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code tecko sandbox batch add}: batches with a planned outcome in a running {@code tecko up --sandbox}. */
@Command(name = "sandbox", mixinStandardHelpOptions = true,
        description = "Work with the sandbox of a running 'tecko up --sandbox' in the same data directory.",
        subcommands = SandboxCommand.Batch.class)
final class SandboxCommand implements Runnable {
    @ParentCommand
    Tecko tecko;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "batch", mixinStandardHelpOptions = true, description = "Sandbox OpenAI batches.", subcommands = Add.class)
    static final class Batch implements Runnable {
        @ParentCommand
        SandboxCommand sandbox;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            spec.commandLine().usage(spec.commandLine().getOut());
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = {"Create a batch in the sandbox OpenAI that ends as planned, to try a job of your own end to end.",
                    "Then: tecko job create --batch-id <id> --openai-secret " + Sandbox.OPENAI_SECRET + " --keboola-secret "
                            + Sandbox.KEBOOLA_SECRET + " --keboola-stack <the sandbox Keboola URL 'tecko up' printed> ..."})
    static final class Add implements Callable<Integer> {
        @ParentCommand
        Batch batch;

        @Option(names = "--id", paramLabel = "BATCH_ID", description = "The batch's id (default: batch_sandbox_<random>).")
        String id;

        @Option(names = "--outcome", paramLabel = "OUTCOME", defaultValue = "completed",
                description = "How it ends: completed, failed, expired or cancelled (default: ${DEFAULT-VALUE}).")
        String outcome;

        @Option(names = "--after", paramLabel = "SECONDS", defaultValue = "30", description = "When it ends (default: ${DEFAULT-VALUE} s).")
        int afterSeconds;

        @Option(names = "--requests", paramLabel = "N", defaultValue = "100", description = "Its requests (default: ${DEFAULT-VALUE}).")
        int requests;

        @Option(names = "--failed-requests", paramLabel = "N", defaultValue = "0", description = "How many of them fail (default: ${DEFAULT-VALUE}).")
        int failedRequests;

        @Option(names = "--metadata", paramLabel = "KEY=VALUE", description = {"A metadata pair of the batch, as OpenAI keeps them "
                + "(repeat for more, at most 16): what a job created with --batch-tag KEY=VALUE finds it by."})
        Map<String, String> metadata = new LinkedHashMap<>();

        @Option(names = "--data-dir", paramLabel = "DIR", description = "The data directory of the running sandbox (default: TECKO_DATA_DIR or .tecko).")
        Path dataDir;

        @Override
        public Integer call() throws IOException, InterruptedException {
            var out = batch.spec.commandLine().getOut();
            var err = batch.spec.commandLine().getErr();
            Path dir = dataDir != null ? dataDir.toAbsolutePath() : DataDir.of(batch.sandbox.tecko.config());
            Properties ports = Sandbox.state(dir.resolve(Sandbox.STATE_FILE));
            String port = ports.getProperty("openai.port");
            if (port == null) {
                err.println("error: no sandbox in " + dir + ": start one with ./tecko up --sandbox (or name its --data-dir)");
                return Tecko.BAD_INPUT;
            }
            var body = dev.tecko.schemas.json.Json.mapper().createObjectNode().put("outcome", outcome).put("afterSeconds", afterSeconds)
                    .put("requests", requests).put("failedRequests", failedRequests);
            if (id != null) {
                body.put("id", id);
            }
            if (!metadata.isEmpty()) {
                body.set("metadata", dev.tecko.schemas.json.Json.mapper().valueToTree(metadata));
            }
            var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/sandbox/batches"))
                    .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
            HttpResponse<String> answer;
            try {
                answer = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                        .send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                err.println("error: the sandbox OpenAI on port " + port + " does not answer: is 'tecko up --sandbox' running?");
                return Tecko.FAILED;
            }
            var json = dev.tecko.schemas.json.Json.mapper().readTree(answer.body());
            if (answer.statusCode() != 201) {
                err.println("error: " + json.path("error").path("message").asText(answer.body()));
                return Tecko.BAD_INPUT;
            }
            String created = json.path("id").asText();
            out.println("created sandbox batch " + created + ": ends " + outcome + " in " + afterSeconds + " s"
                    + ("failed".equals(outcome) ? "" : " with " + requests + " requests (" + failedRequests + " failed)"));
            String watch = metadata.isEmpty() ? "--batch-id " + created
                    : "--batch-tag " + metadata.entrySet().iterator().next().getKey() + "=" + metadata.entrySet().iterator().next().getValue();
            out.println("watch it: ./tecko job create --name 'my job' " + watch + " --openai-secret " + Sandbox.OPENAI_SECRET
                    + " --keboola-secret " + Sandbox.KEBOOLA_SECRET + " --keboola-stack http://127.0.0.1:"
                    + ports.getProperty("keboola.port", "<port>") + " --component-id " + Sandbox.COMPONENT + " --config-id my-config");
            out.flush();
            return Tecko.OK;
        }
    }
}
