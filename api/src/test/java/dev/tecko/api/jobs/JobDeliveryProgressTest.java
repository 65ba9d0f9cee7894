package dev.tecko.api.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tecko.api.ApiServer;
import dev.tecko.observability.health.HealthCheck;
import dev.tecko.processor.query.JobOwner;
import dev.tecko.processor.query.JobQueryView;
import dev.tecko.processor.query.QueryableProcessor;
import dev.tecko.schemas.JobSnapshot;
import dev.tecko.schemas.json.Json;
import io.javalin.Javalin;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/jobs/{id}} serves a trigger's delivery progress ({@code lastTrigger.delivery}) as the job's snapshot
 * holds it: from the owning instance's store, and through another instance that forwards the read. The store is a
 * stand-in behind the processor's query interface, so no broker is needed.
 */
class JobDeliveryProgressTest {
    private static final String TOKEN = "test-token-0123456789abcdef";
    private static final String JOB_ID = "nightly-2026-12-05";
    private static final String DELIVERY = "{\"attempts\": 3, \"lastError\": \"Keboola answered 503 Service Unavailable <b>\","
            + " \"lastHttpStatus\": 503, \"nextAttemptAt\": \"2026-12-05T10:00:14.250Z\", \"breakerOpen\": true,"
            + " \"updatedAt\": \"2026-12-05T10:00:10.250Z\"}";

    private final List<Javalin> servers = new ArrayList<>();
    private final OkHttpClient forwarding = new OkHttpClient.Builder().callTimeout(5, TimeUnit.SECONDS).build();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @AfterEach
    void stop() {
        servers.forEach(Javalin::stop);
        forwarding.dispatcher().executorService().shutdown();
        forwarding.connectionPool().evictAll();
    }

    @Test
    void givenATriggerWhoseDeliveryIsRetrying_whenTheOwnerServesTheJob_thenLastTriggerCarriesTheDeliveryProgress() throws Exception {
        Javalin owner = server(new Store(snapshot(DELIVERY), null));

        HttpResponse<String> answer = get(owner, "/api/jobs/" + JOB_ID);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.headers().firstValue(JobReader.SERVED_BY)).hasValue("local");
        JsonNode trigger = Json.mapper().readTree(answer.body()).path("lastTrigger");
        assertThat(trigger.has("outcome")).as("the result is still awaited").isFalse();
        assertThat(trigger.path("delivery")).isEqualTo(Json.mapper().readTree(DELIVERY));
    }

    @Test
    void givenTheJobOwnedByAnotherInstance_whenReadThroughThisOne_thenTheForwardedAnswerKeepsTheDeliveryProgress() throws Exception {
        Javalin owner = server(new Store(snapshot(DELIVERY), null));
        Javalin other = server(new Store(null, new HostInfo("127.0.0.1", owner.port())));

        HttpResponse<String> answer = get(other, "/api/jobs/" + JOB_ID);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.headers().firstValue(JobReader.SERVED_BY)).hasValue("forwarded");
        assertThat(Json.mapper().readTree(answer.body()).path("lastTrigger").path("delivery")).isEqualTo(Json.mapper().readTree(DELIVERY));
    }

    @Test
    void givenATriggerWithoutDeliveryProgress_whenServed_thenTheJobHasNoDeliveryField() throws Exception {
        Javalin owner = server(new Store(snapshot(null), null));

        HttpResponse<String> answer = get(owner, "/api/jobs/" + JOB_ID);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode trigger = Json.mapper().readTree(answer.body()).path("lastTrigger");
        assertThat(trigger.path("triggerId").asText()).isEqualTo(JOB_ID + ":1");
        assertThat(trigger.has("delivery")).as("omitted, not null").isFalse();
    }

    /** A triggering job of one completed batch whose trigger awaits its result; {@code delivery} may be null. */
    private static JobSnapshot snapshot(String delivery) throws IOException {
        String json = """
                {"schemaVersion": 1, "jobId": "%1$s", "name": "Nightly", "status": "triggering", "generation": 1,
                 "batches": [{"batchId": "batch_abc", "status": "completed",
                              "requestCounts": {"total": 10, "completed": 10, "failed": 0}}],
                 "openaiSecret": "openai",
                 "target": {"type": "keboola", "stackUrl": "https://connection.keboola.com", "componentId": "keboola.orchestrator",
                            "configId": "123", "secret": "kbc"},
                 "pollIntervalSeconds": 120,
                 "lastTrigger": {"triggerId": "%1$s:1", "generation": 1, "requestedAt": "2026-12-05T10:00:00Z"%2$s},
                 "createdAt": "2026-12-05T09:00:00Z", "updatedAt": "2026-12-05T10:00:10.250Z", "version": 7}
                """.formatted(JOB_ID, delivery == null ? "" : ", \"delivery\": " + delivery);
        return Json.mapper().readValue(json, JobSnapshot.class);
    }

    /** An API with the job routes only, reading through {@link JobReader}; no view: a read never falls back to it here. */
    private Javalin server(Store store) {
        var reader = new JobReader(() -> store, null, forwarding, false);
        var routes = new JobRoutes(null, null, null, reader, null, null);
        Javalin server = ApiServer.create(TOKEN, new SimpleMeterRegistry(), List.of(routes::register));
        servers.add(server);
        return server.start("127.0.0.1", 0);
    }

    private HttpResponse<String> get(Javalin server, String path) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .header("Authorization", "Bearer " + TOKEN).timeout(Duration.ofSeconds(10)).GET().build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** The processor's query interface over one job: held here ({@code job}), or owned by the instance at {@code owner}. */
    private record Store(JobSnapshot job, HostInfo owner) implements QueryableProcessor, JobQueryView {
        @Override
        public KafkaStreams.State state() {
            return KafkaStreams.State.RUNNING;
        }

        @Override
        public JobQueryView queries() {
            return this;
        }

        @Override
        public List<HealthCheck> livenessChecks() {
            return List.of();
        }

        @Override
        public List<HealthCheck> readinessChecks() {
            return List.of();
        }

        @Override
        public Optional<JobSnapshot> get(String jobId) {
            return Optional.ofNullable(job).filter(j -> j.jobId().equals(jobId));
        }

        @Override
        public List<JobSnapshot> all() {
            return job == null ? List.of() : List.of(job);
        }

        @Override
        public JobOwner ownerOf(String jobId) {
            return owner == null ? new JobOwner(true, Optional.empty()) : new JobOwner(false, Optional.of(owner));
        }
    }
}
