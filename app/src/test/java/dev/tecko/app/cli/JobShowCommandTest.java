package dev.tecko.app.cli;

import static dev.tecko.app.cli.Cli.apiAt;
import static dev.tecko.app.cli.Cli.json;
import static dev.tecko.app.cli.Cli.problem;
import static dev.tecko.app.cli.Cli.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tecko.app.Tecko;
import dev.tecko.schemas.json.Json;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

class JobShowCommandTest {
    @StartStop
    private final MockWebServer server = new MockWebServer();

    @Test
    void givenAJob_whenShown_thenItFetchesTheJobAndItsLatestTenEvents() throws Exception {
        server.enqueue(json(200, ApiFixtures.JOB));
        server.enqueue(json(200, ApiFixtures.EVENTS));

        run(apiAt(server), "job", "show", "nightly-2026-11-21");

        RecordedRequest job = server.takeRequest();
        assertThat(job.getMethod()).isEqualTo("GET");
        assertThat(job.getUrl().encodedPath()).isEqualTo("/api/jobs/nightly-2026-11-21");
        RecordedRequest events = server.takeRequest();
        assertThat(events.getUrl().encodedPath()).isEqualTo("/api/jobs/nightly-2026-11-21/events");
        assertThat(events.getUrl().queryParameter("limit")).isEqualTo("10");
    }

    @Test
    void givenANameAndAnErrorWithTerminalControls_whenShown_thenTheyAreShownEscapedAndJsonStaysValid() throws Exception {
        // anyone can name a job, and a provider writes the error texts: neither may drive the reader's terminal
        String hostile = ApiFixtures.JOB.replace("Nightly enrichment", "Nightly\\u001b[31m RED\\rfake line\\u202e")
                .replace("\"batchId\": \"batch_def\"", "\"batchId\": \"batch_def\", \"errors\": [{\"message\": \"boom\\u001b[2J\"}]");
        server.enqueue(json(200, hostile));
        server.enqueue(json(200, ApiFixtures.EVENTS));

        Cli.Run run = run(apiAt(server), "job", "show", "nightly-2026-11-21");

        assertThat(run.out()).as(run.err()).contains("name      Nightly\\x1b[31m RED\\x0dfake line\\u202e")
                .doesNotContain("\u001b").doesNotContain("\r").doesNotContain("\u202e");

        server.enqueue(json(200, hostile));
        server.enqueue(json(200, ApiFixtures.EVENTS));
        Cli.Run asJson = run(apiAt(server), "job", "show", "nightly-2026-11-21", "--json");
        JsonNode parsed = Json.mapper().readTree(asJson.out());
        assertThat(parsed.path("job").path("name").asText()).isEqualTo("Nightly\u001b[31m RED\rfake line\u202e");
    }

    @Test
    void givenAJob_whenShown_thenItPrintsTheHeaderEveryBatchAndTheEvents() {
        server.enqueue(json(200, ApiFixtures.JOB));
        server.enqueue(json(200, ApiFixtures.EVENTS));

        Cli.Run run = run(apiAt(server), "job", "show", "nightly-2026-11-21");

        assertThat(run.exitCode()).isEqualTo(Tecko.OK);
        assertThat(run.out())
                .contains("job       nightly-2026-11-21")
                .contains("name      Nightly enrichment")
                .contains("status    active (generation 1)")
                .contains("batches   1/2 done, 0 failed")
                .contains("target    keboola keboola.orchestrator config 123456 branch 789 rows 1,2 on https://connection.keboola.com (secret kbc-prod)")
                .contains("policy    min_completed_ratio 0.8")
                .contains("polling   every 120 s (adaptive, 30 to 600 s)")
                .contains("deadline  2026-11-22T06:00:00Z")
                .contains("requests  90 ok, 10 failed of 100")
                .contains("tokens    31000 total (25000 input, 5000 of them cached; 6000 output, 0 of them reasoning)")
                .contains("BATCH      STATUS     REQUESTS ok/failed/total  TOKENS  OBSERVED")
                .contains("batch_abc  completed  90/10/100                 31000   2026-11-21T10:20:00Z")
                .contains("batch_def  pending    -                         -       -")
                .contains("created")
                .contains("batch batch_abc in_progress -> completed; requests 90 ok, 10 failed of 100");
    }

