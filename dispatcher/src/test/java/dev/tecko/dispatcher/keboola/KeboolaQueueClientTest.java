package dev.tecko.dispatcher.keboola;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tecko.dispatcher.http.HttpClients;
import dev.tecko.dispatcher.http.PermanentDeliveryException;
import dev.tecko.dispatcher.http.RetryableDeliveryException;
import dev.tecko.schemas.BatchOutcome;
import dev.tecko.schemas.BatchStatus;
import dev.tecko.schemas.KeboolaVariables;
import dev.tecko.schemas.TargetType;
import dev.tecko.schemas.TriggerTarget;
import dev.tecko.schemas.json.Json;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class KeboolaQueueClientTest {
    private static final String TOKEN = "123-abcdefSECRETTOKEN";
    private static final String JOB = """
            {"id":"1234567","runId":"1234567","status":"created","desiredStatus":"processing","mode":"run",
             "component":"kds-team.app-custom-python","config":"12345","configRowIds":["row-1","row-2"],"branchId":"9876",
             "createdTime":"2026-01-01T10:00:00+00:00","url":"https://queue.keboola.com/jobs/1234567",
             "variableValuesData":{"values":[{"name":"batch_count_total","value":"3"}]}}""";

    @StartStop
    private final MockWebServer server = new MockWebServer();
    private final KeboolaQueueClient client = new KeboolaQueueClient(
            HttpClients.create(Duration.ofSeconds(2), Duration.ofSeconds(2)), Clock.systemUTC());

    private TriggerTarget target() {
        return new TriggerTarget(TargetType.KEBOOLA, server.url("/").toString(), "kds-team.app-custom-python", "12345", "9876",
                List.of("row-1", "row-2"), "1.4.2", null, "kbc");
    }

    private static Map<String, String> teckoCheckerVariables() {
        return KeboolaVariables.of(List.of(
                new BatchOutcome("batch_a", BatchStatus.COMPLETED, null, null, null),
                new BatchOutcome("batch_b", BatchStatus.FAILED, null, null, null),
                new BatchOutcome("batch_c", BatchStatus.COMPLETED, null, null, null)));
    }

    @Test
    void givenTeckoCheckersVariables_whenAJobIsCreated_thenTheRequestIsExactlyTheFixtureWithTheTokenHeader() throws Exception {
        server.enqueue(new MockResponse.Builder().code(201).body(JOB).build());

        KeboolaJob job = client.createJob(target(), teckoCheckerVariables(), TOKEN);

        RecordedRequest request = server.takeRequest();
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getUrl().encodedPath()).isEqualTo("/jobs");
        assertThat(request.getHeaders().get("X-StorageApi-Token")).isEqualTo(TOKEN);
        assertThat(request.getHeaders().get("Content-Type")).startsWith("application/json");
        JsonNode sent = Json.mapper().readTree(request.getBody().utf8());
        JsonNode expected;
        try (InputStream in = getClass().getResourceAsStream("/fixtures/teckochecker-job-request.json")) {
            expected = Json.mapper().readTree(in);
        }
        assertThat(sent).isEqualTo(expected);
        assertThat(request.getBody().utf8()).startsWith("{\"mode\":\"run\",\"component\"");
        assertThat(job).isEqualTo(new KeboolaJob("1234567", "created", "https://queue.keboola.com/jobs/1234567",
                "2026-01-01T10:00:00+00:00", "1234567", "kds-team.app-custom-python", "12345", List.of("row-1", "row-2"), "9876",
                Map.of("batch_count_total", "3"), null));
    }

    @Test
    void givenAJobOfAKnownProject_whenItsLinkIsAskedFor_thenItIsKeboolasUiPageNotTheApiAddress() {
        var job = KeboolaJob.tryParse(Json.mapper().createObjectNode().put("id", "77").put("url", "https://queue.keboola.com/jobs/77")
                .set("project", Json.mapper().createObjectNode().put("id", "321"))).orElseThrow();
        assertThat(job.uiUrl("https://connection.keboola.com/")).isEqualTo("https://connection.keboola.com/admin/projects/321/queue/77");
        var noProject = KeboolaJob.tryParse(Json.mapper().createObjectNode().put("id", "78").put("url", "https://queue.keboola.com/jobs/78"))
                .orElseThrow();
        assertThat(noProject.uiUrl("https://connection.keboola.com")).isEqualTo("https://queue.keboola.com/jobs/78");
    }

    @Test
    void givenATargetWithoutRowsBranchOrTag_whenAJobIsCreated_thenThoseFieldsAreLeftOut() throws Exception {
        server.enqueue(new MockResponse.Builder().code(201).body(JOB).build());
        client.createJob(TriggerTarget.keboola(server.url("/").toString(), "c", "1", "kbc"), Map.of("a", "b"), TOKEN);

        assertThat(server.takeRequest().getBody().utf8())
                .isEqualTo("{\"mode\":\"run\",\"component\":\"c\",\"config\":\"1\",\"variableValuesData\":{\"values\":[{\"name\":\"a\",\"value\":\"b\"}]}}");
    }

    @ParameterizedTest
    @CsvSource({
            "https://connection.keboola.com, https://queue.keboola.com",
            "https://connection.keboola.com/, https://queue.keboola.com",
            "https://connection.eu-central-1.keboola.com, https://queue.eu-central-1.keboola.com",
            "https://connection.north-europe.azure.keboola.com, https://queue.north-europe.azure.keboola.com",
            "https://queue.keboola.com, https://queue.keboola.com",
            "http://127.0.0.1:8123, http://127.0.0.1:8123"})
    void givenAStackUrl_whenTheQueueUrlIsDerived_thenConnectionBecomesQueue(String stack, String queue) {
        assertThat(QueueUrls.of(stack)).isEqualTo(queue);
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 404})
    void givenAClientError_whenAJobIsCreated_thenItFailsPermanentlyWithKeboolasMessageAndNotTheToken(int status) {
        server.enqueue(new MockResponse.Builder().code(status)
                .body("{\"error\":\"Configuration 12345 not found for token " + TOKEN + "\",\"code\":" + status
                        + ",\"status\":\"error\",\"exceptionId\":\"job-runner-abc\"}").build());

        assertThatThrownBy(() -> client.createJob(target(), teckoCheckerVariables(), TOKEN))
                .isInstanceOf(PermanentDeliveryException.class)
                .hasMessageContaining("answered " + status + ": Configuration 12345 not found")
                .hasMessageContaining("exceptionId job-runner-abc")
                .hasMessageNotContaining(TOKEN);
    }

    @Test
    void givenTooManyRequests_whenAJobIsCreated_thenItIsRetryableWithTheRetryAfterAndNotAmbiguous() {
        server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "7").body("slow down").build());

        assertThatThrownBy(() -> client.createJob(target(), teckoCheckerVariables(), TOKEN))
                .isInstanceOfSatisfying(RetryableDeliveryException.class, e -> {
                    assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
                    assertThat(e.ambiguous()).isFalse();
                    assertThat(e.httpStatus()).isEqualTo(429);
                });
    }

    @Test
    void givenA502OrAnUnreadable201_whenAJobIsCreated_thenItIsRetryableAndAmbiguous() {
        server.enqueue(new MockResponse.Builder().code(502).build());
        server.enqueue(new MockResponse.Builder().code(201).body("<html>").build());

        assertThatThrownBy(() -> client.createJob(target(), teckoCheckerVariables(), TOKEN))
                .isInstanceOfSatisfying(RetryableDeliveryException.class, e -> assertThat(e.ambiguous()).isTrue());
        assertThatThrownBy(() -> client.createJob(target(), teckoCheckerVariables(), TOKEN))
                .isInstanceOfSatisfying(RetryableDeliveryException.class, e -> assertThat(e.ambiguous()).isTrue());
    }

    @Test
    void givenNoAnswer_whenAJobIsCreated_thenItIsRetryableAndAmbiguous() {
        server.enqueue(new MockResponse.Builder().onResponseStart(mockwebserver3.SocketEffect.ShutdownConnection.INSTANCE).build());

        assertThatThrownBy(() -> client.createJob(target(), teckoCheckerVariables(), TOKEN))
                .isInstanceOfSatisfying(RetryableDeliveryException.class, e -> {
                    assertThat(e.ambiguous()).isTrue();
                    assertThat(e.httpStatus()).isNull();
                });
    }

    @Test
    void givenJobs_whenSearched_thenTheFiltersAreSentAndEveryPageIsRead() throws Exception {
        var fullPage = new StringBuilder("[");
        for (int i = 0; i < KeboolaQueueClient.PAGE; i++) {
            fullPage.append(i == 0 ? "" : ",").append(JOB.replace("1234567", Integer.toString(i)));
        }
        server.enqueue(new MockResponse.Builder().code(200).body(fullPage.append("]").toString()).build());
        server.enqueue(new MockResponse.Builder().code(200).body("[" + JOB + "]").build());

        List<KeboolaJob> jobs = client.searchJobs(target(), Instant.parse("2026-01-01T09:59:00Z"), TOKEN);

        assertThat(jobs).hasSize(KeboolaQueueClient.PAGE + 1);
        var first = server.takeRequest().getUrl();
        assertThat(first.encodedPath()).isEqualTo("/search/jobs");
        assertThat(first.queryParameter("component")).isEqualTo("kds-team.app-custom-python");
        assertThat(first.queryParameter("config")).isEqualTo("12345");
        assertThat(first.queryParameter("createdTimeFrom")).isEqualTo("2026-01-01T09:59:00Z");
        assertThat(first.queryParameter("offset")).isEqualTo("0");
        assertThat(server.takeRequest().getUrl().queryParameter("offset")).isEqualTo(Integer.toString(KeboolaQueueClient.PAGE));
    }
}
