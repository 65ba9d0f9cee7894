package dev.tecko.deploy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tecko.api.ProcessorService;
import dev.tecko.app.Tecko;
import dev.tecko.dispatcher.runtime.DispatcherRuntime;
import dev.tecko.embedded.keboola.SandboxKeboola;
import dev.tecko.embedded.openai.BatchPlan;
import dev.tecko.embedded.openai.SandboxOpenAi;
import dev.tecko.observability.testing.OpsClient;
import dev.tecko.observability.testing.PrometheusScrape;
import dev.tecko.platform.config.TeckoConfig;
import dev.tecko.platform.secrets.MasterKey;
import dev.tecko.poller.runtime.PollerRuntime;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The three runtimes as separate deployments would run them (processor with its REST API, poller, dispatcher), each
 * configured only by {@code TECKO_*} values, against the sandbox OpenAI and Keboola. Topics are made by the real
 * {@code tecko topics create}; secrets and jobs go in through the REST API, as an operator's would.
 */
final class RunningSystem implements AutoCloseable {
    static final String OPENAI_SECRET = "openai-main";
    static final String KEBOOLA_SECRET = "kbc-main";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final String apiToken = "api-" + UUID.randomUUID();
    private final String openAiKey = "sk-" + UUID.randomUUID();
    private final String keboolaToken = "kbc-" + UUID.randomUUID();
    private Map<String, String> environment;
    private SandboxOpenAi openAi;
    private SandboxKeboola keboola;
    private ProcessorService processor;
    private PollerRuntime poller;
    private DispatcherRuntime dispatcher;

    /**
     * @param kafka the {@code TECKO_KAFKA_*} values that reach the cluster (the SASL ones included, if any)
     */
    static RunningSystem start(Map<String, String> kafka) {
        var system = new RunningSystem();
        try {
            system.environment = system.environment(kafka);
            system.createTopics();
            system.openAi = system.opened(SandboxOpenAi.start(system.openAiKey));
            system.keboola = system.opened(SandboxKeboola.start(system.keboolaToken));
            TeckoConfig config = TeckoConfig.of(system.environment);
            system.processor = system.opened(ProcessorService.start(config));
            system.poller = system.opened(new PollerRuntime(config).start());
            system.dispatcher = system.opened(new DispatcherRuntime(config).start());
            system.storeSecrets();
            return system;
        } catch (RuntimeException e) {
            system.close();
            throw e;
        }
    }

    private Map<String, String> environment(Map<String, String> kafka) {
        String prefix = "dep" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> env = new HashMap<>(kafka);
        env.put(TeckoConfig.TOPIC_PREFIX, prefix + ".");
        env.put("TECKO_TOPIC_PARTITIONS", "2");
        env.put("TECKO_PROCESSOR_APPLICATION_ID", prefix + "-processor");
        env.put("TECKO_POLLER_GROUP_ID", prefix + "-poller");
        env.put("TECKO_DISPATCHER_GROUP_ID", prefix + "-dispatcher");
        try {
            env.put("TECKO_PROCESSOR_STATE_DIR", Files.createTempDirectory("tecko-deploy-state").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        env.put("TECKO_API_PORT", "0");
        env.put("TECKO_API_BIND", "127.0.0.1");
        env.put("TECKO_POLLER_METRICS_PORT", "0");
        env.put("TECKO_DISPATCHER_METRICS_PORT", "0");
        env.put("TECKO_API_TOKEN", apiToken);
        env.put(MasterKey.ENV, MasterKey.generateBase64());
        // the sandboxes listen on http://127.0.0.1, and their batches end within seconds: poll every second
        env.put("TECKO_API_ALLOW_LOOPBACK", "true");
        env.put("TECKO_POLLER_MIN_INTERVAL_SECONDS", "1");
        return env;
    }

    private void createTopics() {
        var out = new StringWriter();
        var cli = Tecko.commandLine(environment);
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(out));
        if (cli.execute("topics", "create") != Tecko.OK) {
            throw new IllegalStateException("tecko topics create failed: " + out);
        }
    }

    private <T extends AutoCloseable> T opened(T component) {
        started.push(component);
        return component;
    }

    private void storeSecrets() {
        expect(201, post("/api/secrets", Map.of("name", OPENAI_SECRET, "type", "openai", "value", openAiKey, "baseUrl", openAi.baseUrl())));
        expect(201, post("/api/secrets", Map.of("name", KEBOOLA_SECRET, "type", "keboola", "value", keboolaToken)));
    }

    /** A job over new sandbox batches, one per plan, created through the REST API; returns its id. */
    String createJob(List<BatchPlan> plans) {
        String jobId = "job-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> batchIds = new ArrayList<>();
        for (int i = 0; i < plans.size(); i++) {
            batchIds.add("batch_" + jobId.replace("-", "") + "_" + i);
            openAi.createBatch(batchIds.get(i), plans.get(i));
        }
        expect(201, post("/api/jobs", Map.of("jobId", jobId, "name", "deploy check", "batchIds", batchIds,
                "openaiSecret", OPENAI_SECRET, "keboolaSecret", KEBOOLA_SECRET, "keboolaStackUrl", keboola.url(),
                "keboolaComponentId", "kds-team.app-custom-python", "keboolaConfigId", "42", "pollIntervalSeconds", 10)));
        return jobId;
    }

    /** The job's status as the REST API answers it, e.g. {@code completed}; empty before the job exists. */
    String jobStatus(String jobId) {
        HttpResponse<String> response = get("/api/jobs/" + jobId);
        try {
            return response.statusCode() == 200 ? JSON.readTree(response.body()).path("status").asText() : "";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("GET /api/jobs/" + jobId + " answered no JSON: " + response.body(), e);
        }
    }

    HttpResponse<String> get(String path) {
        return send(request(path).GET().build());
    }

    private HttpResponse<String> post(String path, Map<String, ?> body) {
        try {
            return send(request(path).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(processor.apiUrl() + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + apiToken);
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void expect(int status, HttpResponse<String> response) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(response.request().uri() + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    /** The processor's /metrics, which is on its API port and needs the token. */
    PrometheusScrape processorScrape() {
        var response = get("/metrics");
        expect(200, response);
        return PrometheusScrape.parse(response.body());
    }

    PrometheusScrape pollerScrape() {
        return new OpsClient(poller.metricsPort()).scrape();
    }

    PrometheusScrape dispatcherScrape() {
        return new OpsClient(dispatcher.metricsPort()).scrape();
    }

    int port(Runtime runtime) {
        return switch (runtime) {
            case PROCESSOR -> URI.create(processor.apiUrl()).getPort();
            case POLLER -> poller.metricsPort();
            case DISPATCHER -> dispatcher.metricsPort();
        };
    }

    Map<String, String> environment() {
        return environment;
    }

    SandboxOpenAi openAi() {
        return openAi;
    }

    SandboxKeboola keboola() {
        return keboola;
    }

    /** Stops in reverse order of start: runtimes first, then the sandboxes. */
    @Override
    public void close() {
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception e) {
                // closing the rest matters more than this one's failure
            }
        }
    }
}
