package dev.tecko.poller.anthropic;

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
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AnthropicClientTest {
    static final String KEY = "sk-ant-api03-very-secret-0123456789";
    /** The shape of Anthropic's Message Batch object (API reference, "Retrieve a Message Batch"). */
    static final String ENDED = """
            {"id":"msgbatch_013Zva2CMHLNnXjNJJKqJ2EF","type":"message_batch","processing_status":"ended",
             "request_counts":{"processing":0,"succeeded":95,"errored":5,"canceled":0,"expired":0},
             "ended_at":"2024-08-20T18:37:24.100435Z","created_at":"2024-08-20T18:37:24.100435Z",
             "expires_at":"2024-08-21T18:37:24.100435Z","archived_at":null,"cancel_initiated_at":null,
             "results_url":"https://api.anthropic.com/v1/messages/batches/msgbatch_013Zva2CMHLNnXjNJJKqJ2EF/results"}""";

    private final ProviderServer api;
    private final AnthropicClient client;
    private final ProviderEndpoint endpoint;

    AnthropicClientTest() throws Exception {
        api = new ProviderServer();
        client = new AnthropicClient(api.http);
        endpoint = api.endpoint(SecretType.ANTHROPIC, "/v1", KEY);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private static String batch(String id, String status, int processing, int succeeded, int errored, int canceled, int expired) {
        return "{\"id\":\"" + id + "\",\"type\":\"message_batch\",\"processing_status\":\"" + status + "\",\"request_counts\":"
                + "{\"processing\":" + processing + ",\"succeeded\":" + succeeded + ",\"errored\":" + errored + ",\"canceled\":"
                + canceled + ",\"expired\":" + expired + "},\"created_at\":\"2026-01-01T00:00:00Z\",\"ended_at\":null}";
    }

    @Test
    @DisplayName("given an ended message batch when fetched then it is completed with its counts, results URL, times and Anthropic's own status")
    void endedBatch() throws Exception {
        api.enqueue(200, ENDED);

        ProviderBatch batch = client.getBatch(endpoint, "msgbatch_013Zva2CMHLNnXjNJJKqJ2EF");

        assertThat(batch.status()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(batch.requestCounts()).isEqualTo(new RequestCounts(100, 95, 5));
        assertThat(batch.outputFileId()).endsWith("/msgbatch_013Zva2CMHLNnXjNJJKqJ2EF/results");
        assertThat(batch.timestamps().createdAt()).isEqualTo(Instant.parse("2024-08-20T18:37:24.100435Z"));
        assertThat(batch.timestamps().completedAt()).isEqualTo(Instant.parse("2024-08-20T18:37:24.100435Z"));
        assertThat(batch.timestamps().expiresAt()).isEqualTo(Instant.parse("2024-08-21T18:37:24.100435Z"));
        var observation = batch.toObservation("job-1", Instant.EPOCH, ObservationSource.POLL);
        assertThat(observation.provider()).isEqualTo(Provider.ANTHROPIC);
        assertThat(observation.providerStatus()).isEqualTo("ended");
    }

    @ParameterizedTest(name = "{0} with processing={1} succeeded={2} errored={3} canceled={4} expired={5} -> {6} ({7}/{8}/{9})")
    @CsvSource({
            "in_progress, 10, 0, 0, 0, 0, in_progress, 10, 0, 0",
            "in_progress, 4, 5, 1, 0, 0, in_progress, 10, 5, 1",
            "canceling, 4, 5, 1, 0, 0, cancelling, 10, 5, 1",
            "ended, 0, 10, 0, 0, 0, completed, 10, 10, 0",
            "ended, 0, 7, 3, 0, 0, completed, 10, 7, 3",
            "ended, 0, 0, 10, 0, 0, completed, 10, 0, 10",
            "ended, 0, 5, 1, 4, 0, cancelled, 10, 5, 1",
            "ended, 0, 5, 1, 0, 4, expired, 10, 5, 1",
            "ended, 0, 0, 0, 0, 10, expired, 10, 0, 0"})
    @DisplayName("given each processing status and request counts when fetched then the status and counts map as poller/README.md's table says")
    void mappingTable(String processing, int inFlight, int succeeded, int errored, int canceled, int expired, String status,
                      int total, int completed, int failed) throws Exception {
        api.enqueue(200, batch("msgbatch_1", processing, inFlight, succeeded, errored, canceled, expired));

        ProviderBatch batch = client.getBatch(endpoint, "msgbatch_1");

        assertThat(batch.status().wire()).isEqualTo(status);
        assertThat(batch.requestCounts()).isEqualTo(new RequestCounts(total, completed, failed));
        assertThat(batch.providerStatus()).isEqualTo(processing);
    }

    @Test
    @DisplayName("given an ended batch whose every request errored when fetched then it is completed with failed == total, which the processor flags allRequestsFailed")
    void everyRequestErrored() throws Exception {
        api.enqueue(200, batch("msgbatch_1", "ended", 0, 0, 12, 0, 0));

        assertThat(client.getBatch(endpoint, "msgbatch_1").requestCounts().allFailed()).isTrue();
    }

    @Test
    @DisplayName("given a key when a batch is fetched then x-api-key and anthropic-version are sent to /v1/messages/batches/{id}, and no Authorization")
    void headers() throws Exception {
        api.enqueue(200, ENDED);

        client.getBatch(endpoint, "msgbatch_013Zva2CMHLNnXjNJJKqJ2EF");

        RecordedRequest request = api.server.takeRequest();
        assertThat(request.getUrl().encodedPath()).isEqualTo("/v1/messages/batches/msgbatch_013Zva2CMHLNnXjNJJKqJ2EF");
        assertThat(request.getHeaders().get("x-api-key")).isEqualTo(KEY);
        assertThat(request.getHeaders().get("anthropic-version")).isEqualTo("2023-06-01");
        assertThat(request.getHeaders().get("Authorization")).isNull();
        assertThat(endpoint.toString()).doesNotContain(KEY);
    }

    @Test
    @DisplayName("given a 429 with retry-after and a later anthropic-ratelimit-requests-reset when fetched then the key is held back until the reset and nothing is sent before")
    void rateLimited() throws Exception {
        Instant reset = api.clock.instant().plusSeconds(20);
        api.enqueue(new MockResponse.Builder().code(429).addHeader("retry-after", "3")
                .addHeader("anthropic-ratelimit-requests-reset", reset.toString())
                .body("{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"Number of requests has exceeded your rate limit\"}}")
                .build());

        assertThatThrownBy(() -> client.getBatch(endpoint, "msgbatch_1")).isInstanceOfSatisfying(ProviderException.class, e -> {
            assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED);
            assertThat(e.retryAt()).isEqualTo(reset);
            assertThat(e.getMessage()).doesNotContain(KEY);
        });
        assertThat(api.gate.blockedUntil(endpoint.name(), api.clock.instant())).contains(reset);
        assertThatThrownBy(() -> client.getBatch(endpoint, "msgbatch_1"))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED));
        assertThat(api.server.getRequestCount()).as("requests sent while held back").isEqualTo(1);
    }

    @Test
    @DisplayName("given 404, 401 and 529 answers when fetched then not_found, unauthorized and (after its retry) server_error, none naming the key")
    void errorAnswers() {
        api.enqueue(404, "{\"type\":\"error\",\"error\":{\"type\":\"not_found_error\",\"message\":\"Not found\"}}");
        api.enqueue(401, "{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\",\"message\":\"invalid x-api-key\"}}");
        api.enqueue(529, "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}");
        api.enqueue(529, "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}");

        for (Kind kind : new Kind[] {Kind.NOT_FOUND, Kind.UNAUTHORIZED, Kind.SERVER_ERROR}) {
            assertThatThrownBy(() -> client.getBatch(endpoint, "msgbatch_1")).isInstanceOfSatisfying(ProviderException.class, e -> {
                assertThat(e.kind()).isEqualTo(kind);
                assertThat(e.getMessage()).doesNotContain(KEY);
            });
        }
        assertThat(api.server.getRequestCount()).isEqualTo(4);
    }

    @Test
    @DisplayName("given an unknown processing status, a body that is no JSON, or another batch when fetched then malformed_response")
    void malformed() {
        api.enqueue(200, batch("msgbatch_1", "archived", 0, 1, 0, 0, 0));
        api.enqueue(200, "<html>gateway</html>");
        api.enqueue(200, batch("msgbatch_2", "ended", 0, 1, 0, 0, 0));

        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> client.getBatch(endpoint, "msgbatch_1"))
                    .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.MALFORMED));
        }
    }

    @Test
    @DisplayName("given two pages newest first when listed then the second is asked for with after_id = the first's last_id")
    void listPages() throws Exception {
        api.enqueue(200, "{\"data\":[" + batch("msgbatch_3", "in_progress", 1, 0, 0, 0, 0) + "," + batch("msgbatch_2", "ended", 0, 1, 0, 0, 0)
                + "],\"has_more\":true,\"first_id\":\"msgbatch_3\",\"last_id\":\"msgbatch_2\"}");
        api.enqueue(200, "{\"data\":[" + batch("msgbatch_1", "ended", 0, 1, 0, 0, 0) + "],\"has_more\":false,\"first_id\":\"msgbatch_1\","
                + "\"last_id\":\"msgbatch_1\"}");

        BatchPage first = client.listBatches(endpoint, null);
        BatchPage second = client.listBatches(endpoint, first.lastId());

        assertThat(first.batches()).extracting(ProviderBatch::id).containsExactly("msgbatch_3", "msgbatch_2");
        assertThat(first.hasMore()).isTrue();
        assertThat(second.batches()).extracting(ProviderBatch::id).containsExactly("msgbatch_1");
        assertThat(second.hasMore()).isFalse();
        assertThat(api.server.takeRequest().getUrl().toString()).endsWith("/v1/messages/batches?limit=100");
        assertThat(api.server.takeRequest().getUrl().toString()).endsWith("/v1/messages/batches?limit=100&after_id=msgbatch_2");
        assertThat(client.listsNewestFirst(endpoint)).isTrue();
    }
}
