package dev.tecko.api;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tecko.embedded.EmbeddedKafka;
import dev.tecko.platform.config.TeckoConfig;
import dev.tecko.platform.kafka.TopicAdmin;
import dev.tecko.platform.secrets.MasterKey;
import dev.tecko.processor.runtime.RuntimeSettings;
import dev.tecko.schemas.json.Json;
import dev.tecko.schemas.topics.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * One {@link ProcessorService} on the shared embedded broker, with its own topic prefix and application id so test
 * classes never see each other's data, and a real HTTP client for its API.
 */
final class ApiFixture implements AutoCloseable {
    static final String TOKEN = "test-token-0123456789abcdef";
    static final Duration WAIT = Duration.ofSeconds(60);

    final Topics topics;
    final TeckoConfig config;
    final ProcessorService service;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ApiFixture(Topics topics, TeckoConfig config, ProcessorService service) {
        this.topics = topics;
        this.config = config;
        this.service = service;
    }

    /** New topics (2 partitions), then a service on them; waits until its processor runs. */
    static ApiFixture start(EmbeddedKafka kafka, Path stateDir, Map<String, String> extra) {
        TeckoConfig config = config(kafka, newTopics(kafka), stateDir, extra);
        return start(config);
    }

    static ApiFixture start(TeckoConfig config) {
        var service = ProcessorService.start(config);
        await().atMost(WAIT).until(() -> service.runtime().isRunning());
        return new ApiFixture(config.topics(), config, service);
    }

    static Topics newTopics(EmbeddedKafka kafka) {
        Topics topics = new Topics("api" + UUID.randomUUID().toString().substring(0, 8) + ".");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            new TopicAdmin(admin).createAll(topics, 2, (short) 1);
        }
        return topics;
    }

    static TeckoConfig config(EmbeddedKafka kafka, Topics topics, Path stateDir, Map<String, String> extra) {
        Map<String, String> values = new HashMap<>(Map.of(
                TeckoConfig.TOPIC_PREFIX, topics.jobCommands().name().replace("job-commands", ""),
                TeckoConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers(),
                RuntimeSettings.APPLICATION_ID, "api-" + UUID.randomUUID(),
                RuntimeSettings.STATE_DIR, stateDir.toString(),
                RuntimeSettings.COMMIT_INTERVAL_MS, "100",
                ApiSettings.PORT, "0",
                ApiSettings.BIND, "127.0.0.1",
                ApiSettings.TOKEN, TOKEN,
                MasterKey.ENV, MasterKey.generateBase64()));
        values.putAll(extra);
        return TeckoConfig.of(values);
    }

    record Response(int status, String body, HttpHeaders headers) {
        JsonNode json() {
            try {
                return Json.mapper().readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    Response get(String path) {
        return send(request(path, TOKEN).GET());
    }

    Response post(String path, String json) {
        return send(request(path, TOKEN).POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    Response put(String path, String json) {
        return send(request(path, TOKEN).PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    Response delete(String path) {
        return send(request(path, TOKEN).DELETE());
    }

    /** @param token null sends no Authorization header */
    HttpRequest.Builder request(String path, String token) {
        var builder = HttpRequest.newBuilder(URI.create(service.apiUrl() + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json");
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(), response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A secret through the API; fails the test unless it is created. */
    void secret(String name, String type) {
        Response created = post("/api/secrets", "{\"name\":\"" + name + "\",\"type\":\"" + type + "\",\"value\":\"value-of-" + name + "\"}");
        if (created.status() != 201) {
            throw new AssertionError("secret " + name + " not created: " + created);
        }
    }

    /** The body of a Keboola job using the secrets {@code openai} and {@code kbc}. */
    static String keboolaJob(String jobId, String name, String... batchIds) {
        return "{\"jobId\":\"" + jobId + "\",\"name\":\"" + name + "\",\"batchIds\":" + json(batchIds)
                + ",\"openaiSecret\":\"openai\",\"keboolaSecret\":\"kbc\",\"keboolaStackUrl\":\"https://connection.keboola.com\","
                + "\"keboolaComponentId\":\"keboola.orchestrator\",\"keboolaConfigId\":\"123\"}";
    }

    static String json(Object value) {
        try {
            return Json.mapper().writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        service.close();
    }
}
