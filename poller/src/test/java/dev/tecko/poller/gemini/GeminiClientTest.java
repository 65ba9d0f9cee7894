package dev.tecko.poller.gemini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tecko.poller.provider.BatchPage;
import dev.tecko.poller.provider.ProviderBatch;
import dev.tecko.poller.provider.ProviderEndpoint;
import dev.tecko.poller.provider.ProviderException;
import dev.tecko.poller.provider.ProviderException.Kind;
import dev.tecko.poller.provider.ProviderServer;
import dev.tecko.schemas.BatchStatus;
import dev.tecko.schemas.ObservationSource;
import dev.tecko.schemas.Provider;
import dev.tecko.schemas.RequestCounts;
import dev.tecko.schemas.SecretType;
import java.time.Instant;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GeminiClientTest {
    static final String KEY = "AIzaSy-very-secret-0123456789";
    /** The shape of {@code GET /v1beta/batches/{id}}: a long-running operation whose metadata is the GenerateContentBatch. */
    static final String SUCCEEDED = """
            {"name":"batches/abc123xyz",
             "metadata":{"@type":"type.googleapis.com/google.ai.generativelanguage.v1beta.GenerateContentBatch",
               "model":"models/gemini-2.5-flash","displayName":"nightly-summaries",
               "output":{"responsesFile":"files/batch-abc123xyz"},
               "createTime":"2026-01-01T00:00:00.123456Z","endTime":"2026-01-01T01:02:03Z","updateTime":"2026-01-01T01:02:03Z",
               "batchStats":{"requestCount":"100","successfulRequestCount":"97","failedRequestCount":"3"},
               "state":"BATCH_STATE_SUCCEEDED","name":"batches/abc123xyz"},
             "done":true,
             "response":{"@type":"type.googleapis.com/google.ai.generativelanguage.v1beta.GenerateContentBatchOutput",
               "responsesFile":"files/batch-abc123xyz"}}""";

    private final ProviderServer api;
    private final GeminiClient client;
    private final ProviderEndpoint endpoint;

    GeminiClientTest() throws Exception {
        api = new ProviderServer();
        client = new GeminiClient(api.http);
        endpoint = api.endpoint(SecretType.GEMINI, "/v1beta", KEY);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private static String operation(String id, String state, String stats) {
        return "{\"name\":\"batches/" + id + "\",\"metadata\":{\"@type\":\"type.googleapis.com/google.ai.generativelanguage.v1beta."
                + "GenerateContentBatch\",\"state\":\"" + state + "\",\"batchStats\":" + stats + ",\"createTime\":\"2026-01-01T00:00:00Z\"}}";
    }

    @Test
    @DisplayName("given a succeeded batch operation when fetched then it is completed with its counts (int64 strings), output file, model, times and Gemini's own state")
    void succeeded() throws Exception {
        api.enqueue(200, SUCCEEDED);

        ProviderBatch batch = client.getBatch(endpoint, "abc123xyz");

        assertThat(batch.id()).isEqualTo("abc123xyz");
        assertThat(batch.status()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(batch.requestCounts()).isEqualTo(new RequestCounts(100, 97, 3));
        assertThat(batch.outputFileId()).isEqualTo("files/batch-abc123xyz");
        assertThat(batch.model()).isEqualTo("models/gemini-2.5-flash");
        assertThat(batch.metadata()).containsEntry("displayName", "nightly-summaries");
        assertThat(batch.timestamps().createdAt()).isEqualTo(Instant.parse("2026-01-01T00:00:00.123456Z"));
        assertThat(batch.timestamps().completedAt()).isEqualTo(Instant.parse("2026-01-01T01:02:03Z"));
        var observation = batch.toObservation("job-1", Instant.EPOCH, ObservationSource.POLL);
        assertThat(observation.provider()).isEqualTo(Provider.GEMINI);
        assertThat(observation.providerStatus()).isEqualTo("BATCH_STATE_SUCCEEDED");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "BATCH_STATE_PENDING, validating", "BATCH_STATE_RUNNING, in_progress", "BATCH_STATE_SUCCEEDED, completed",
            "BATCH_STATE_FAILED, failed", "BATCH_STATE_CANCELLED, cancelled", "BATCH_STATE_EXPIRED, expired",
            "JOB_STATE_PENDING, validating", "JOB_STATE_QUEUED, validating", "JOB_STATE_RUNNING, in_progress",
            "JOB_STATE_SUCCEEDED, completed", "JOB_STATE_FAILED, failed", "JOB_STATE_CANCELLING, cancelling",
            "JOB_STATE_CANCELLED, cancelled", "JOB_STATE_EXPIRED, expired"})
    @DisplayName("given each BATCH_STATE_* and JOB_STATE_* when fetched then the status maps as poller/README.md's table says")
    void mappingTable(String state, String status) throws Exception {
        api.enqueue(200, operation("b1", state, "{\"requestCount\":\"4\",\"pendingRequestCount\":\"4\"}"));

        ProviderBatch batch = client.getBatch(endpoint, "b1");

        assertThat(batch.status().wire()).isEqualTo(status);
        assertThat(batch.providerStatus()).isEqualTo(state);
    }

    @Test
    @DisplayName("given a succeeded batch whose every request failed when fetched then it is completed with failed == total, which the processor flags allRequestsFailed")
    void everyRequestFailed() throws Exception {
        api.enqueue(200, operation("b1", "BATCH_STATE_SUCCEEDED", "{\"requestCount\":\"8\",\"failedRequestCount\":\"8\"}"));

        ProviderBatch batch = client.getBatch(endpoint, "b1");

        assertThat(batch.status()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(batch.requestCounts()).isEqualTo(new RequestCounts(8, 0, 8));
        assertThat(batch.requestCounts().allFailed()).isTrue();
    }

    @Test
    @DisplayName("given stats without requestCount, and a bare GenerateContentBatch, when fetched then the total is the sum and the bare shape is read")
    void bareBatchAndMissingTotal() throws Exception {
        api.enqueue(200, "{\"name\":\"batches/b1\",\"state\":\"BATCH_STATE_RUNNING\",\"batchStats\":{\"successfulRequestCount\":2,"
                + "\"failedRequestCount\":1,\"pendingRequestCount\":\"7\"}}");

        ProviderBatch batch = client.getBatch(endpoint, "b1");

        assertThat(batch.status()).isEqualTo(BatchStatus.IN_PROGRESS);
        assertThat(batch.requestCounts()).isEqualTo(new RequestCounts(10, 2, 1));
    }

    @Test
    @DisplayName("given a failed operation when fetched then its error is the batch's one error")
    void failedWithError() throws Exception {
        api.enqueue(200, "{\"name\":\"batches/b1\",\"metadata\":{\"state\":\"BATCH_STATE_FAILED\",\"endTime\":\"2026-01-01T00:10:00Z\"},"
                + "\"done\":true,\"error\":{\"code\":3,\"message\":\"Input file is not valid JSONL\",\"status\":\"INVALID_ARGUMENT\"}}");

        ProviderBatch batch = client.getBatch(endpoint, "b1");

        assertThat(batch.status()).isEqualTo(BatchStatus.FAILED);
        assertThat(batch.errors()).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo("INVALID_ARGUMENT");
            assertThat(e.message()).isEqualTo("Input file is not valid JSONL");
        });
        assertThat(batch.timestamps().failedAt()).isEqualTo(Instant.parse("2026-01-01T00:10:00Z"));
    }

    @Test
    @DisplayName("given a key when a batch is fetched then x-goog-api-key is sent to /v1beta/batches/{id}, no Authorization and no key in the URL")
    void headers() throws Exception {
        api.enqueue(200, SUCCEEDED);

        client.getBatch(endpoint, "abc123xyz");

        RecordedRequest request = api.server.takeRequest();
        assertThat(request.getUrl().encodedPath()).isEqualTo("/v1beta/batches/abc123xyz");
        assertThat(request.getUrl().toString()).doesNotContain(KEY);
        assertThat(request.getHeaders().get("x-goog-api-key")).isEqualTo(KEY);
        assertThat(request.getHeaders().get("Authorization")).isNull();
    }

    @Test
    @DisplayName("given a 429 whose body carries RetryInfo and no Retry-After when fetched then the key is held back for the retryDelay")
    void rateLimitedByRetryInfo() {
        api.enqueue(429, """
                {"error":{"code":429,"message":"Resource has been exhausted (e.g. check quota).","status":"RESOURCE_EXHAUSTED",
                 "details":[{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"27s"}]}}""");

        assertThatThrownBy(() -> client.getBatch(endpoint, "b1")).isInstanceOfSatisfying(ProviderException.class, e -> {
            assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED);
            assertThat(e.retryAt()).isEqualTo(api.clock.instant().plusSeconds(27));
        });
        assertThat(api.gate.blockedUntil(endpoint.name(), api.clock.instant())).contains(api.clock.instant().plusSeconds(27));
    }

    @Test
    @DisplayName("given Google's 400 API_KEY_INVALID and a 404 when fetched then unauthorized and not_found, neither naming the key")
    void errorAnswers() {
        api.enqueue(400, "{\"error\":{\"code\":400,\"message\":\"API key not valid. Please pass a valid API key.\",\"status\":"
                + "\"INVALID_ARGUMENT\",\"details\":[{\"@type\":\"type.googleapis.com/google.rpc.ErrorInfo\",\"reason\":\"API_KEY_INVALID\"}]}}");
        api.enqueue(404, "{\"error\":{\"code\":404,\"message\":\"Requested entity was not found.\",\"status\":\"NOT_FOUND\"}}");

        for (Kind kind : new Kind[] {Kind.UNAUTHORIZED, Kind.NOT_FOUND}) {
            assertThatThrownBy(() -> client.getBatch(endpoint, "b1")).isInstanceOfSatisfying(ProviderException.class, e -> {
                assertThat(e.kind()).isEqualTo(kind);
                assertThat(e.getMessage()).doesNotContain(KEY);
            });
        }
    }

    @Test
    @DisplayName("given BATCH_STATE_UNSPECIFIED, a state without a known prefix, or no JSON when fetched then malformed_response")
    void malformed() {
        api.enqueue(200, operation("b1", "BATCH_STATE_UNSPECIFIED", "{}"));
        api.enqueue(200, operation("b1", "SUCCEEDED", "{}"));
        api.enqueue(200, "not json");

        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> client.getBatch(endpoint, "b1"))
                    .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.MALFORMED));
        }
    }

    @Test
    @DisplayName("given a page of operations with a nextPageToken when listed then the token is the cursor, and the poller is told not to sweep this list")
    void listPage() throws Exception {
        api.enqueue(200, "{\"operations\":[" + operation("b2", "BATCH_STATE_RUNNING", "{}") + "],\"nextPageToken\":\"tok-2\"}");
        api.enqueue(200, "{}");

        BatchPage first = client.listBatches(endpoint, null);
        BatchPage second = client.listBatches(endpoint, first.lastId());

        assertThat(first.batches()).extracting(ProviderBatch::id).containsExactly("b2");
        assertThat(first.hasMore()).isTrue();
        assertThat(second.batches()).isEmpty();
        assertThat(second.hasMore()).isFalse();
        assertThat(api.server.takeRequest().getUrl().toString()).endsWith("/v1beta/batches?pageSize=100");
        assertThat(api.server.takeRequest().getUrl().toString()).endsWith("/v1beta/batches?pageSize=100&pageToken=tok-2");
        assertThat(client.listsNewestFirst(endpoint)).isFalse();
    }
}
