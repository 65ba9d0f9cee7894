package dev.tecko.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tecko.app.UpCommandIT.UpProcess;
import dev.tecko.app.sandbox.Sandbox;
import dev.tecko.platform.config.TeckoConfig;
import dev.tecko.platform.secrets.MasterKey;
import dev.tecko.platform.secrets.SecretSource;
import dev.tecko.platform.secrets.SecretSources;
import dev.tecko.schemas.json.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The README's first command, exactly as a newcomer runs it: {@code tecko up --sandbox} in its own JVM in a fresh
 * directory. The demo job must trigger the sandbox Keboola once with TeckoChecker's variables, and the printed web UI
 * address, token and commands must work as printed.
 */
class UpSandboxIT {
    private static final Pattern UI_LINE = Pattern.compile("web UI\\s+(http://127\\.0\\.0\\.1:\\d+)/");
    private static final Pattern TOKEN_LINE = Pattern.compile("token\\s+(\\S+)");
    private static final Pattern KEBOOLA_LINE = Pattern.compile("keboola\\s+(http://\\S+)\\s+\\(sandbox\\)");
    private static final Pattern DEMO_LINE = Pattern.compile("demo job\\s+(demo-\\S+) with batches");
    private static final Pattern KAFKA_LINE = Pattern.compile("kafka\\s+(127\\.0\\.0\\.1:\\d+)");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void givenAFreshDirectoryWhenUpSandboxRunsThenTheDemoJobTriggersKeboolaOnceAndThePrintedAddressTokenAndCommandsWork(
            @TempDir Path workDir) throws Exception {
        var up = UpProcess.start(workDir, "up", "--sandbox");
        try {
            await("tecko up --sandbox to print its summary").atMost(Duration.ofSeconds(120))
                    .until(() -> up.output().contains("Press Ctrl-C"));
            String api = up.printed(UI_LINE);
            String token = up.printed(TOKEN_LINE);
            String demoJob = up.printed(DEMO_LINE);
            assertThat(up.output()).contains("./tecko job show " + demoJob).contains("(kept in " + workDir.resolve(".tecko")
                    .resolve(ApiTokenFile.NAME));

            // the web UI is served without a token; the API wants the printed one
            assertThat(get(api + "/", null).body()).contains("<title>");
            assertThat(get(api + "/api/jobs", null).statusCode()).isEqualTo(401);
            Map<String, String> cli = Map.of("TECKO_API_URL", api, "TECKO_DATA_DIR", workDir.resolve(".tecko").toString());

            // the demo job is created as the system comes up: `job show` answers 404 until the processor has applied it
            JsonNode job = await("the demo job to finish").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                    .ignoreExceptions()
                    .until(() -> showJson(cli, demoJob).path("job"), shown -> shown.path("status").asText().equals("completed_with_failures"));
            JsonNode lastTrigger = job.path("lastTrigger");
            assertThat(lastTrigger.path("outcome").asText()).isEqualTo("ok");
            // the events come from each instance's view of job-events, which may trail the job's own store a little
            List<String> eventTypes = await("the triggered event to be listed").atMost(Duration.ofSeconds(30)).ignoreExceptions()
                    .until(() -> eventTypes(cli, demoJob), types -> types.contains("triggered"));
            assertThat(eventTypes).filteredOn("triggered"::equals).hasSize(1);
            assertThat(run(Map.of("TECKO_API_URL", api, "TECKO_API_TOKEN", token), "job", "list").out()).contains(demoJob);

            JsonNode keboolaJob = keboolaJobSeenBy(up, workDir, lastTrigger.path("keboolaJobId").asText());
            assertThat(keboolaJob.path("component").asText()).isEqualTo(Sandbox.COMPONENT);
            assertThat(variableNames(keboolaJob)).containsExactly("batch_ids_completed", "batch_ids_failed", "batch_count_total",
                    "batch_count_completed", "batch_count_failed");
            assertThat(variable(keboolaJob, "batch_count_total")).isEqualTo("3");
            assertThat(variable(keboolaJob, "batch_count_completed")).isEqualTo("2");
            assertThat(variable(keboolaJob, "batch_count_failed")).isEqualTo("1");
            assertThat(keboolaJobsOfTheDemoConfig(up, workDir)).isEqualTo(1);
        } finally {
            up.stopAndAwaitExit();
        }
    }

    private static List<String> eventTypes(Map<String, String> env, String jobId) throws Exception {
        List<String> types = new ArrayList<>();
        showJson(env, jobId).path("events").forEach(e -> types.add(e.path("type").asText()));
        return types;
    }

    private static JsonNode showJson(Map<String, String> env, String jobId) throws Exception {
        var run = run(env, "job", "show", jobId, "--json", "--events", "100");
        if (run.code() != 0) {
            throw new IllegalStateException("tecko job show " + jobId + " exited " + run.code() + ": " + run.err());
        }
        return Json.mapper().readTree(run.out());
    }

    private record Run(int code, String out, String err) {
    }

    private static Run run(Map<String, String> env, String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        CommandLine cli = Tecko.commandLine(env);
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    /** Reads the job the way Keboola's own API shows it, with the sandbox token decrypted from the secrets topic. */
    private static JsonNode keboolaJobSeenBy(UpProcess up, Path workDir, String keboolaJobId) throws Exception {
        var response = get(up.printed(KEBOOLA_LINE) + "/jobs/" + keboolaJobId, keboolaToken(up, workDir));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.mapper().readTree(response.body());
    }

    private static int keboolaJobsOfTheDemoConfig(UpProcess up, Path workDir) throws Exception {
        var response = get(up.printed(KEBOOLA_LINE) + "/search/jobs?component=" + Sandbox.COMPONENT + "&config=" + Sandbox.CONFIG,
                keboolaToken(up, workDir));
        return Json.mapper().readTree(response.body()).size();
    }

    private static String keboolaToken(UpProcess up, Path workDir) throws Exception {
        var config = TeckoConfig.of(Map.of(TeckoConfig.BOOTSTRAP_SERVERS, up.printed(KAFKA_LINE),
                MasterKey.FILE_ENV, workDir.resolve(".tecko").resolve(MasterKeyFile.NAME).toString()));
        try (SecretSource secrets = SecretSources.fromConfig(config, "the sandbox Keboola token")) {
            return await("the sandbox secrets to be readable").atMost(Duration.ofSeconds(30))
                    .until(() -> secrets.find(Sandbox.KEBOOLA_SECRET), found -> found.isPresent()).orElseThrow().value();
        }
    }

    private static List<String> variableNames(JsonNode keboolaJob) {
        List<String> names = new ArrayList<>();
        keboolaJob.path("variableValuesData").path("values").forEach(v -> names.add(v.path("name").asText()));
        return names;
    }

    private static String variable(JsonNode keboolaJob, String name) {
        for (JsonNode v : keboolaJob.path("variableValuesData").path("values")) {
            if (v.path("name").asText().equals(name)) {
                return v.path("value").asText();
            }
        }
        return null;
    }

    private static HttpResponse<String> get(String url, String token) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET();
        if (token != null) {
            request.header("X-StorageApi-Token", token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