    @Test
    void givenAFollowedKeboolaJob_whenShown_thenItsOutcomeTimesAndRetriesAreALine() {
        String job = ApiFixtures.JOB.replace("\"deadline\": \"2026-11-22T06:00:00Z\",", "\"deadline\": \"2026-11-22T06:00:00Z\", "
                + "\"downstreamRetries\": 2, \"downstreamRetriesUsed\": 1, \"downstream\": {\"keboolaJobId\": \"1234\", \"status\": \"error\", "
                + "\"startedAt\": \"2026-11-21T10:22:00Z\", \"finishedAt\": \"2026-11-21T10:23:00Z\", \"durationSeconds\": 60, "
                + "\"message\": \"User error: table missing\", \"observedAt\": \"2026-11-21T10:23:05Z\"},");
        server.enqueue(json(200, job));
        server.enqueue(json(200, ApiFixtures.EVENTS));

        Cli.Run run = run(apiAt(server), "job", "show", "nightly-2026-11-21");

        assertThat(run.out()).as(run.err()).contains("keboola   job 1234 error, started 2026-11-21T10:22:00Z, finished "
                + "2026-11-21T10:23:00Z (60 s): User error: table missing (automatic retries used 1 of 2)");
    }

    @Test
    void givenATriggerAwaitingDeliveryAndABatchThatFailedEveryRequest_whenShown_thenBothAreSaidInWords() {
        String job = ApiFixtures.JOB
                .replace("\"deadline\": \"2026-11-22T06:00:00Z\",", "\"deadline\": \"2026-11-22T06:00:00Z\", \"lastTrigger\": "
                        + "{\"triggerId\": \"nightly-2026-11-21:1\", \"generation\": 1, \"requestedAt\": \"2026-11-21T10:21:00Z\"},")
                .replace("\"batchId\": \"batch_def\", \"status\": \"pending\"", "\"batchId\": \"batch_def\", \"status\": \"completed\", "
                        + "\"requestCounts\": {\"total\": 4, \"completed\": 0, \"failed\": 4}, \"allRequestsFailed\": true, "
                        + "\"errors\": [{\"code\": \"invalid_json_line\", \"message\": \"not JSON\", \"line\": 3}]");
        server.enqueue(json(200, job));
        server.enqueue(json(200, ApiFixtures.EVENTS));
        server.enqueue(json(200, "{\"triggerId\": \"nightly-2026-11-21:1\", \"variables\": {\"batch_ids_completed\": \"[\\\"batch_abc\\\"]\","
                + " \"batch_count_total\": \"2\"}}"));

        Cli.Run run = run(apiAt(server), "job", "show", "nightly-2026-11-21");

        assertThat(run.out()).as(run.err())
                .contains("variables sent")
                .contains("  batch_ids_completed = [\"batch_abc\"]")
                .contains("  batch_count_total = 2")
                .contains("trigger   awaiting delivery since 2026-11-21T10:21:00Z")
                .doesNotContain("null")
                .contains("(1 completed with every request failed)")
                .contains("batch_def  completed (every request failed)")
                .contains("errors")
                .contains("  batch_def  invalid_json_line: not JSON (line 3)");
        assertThat(run.out()).as("no usage reported for batch_def: no number").doesNotContain("batch_def  completed (every request failed)  0/4/4  0");
    }

