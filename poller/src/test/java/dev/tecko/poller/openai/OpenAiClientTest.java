package dev.tecko.poller.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tecko.embedded.openai.MutableClock;
import dev.tecko.poller.provider.BatchPage;
import dev.tecko.poller.provider.ClientSettings;
import dev.tecko.poller.provider.ProviderBatch;
import dev.tecko.poller.provider.ProviderEndpoint;
import dev.tecko.poller.provider.ProviderException.Kind;
import dev.tecko.poller.provider.ProviderException;
import dev.tecko.poller.provider.RateLimitGate;
import dev.tecko.schemas.BatchStatus;
import dev.tecko.schemas.RequestCounts;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OpenAiClientTest {
    static final String KEY = "sk-test-very-secret-0123456789";
    static final String COMPLETED = """
            {"id":"batch_1","object":"batch","endpoint":"/v1/chat/completions","errors":null,"input_file_id":"file-in",
             "completion_window":"24h","status":"completed","output_file_id":"file-out","error_file_id":"",
             "created_at":1700000000,"in_progress_at":1700000010,"expires_at":1700086400,"finalizing_at":1700000100,
             "completed_at":1700000200,"failed_at":null,"expired_at":null,"cancelling_at":null,"cancelled_at":null,
             "request_counts":{"total":100,"completed":95,"failed":5},"metadata":{"customer":"acme","n":3},
             "usage":{"input_tokens":10},"brand_new_field":{"x":[1,2]}}""";

    private final MockWebServer server = new MockWebServer();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final List<Duration> sleeps = new ArrayList<>();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final RateLimitGate gate = new RateLimitGate();
    private OpenAiClient client;
    private ProviderEndpoint endpoint;

    @BeforeEach
    void start() throws Exception {
        server.start();
        // backoffs of at most 100 ms then 200 ms: short enough to really wait, long enough to tell apart; a read timeout
        // of 1 s (the slow server delays 2 s) so a loaded machine's slow first answer is not taken for a timeout
        client = client(new ClientSettings(Duration.ofSeconds(2), Duration.ofSeconds(1), 3, Duration.ofMillis(100),
                Duration.ofSeconds(1), Duration.ofSeconds(10)));
        client.retry().getEventPublisher().onRetry(event -> sleeps.add(event.getWaitInterval()));
        endpoint = new ProviderEndpoint("openai-main", server.url("/v1"), KEY);
    }

    private OpenAiClient client(ClientSettings settings) {
        return new OpenAiClient(settings, 4, gate, meters, clock);
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    private void enqueue(int code, String body) {
        server.enqueue(new MockResponse.Builder().code(code).body(body).build());
    }

    private static String batch(String id, String status) {
        return "{\"id\":\"" + id + "\",\"status\":\"" + status + "\",\"created_at\":1700000000}";
    }

    @Test
    void givenARedirectToAnotherHost_whenABatchIsFetched_thenItIsNotFollowedAndTheKeyGoesNowhereElse() throws Exception {
        try (MockWebServer elsewhere = new MockWebServer()) {
            elsewhere.start();
            elsewhere.enqueue(new MockResponse.Builder().code(200).body(COMPLETED).build());
            server.enqueue(new MockResponse.Builder().code(302).addHeader("Location", elsewhere.url("/v1/batches/batch_1")).build());

            assertThatThrownBy(() -> client.getBatch(endpoint, "batch_1"))
                    .isInstanceOfSatisfying(ProviderException.class, e -> {
                        assertThat(e.kind()).isEqualTo(ProviderException.Kind.CLIENT_ERROR);
                        assertThat(e.getMessage()).contains("302").doesNotContain(KEY);
                    });
            assertThat(elsewhere.getRequestCount()).as("requests that reached the other host").isZero();
        }
    }

    @Test
    void givenAnAnswerLargerThanAnyBatchObject_whenFetched_thenItIsRefusedWithoutHoldingItAll() {
        server.enqueue(new MockResponse.Builder().code(200).body(new okio.Buffer().write(new byte[(int) dev.tecko.poller.provider.ProviderHttp.MAX_BODY_BYTES + 10]))
                .build());

        assertThatThrownBy(() -> client.getBatch(endpoint, "batch_1"))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(ProviderException.Kind.MALFORMED));
    }

    @Test
    void givenACompletedBatch_whenFetched_thenEveryFieldIsReadAndUnknownOnesIgnored() throws Exception {
        enqueue(200, COMPLETED);

        ProviderBatch batch = client.getBatch(endpoint, "batch_1");

        assertThat(batch.status()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(batch.requestCounts()).isEqualTo(new RequestCounts(100, 95, 5));
        assertThat(batch.outputFileId()).isEqualTo("file-out");
        assertThat(batch.errorFileId()).as("empty error_file_id means none").isNull();
        assertThat(batch.errors()).isEmpty();
        assertThat(batch.timestamps().createdAt()).isEqualTo(Instant.ofEpochSecond(1700000000));
        assertThat(batch.timestamps().inProgressAt()).isEqualTo(Instant.ofEpochSecond(1700000010));
        assertThat(batch.timestamps().finalizingAt()).isEqualTo(Instant.ofEpochSecond(1700000100));
        assertThat(batch.timestamps().completedAt()).isEqualTo(Instant.ofEpochSecond(1700000200));
        assertThat(batch.timestamps().expiresAt()).isEqualTo(Instant.ofEpochSecond(1700086400));
        assertThat(batch.timestamps().failedAt()).isNull();
        assertThat(batch.metadata()).containsEntry("customer", "acme").containsEntry("n", "3");
        RecordedRequest request = server.takeRequest();
        assertThat(request.getUrl().encodedPath()).isEqualTo("/v1/batches/batch_1");
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + KEY);
    }

    @Test
    void givenEveryStatus_whenFetched_thenEachIsRecognised() throws Exception {
        for (String status : List.of("validating", "in_progress", "finalizing", "completed", "failed", "expired", "cancelling",
                "cancelled")) {
            enqueue(200, batch("b", status));
            assertThat(client.getBatch(endpoint, "b").status().wire()).isEqualTo(status);
        }
    }

    @Test
    void givenAFailedBatchWithErrorsAndAllOptionalFieldsMissing_whenFetched_thenErrorsAreReadAndTheRestDefaults() throws Exception {
        enqueue(200, """
                {"id":"b","status":"failed","errors":{"object":"list","data":[
                  {"code":"invalid_json_line","message":"bad line","param":"body","line":3},{"code":"x"}, 7]}}""");

        ProviderBatch batch = client.getBatch(endpoint, "b");

        assertThat(batch.errors()).hasSize(2);
        assertThat(batch.errors().get(0).code()).isEqualTo("invalid_json_line");
        assertThat(batch.errors().get(0).line()).isEqualTo(3);
        assertThat(batch.errors().get(0).param()).isEqualTo("body");
        assertThat(batch.errors().get(1).line()).isNull();
        assertThat(batch.requestCounts()).isEqualTo(RequestCounts.NONE);
        assertThat(batch.timestamps().createdAt()).isNull();
        assertThat(batch.metadata()).isEmpty();
        assertThat(batch.outputFileId()).isNull();
    }

    @Test
    void givenMalformedBodies_whenFetched_thenMalformedWithoutRetry() {
        for (String body : List.of("not json", "[1,2]", "{\"id\":\"b\"}", "{\"id\":\"b\",\"status\":\"exploded\"}",
                "{\"id\":\"b\",\"status\":\"pending\"}", "{\"id\":\"other\",\"status\":\"completed\"}", "{\"id\":\"b c\",\"status\":\"completed\"}")) {
            enqueue(200, body);
            assertThatThrownBy(() -> client.getBatch(endpoint, "b")).isInstanceOf(ProviderException.class)
                    .extracting(e -> ((ProviderException) e).kind()).isEqualTo(Kind.MALFORMED);
        }
        assertThat(server.getRequestCount()).isEqualTo(7);
    }

    @Test
    void givenA429WithRetryAfter_whenFetchedAgainEarly_thenNoRequestLeavesBeforeTheNamedTime() throws Exception {
        server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "30").body("{}").build());
        enqueue(200, batch("b", "in_progress"));

        assertThatThrownBy(() -> client.getBatch(endpoint, "b")).isInstanceOf(ProviderException.class)
                .satisfies(e -> {
                    assertThat(((ProviderException) e).kind()).isEqualTo(Kind.RATE_LIMITED);
                    assertThat(((ProviderException) e).retryAt()).isEqualTo(clock.instant().plusSeconds(30));
                });
        clock.advance(Duration.ofSeconds(29));
        assertThatThrownBy(() -> client.listBatches(endpoint, null)).isInstanceOf(ProviderException.class);
        assertThat(server.getRequestCount()).as("nothing sent while the key is blocked").isEqualTo(1);

        clock.advance(Duration.ofSeconds(1));
        assertThat(client.getBatch(endpoint, "b").status()).isEqualTo(BatchStatus.IN_PROGRESS);
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void givenA429WithOpenAiResetHeader_whenFetched_thenTheLongerWaitWins() {
        server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "1")
                .addHeader("x-ratelimit-reset-requests", "1m30.5s").build());
        assertThatThrownBy(() -> client.getBatch(endpoint, "b"))
                .satisfies(e -> assertThat(((ProviderException) e).retryAt()).isEqualTo(clock.instant().plusMillis(90_500)));
    }

    @Test
    void givenServerErrors_whenFetched_thenRetriedWithGrowingJitteredBackoffUntilSuccess() throws Exception {
        enqueue(500, "oops");
        enqueue(503, "oops");
        enqueue(200, batch("b", "finalizing"));

        assertThat(client.getBatch(endpoint, "b").status()).isEqualTo(BatchStatus.FINALIZING);

        assertThat(server.getRequestCount()).isEqualTo(3);
        assertThat(sleeps).hasSize(2);
        assertThat(sleeps.get(0)).isLessThanOrEqualTo(Duration.ofMillis(100));
        assertThat(sleeps.get(1)).isLessThanOrEqualTo(Duration.ofMillis(200));
        assertThat(meters.counter("tecko.poller.http.calls", "call", "get", "outcome", "5xx").count()).isEqualTo(2);
        assertThat(meters.counter("tecko.poller.http.calls", "call", "get", "outcome", "2xx").count()).isEqualTo(1);
    }

    @Test
    void givenServerErrorsEveryTime_whenFetched_thenServerErrorAfterMaxAttempts() {
        for (int i = 0; i < 3; i++) {
            enqueue(502, "");
        }
        assertThatThrownBy(() -> client.getBatch(endpoint, "b"))
                .satisfies(e -> assertThat(((ProviderException) e).kind()).isEqualTo(Kind.SERVER_ERROR))
                .hasMessageContaining("502");
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void givenASlowServer_whenTheReadTimeoutPasses_thenIoErrorAfterRetries() {
        for (int i = 0; i < 3; i++) {
            server.enqueue(new MockResponse.Builder().headersDelay(2, TimeUnit.SECONDS).body("{}").build());
        }
        assertThatThrownBy(() -> client.getBatch(endpoint, "b"))
                .satisfies(e -> assertThat(((ProviderException) e).kind()).isEqualTo(Kind.IO_ERROR));
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void givenAuthAndMissingAndOtherClientErrors_whenFetched_thenEachKindWithoutRetryOrKey() {
        enqueue(401, "{\"error\":{\"message\":\"Incorrect API key provided: " + KEY + "\"}}");
        enqueue(403, "");
        enqueue(404, "");
        enqueue(400, "");
        List<Kind> kinds = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            try {
                client.getBatch(endpoint, "b");
            } catch (ProviderException e) {
                kinds.add(e.kind());
                assertThat(e.getMessage()).doesNotContain(KEY);
            }
        }
        assertThat(kinds).containsExactly(Kind.UNAUTHORIZED, Kind.UNAUTHORIZED, Kind.NOT_FOUND, Kind.CLIENT_ERROR);
        assertThat(server.getRequestCount()).isEqualTo(4);
    }

    @Test
    void givenSeveralPages_whenListed_thenCursorsAndHasMoreAreFollowed() throws Exception {
        enqueue(200, "{\"object\":\"list\",\"data\":[" + batch("b3", "completed") + "," + batch("b2", "in_progress")
                + "],\"first_id\":\"b3\",\"last_id\":\"b2\",\"has_more\":true}");
        enqueue(200, "{\"object\":\"list\",\"data\":[" + batch("b1", "validating") + "],\"has_more\":false}");

        BatchPage first = client.listBatches(endpoint, null);
        BatchPage second = client.listBatches(endpoint, first.lastId());

        assertThat(first.batches()).extracting(ProviderBatch::id).containsExactly("b3", "b2");
        assertThat(first.hasMore()).isTrue();
        assertThat(second.lastId()).as("falls back to the last item's id").isEqualTo("b1");
        assertThat(second.hasMore()).isFalse();
        HttpUrl firstUrl = server.takeRequest().getUrl();
        assertThat(firstUrl.encodedPath()).isEqualTo("/v1/batches");
        assertThat(firstUrl.queryParameter("limit")).isEqualTo("100");
        assertThat(firstUrl.queryParameter("after")).isNull();
        assertThat(server.takeRequest().getUrl().queryParameter("after")).isEqualTo("b2");
    }

    @Test
    void givenAListWithoutData_whenListed_thenMalformed() {
        enqueue(200, "{\"object\":\"list\"}");
        assertThatThrownBy(() -> client.listBatches(endpoint, null))
                .satisfies(e -> assertThat(((ProviderException) e).kind()).isEqualTo(Kind.MALFORMED));
    }

    @Test
    void givenAnAzureHostAndAQueryInTheBase_whenUrlsAreBuilt_thenApiKeyHeaderAndQueryAreKept() {
        var azure = new ProviderEndpoint("az", ProviderEndpoint.parse("https://my.openai.azure.com/openai/?api-version=2024-10-21"), KEY);
        assertThat(azure.azure()).isTrue();
        assertThat(azure.authHeaders().toMultimap()).containsOnlyKeys("api-key");
        assertThat(azure.authHeaders().get("api-key")).isEqualTo(KEY);
        assertThat(azure.url("batches", "b1").build().toString())
                .isEqualTo("https://my.openai.azure.com/openai/batches/b1?api-version=2024-10-21");
        assertThat(azure.toString()).doesNotContain(KEY);
        assertThat(endpoint.azure()).isFalse();
        assertThatThrownBy(() -> ProviderEndpoint.parse("ftp://x")).isInstanceOf(IllegalArgumentException.class);
    }
}
