package dev.tecko.embedded.keboola;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SandboxKeboolaTest {
    private static final String BODY = """
            {"mode":"run","component":"keboola.ex-http","config":"123","configRowIds":["7"],"branchId":"42",
             "variableValuesData":{"values":[{"name":"batch_count_total","value":"2"},{"name":"batch_ids_failed","value":"[]"}]}}""";

    private final SandboxKeboola sandbox = SandboxKeboola.start("good-token");
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @AfterEach
    void close() {
        sandbox.close();
    }

    private HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
        var builder = HttpRequest.newBuilder(URI.create(sandbox.url() + path)).timeout(Duration.ofSeconds(5));
        if (token != null) {
            builder.header("X-StorageApi-Token", token);
        }
        builder.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void givenAValidTokenWhenAJobIsPostedThenItAnswers201WithAJobAndRecordsTheParsedRequest() throws Exception {
        var response = send("POST", "/jobs", "good-token", BODY);

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.body()).contains("\"status\":\"created\"", "\"component\":\"keboola.ex-http\"", sandbox.url() + "/jobs/");
        assertThat(sandbox.received()).singleElement().satisfies(r -> {
            assertThat(r.component()).isEqualTo("keboola.ex-http");
            assertThat(r.config()).isEqualTo("123");
            assertThat(r.configRowIds()).containsExactly("7");
            assertThat(r.branchId()).isEqualTo("42");
            assertThat(r.variables()).containsExactly(java.util.Map.entry("batch_count_total", "2"), java.util.Map.entry("batch_ids_failed", "[]"));
        });
        String id = sandbox.received().get(0).jobId();
        assertThat(send("GET", "/jobs/" + id, "good-token", null).body()).contains("\"id\":\"" + id + "\"");
        assertThat(send("GET", "/jobs/nope", "good-token", null).statusCode()).isEqualTo(404);
    }

    @Test
    void givenAWrongOrMissingTokenWhenCalledThenItAnswers401AndKeepsNothing() throws Exception {
        assertThat(send("POST", "/jobs", "bad", BODY).statusCode()).isEqualTo(401);
        assertThat(send("POST", "/jobs", null, BODY).body()).contains("\"code\":401", "\"status\":\"error\"", "exceptionId");
        assertThat(sandbox.received()).isEmpty();
    }

    @Test
    void givenJobsOfTwoConfigsWhenSearchedThenTheFiltersApply() throws Exception {
        send("POST", "/jobs", "good-token", BODY);
        send("POST", "/jobs", "good-token", BODY.replace("\"123\"", "\"456\""));

        assertThat(send("GET", "/search/jobs?component=keboola.ex-http&config=456", "good-token", null).body())
                .contains("\"config\":\"456\"").doesNotContain("\"config\":\"123\"");
        assertThat(send("GET", "/search/jobs?component=keboola.ex-http&createdTimeFrom=2999-01-01T00:00:00%2B00:00", "good-token", null).body())
                .isEqualTo("[]");
        assertThat(send("GET", "/search/jobs?createdTimeFrom=yesterday", "good-token", null).statusCode()).isEqualTo(400);
        assertThat(send("GET", "/search/jobs?limit=1&offset=1&sortOrder=asc", "good-token", null).body()).contains("\"config\":\"456\"");
    }

    @Test
    void givenFaultsWhenPostedThenItAnswersThemForTheGivenNumberOfCalls() throws Exception {
        sandbox.fault(Fault.UNAVAILABLE, 1);
        assertThat(send("POST", "/jobs", "good-token", BODY).statusCode()).isEqualTo(503);
        sandbox.retryAfterSeconds(7);
        sandbox.fault(Fault.TOO_MANY_REQUESTS, 1);
        var throttled = send("POST", "/jobs", "good-token", BODY);
        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.headers().firstValue("Retry-After")).hasValue("7");
        sandbox.badRequestMessage("Configuration 123 not found");
        sandbox.fault(Fault.BAD_REQUEST);
        assertThat(send("POST", "/jobs", "good-token", BODY).body()).contains("\"error\":\"Configuration 123 not found\"", "\"code\":400");
        sandbox.clearFault();
        assertThat(send("POST", "/jobs", "good-token", "not json").statusCode()).isEqualTo(400);
        assertThat(send("POST", "/jobs", "good-token", BODY).statusCode()).isEqualTo(201);
        assertThat(send("DELETE", "/jobs", "good-token", null).statusCode()).isEqualTo(404);
        assertThat(sandbox.postAttempts()).isEqualTo(5);
        assertThat(sandbox.received()).hasSize(1);
    }

    @Test
    void givenTheHangFaultWhenPostedThenNoAnswerComesUntilItIsCleared() throws Exception {
        sandbox.fault(Fault.HANG);
        CompletableFuture<HttpResponse<String>> pending = CompletableFuture.supplyAsync(() -> {
            try {
                return send("POST", "/jobs", "good-token", BODY);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> sandbox.postAttempts() == 1);
        assertThat(pending).isNotDone();
        sandbox.clearFault();
        // the hung exchange is closed without an answer once released
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(pending::isDone);
        assertThat(sandbox.received()).isEmpty();
    }
}