    @Test
    void givenATriggerWhoseDeliveryFailedAndIsRetried_whenShown_thenTheTriggerLineSaysTheAttemptWhatItMetAndTheNextTry() {
        String nextTry = Instant.now().plusSeconds(10 * 60 + 30).truncatedTo(ChronoUnit.SECONDS).toString();
        server.enqueue(json(200, triggering("{\"attempts\": 3, \"lastError\": \"Keboola answered 503 Service Unavailable\", "
                + "\"lastHttpStatus\": 503, \"nextAttemptAt\": \"" + nextTry + "\", \"breakerOpen\": false, "
                + "\"updatedAt\": \"2026-11-21T10:21:30Z\"}")));
        server.enqueue(json(200, ApiFixtures.EVENTS));
        server.enqueue(json(200, VARIABLES));

        Cli.Run run = run(apiAt(server), "job", "show", "nightly-2026-11-21");

        assertThat(run.out()).as(run.err()).contains("trigger   awaiting delivery since 2026-11-21T10:21:00Z: attempt 3 failed "
                + "(503: Keboola answered 503 Service Unavailable), next try at " + nextTry + " (in 10 min)" + System.lineSeparator());
    }

    @Test
    void givenTheKeboolaHostsCircuitOpen_whenShown_thenTheTriggerLineSaysItWaitsForTheHostToRecover() {
        server.enqueue(json(200, triggering("{\"attempts\": 0, \"breakerOpen\": true, \"updatedAt\": \"2026-11-21T10:21:01Z\"}")));
        server.enqueue(json(200, ApiFixtures.EVENTS));
        server.enqueue(json(200, VARIABLES));

        Cli.Run run = run(apiAt(server), "job", "show", "nightly-2026-11-21");

        assertThat(run.out()).as(run.err()).contains("trigger   awaiting delivery since 2026-11-21T10:21:00Z: Keboola host's circuit is "
                + "open: waiting for it to recover" + System.lineSeparator());
    }

    @Test
    void givenDeliveryProgress_whenTheTriggerLineIsWritten_thenAttemptErrorNextTryAndOpenCircuitReadInThatOrder() throws Exception {
        Instant now = Instant.parse("2026-11-21T10:21:10Z");
        JsonNode trigger = Json.mapper().readTree("{\"triggerId\": \"hook-1:1\", \"generation\": 1, \"requestedAt\": "
                + "\"2026-11-21T10:21:00Z\", \"delivery\": {\"attempts\": 5, \"lastError\": \"connection refused\", "
                + "\"nextAttemptAt\": \"2026-11-21T10:21:14Z\", \"breakerOpen\": true, \"updatedAt\": \"2026-11-21T10:21:09Z\"}}");
        JsonNode webhook = Json.mapper().readTree("{\"type\": \"webhook\", \"url\": \"https://hooks.example.com/x\"}");

        assertThat(JobView.lastTrigger(trigger, webhook, now)).isEqualTo("awaiting delivery since 2026-11-21T10:21:00Z: attempt 5 "
                + "failed (connection refused), next try at 2026-11-21T10:21:14Z (in 4 s); webhook host's circuit is open: waiting "
                + "for it to recover");
        ((ObjectNode) trigger.path("delivery")).put("lastHttpStatus", 502).remove("lastError");
        assertThat(JobView.lastTrigger(trigger, webhook, now.plusSeconds(70))).as("a try that is overdue, with a status and no text")
                .contains("attempt 5 failed (HTTP 502), next try at 2026-11-21T10:21:14Z (1 min ago)");
        ((ObjectNode) trigger).put("outcome", "ok");
        assertThat(JobView.lastTrigger(trigger, webhook, now)).as("a result ends the progress")
                .isEqualTo("ok at 2026-11-21T10:21:00Z");
    }

    @Test
    void givenInstantsAroundNow_whenWordedRelatively_thenTheyReadInTheWebUisUnitsToTheSecond() {
        Instant now = Instant.parse("2026-11-21T10:00:00Z");

        assertThat(JobView.relative("2026-11-21T10:00:04Z", now)).isEqualTo("in 4 s");
        assertThat(JobView.relative("2026-11-21T09:57:00Z", now)).isEqualTo("3 min ago");
        assertThat(JobView.relative("2026-11-21T11:05:00Z", now)).isEqualTo("in 1 h 5 min");
        assertThat(JobView.relative("2026-11-23T10:00:00Z", now)).isEqualTo("in 2 d");
        assertThat(JobView.relative("2026-11-21T10:00:00Z", now)).isEqualTo("now");
        assertThat(JobView.relative("2026-11-21T10:00:04.600Z", now)).as("to the nearest second").isEqualTo("in 5 s");
        assertThat(JobView.relative("+1000000000-01-01T00:00:00Z", now)).as("far off, no overflow").endsWith(" d").startsWith("in ");
        assertThat(JobView.relative("not a time", now)).isNull();
    }

