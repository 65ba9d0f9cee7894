package dev.tecko.embedded.openai;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SandboxOpenAiTest {
    private static final String KEY = "sk-sandbox-test";
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final SandboxOpenAi sandbox = SandboxOpenAi.start(clock, KEY);
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void close() {
        sandbox.close();
    }

    private HttpResponse<String> get(String pathAndQuery, String header, String value) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + pathAndQuery)).header(header, value).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        return get(pathAndQuery, "Authorization", "Bearer " + KEY);
    }

    @Test
    void givenACompletingPlan_whenTheClockAdvances_thenTheBatchWalksEveryStatusWithGrowingCounts() throws Exception {
        sandbox.createBatch("batch_a", BatchPlan.completesAfter(Duration.ofSeconds(100), 50));

        assertThat(get("/batches/batch_a").body()).contains("\"status\":\"validating\"").contains("\"total\":0");
        clock.advance(Duration.ofSeconds(50));
        String halfway = get("/batches/batch_a").body();
        assertThat(halfway).contains("\"status\":\"in_progress\"").contains("\"total\":50").contains("\"completed\":25")
                .contains("\"in_progress_at\":" + Instant.parse("2026-01-01T00:00:10Z").getEpochSecond());
        clock.advance(Duration.ofSeconds(45));
        assertThat(get("/batches/batch_a").body()).contains("\"status\":\"finalizing\"").contains("\"completed\":50");
        clock.advance(Duration.ofSeconds(5));
        assertThat(get("/batches/batch_a").body()).contains("\"status\":\"completed\"")
                .contains("\"output_file_id\":\"file-out-batch_a\"").contains("\"completed_at\":");
        assertThat(sandbox.requests("/v1/batches/batch_a")).isEqualTo(4);
    }

    @Test
    void givenOtherEndings_whenTimePasses_thenTheyFailExpireOrCancel() throws Exception {
        sandbox.createBatch("f", BatchPlan.failsValidation(Duration.ofSeconds(1)));
        sandbox.createBatch("e", BatchPlan.expiresAfter(Duration.ofSeconds(10), 10));
        sandbox.createBatch("c", BatchPlan.cancelledAfter(Duration.ofSeconds(10), 10).withFailedRequests(2));
        clock.advance(Duration.ofSeconds(9));
        assertThat(sandbox.status("c")).isEqualTo("cancelling");
        clock.advance(Duration.ofSeconds(2));
        assertThat(get("/batches/f").body()).contains("\"status\":\"failed\"").contains("invalid_json_line");
        assertThat(sandbox.status("e")).isEqualTo("expired");
        assertThat(get("/batches/c").body()).contains("\"status\":\"cancelled\"").contains("\"cancelled_at\":");
    }

    @Test
    void givenASteppedPlan_whenStepped_thenItMovesOnlyWhenTold() {
        sandbox.createBatch("s", BatchPlan.stepped(BatchPlan.Ending.COMPLETED, 3));
        clock.advance(Duration.ofDays(30));
        assertThat(sandbox.status("s")).isEqualTo("validating");
        sandbox.step("s");
        sandbox.step("s");
        sandbox.step("s");
        sandbox.step("s");
        assertThat(sandbox.status("s")).isEqualTo("completed");
    }

    @Test
    void givenManyBatches_whenListed_thenPagesAreNewestFirstWithCursors() throws Exception {
        for (int i = 0; i < 5; i++) {
            sandbox.createBatch("b" + i, BatchPlan.completesAfter(Duration.ofSeconds(100), 1));
            clock.advance(Duration.ofSeconds(1));
        }
        String first = get("/batches?limit=2").body();
        assertThat(first).contains("\"first_id\":\"b4\"").contains("\"last_id\":\"b3\"").contains("\"has_more\":true");
        String last = get("/batches?limit=2&after=b1").body();
        assertThat(last).contains("\"first_id\":\"b0\"").contains("\"has_more\":false");
        assertThat(sandbox.listRequests()).isEqualTo(2);
    }

    @Test
    void givenFaultsAndWrongKeys_whenRequested_thenTheyAreAnsweredAsInjected() throws Exception {
        sandbox.createBatch("x", BatchPlan.stepped(BatchPlan.Ending.COMPLETED, 1));
        sandbox.failNext(1, 429, Duration.ofSeconds(7));
        sandbox.failNext(1, 500, null);
        var limited = get("/batches/x");
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).contains("7");
        assertThat(get("/batches/x").statusCode()).isEqualTo(500);
        assertThat(get("/batches/x", "api-key", KEY).statusCode()).isEqualTo(200);
        assertThat(get("/batches/x", "Authorization", "Bearer wrong").statusCode()).isEqualTo(401);
        assertThat(get("/batches/missing").statusCode()).isEqualTo(404);
        sandbox.respondSlowly(Duration.ofMillis(200));
        long start = System.nanoTime();
        assertThat(get("/batches/x").statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
        sandbox.clearFaults();
        assertThat(sandbox.totalRequests()).isEqualTo(6);
        assertThat(sandbox.requestsByPath()).containsEntry("/v1/batches/x", 5L);
    }
}