    @Test
    void givenEventTypes_whenShown_thenTheApiIsAskedForThoseTypesOnly() throws Exception {
        server.enqueue(json(200, ApiFixtures.JOB));
        server.enqueue(json(200, ApiFixtures.EVENTS));

        Cli.Run run = run(apiAt(server), "job", "show", "nightly-2026-11-21", "--event-type", "batch_changed,triggered",
                "--event-type", "downstream_failed");

        server.takeRequest();
        assertThat(server.takeRequest().getUrl().queryParameter("type")).isEqualTo("batch_changed,triggered,downstream_failed");
        assertThat(run.out()).contains("latest events of type batch_changed, triggered, downstream_failed");
    }

    @Test
    void givenAnEventCount_whenShown_thenItAsksForThatManyAndZeroAsksForNone() throws Exception {
        server.enqueue(json(200, ApiFixtures.JOB));
        server.enqueue(json(200, ApiFixtures.EVENTS));
        server.enqueue(json(200, ApiFixtures.JOB));

        run(apiAt(server), "job", "show", "nightly-2026-11-21", "--events", "3");
        Cli.Run withoutEvents = run(apiAt(server), "job", "show", "nightly-2026-11-21", "--events", "0");

        server.takeRequest();
        assertThat(server.takeRequest().getUrl().queryParameter("limit")).isEqualTo("3");
        assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/api/jobs/nightly-2026-11-21");
        assertThat(server.getRequestCount()).isEqualTo(3);
        assertThat(withoutEvents.out()).doesNotContain("latest events");
    }

    @Test
    void givenJson_whenShown_thenItPrintsTheApisJobAndEventsUnderOneObject() throws Exception {
        server.enqueue(json(200, ApiFixtures.JOB));
        server.enqueue(json(200, ApiFixtures.EVENTS));

        JsonNode printed = Json.mapper().readTree(run(apiAt(server), "job", "show", "nightly-2026-11-21", "--json").out());

        assertThat(printed.path("job")).isEqualTo(Json.mapper().readTree(ApiFixtures.JOB));
        assertThat(printed.path("events")).isEqualTo(Json.mapper().readTree(ApiFixtures.EVENTS).path("events"));
    }

    @Test
    void givenAnUnknownJob_whenShown_thenItPrintsTheApisProblemAndExitsWithBadInput() {
        server.enqueue(problem(404, "{\"type\":\"https://tecko.dev/problems/not-found\",\"title\":\"Not found\",\"status\":404,"
                + "\"detail\":\"no job nope\"}"));

        Cli.Run run = run(apiAt(server), "job", "show", "nope");

        assertThat(run.exitCode()).isEqualTo(Tecko.BAD_INPUT);
        assertThat(run.err()).isEqualTo("error: Not found: no job nope" + System.lineSeparator());
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    private static final String VARIABLES = "{\"triggerId\": \"nightly-2026-11-21:1\", \"variables\": {\"batch_count_total\": \"2\"}}";

    /** The job, triggering: its trigger awaits the result, with this delivery progress. */
    private static String triggering(String delivery) {
        return ApiFixtures.JOB.replace("\"status\": \"active\"", "\"status\": \"triggering\"")
                .replace("\"deadline\": \"2026-11-22T06:00:00Z\",", "\"deadline\": \"2026-11-22T06:00:00Z\", \"lastTrigger\": "
                        + "{\"triggerId\": \"nightly-2026-11-21:1\", \"generation\": 1, \"requestedAt\": \"2026-11-21T10:21:00Z\", "
                        + "\"delivery\": " + delivery + "},");
    }
}
