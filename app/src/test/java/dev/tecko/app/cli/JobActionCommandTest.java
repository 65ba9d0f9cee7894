package dev.tecko.app.cli;

import static dev.tecko.app.cli.Cli.TOKEN;
import static dev.tecko.app.cli.Cli.apiAt;
import static dev.tecko.app.cli.Cli.json;
import static dev.tecko.app.cli.Cli.problem;
import static dev.tecko.app.cli.Cli.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tecko.app.Tecko;
import dev.tecko.schemas.json.Json;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JobActionCommandTest {
    @StartStop
    private final MockWebServer server = new MockWebServer();

    @ParameterizedTest
    @CsvSource({"pause, paused", "resume, resumed", "cancel, cancelled", "retrigger, retriggered"})
    void givenAnAction_whenRun_thenItPostsToTheJobsActionAndPrintsTheNewStatus(String action, String done) throws Exception {
        server.enqueue(json(200, "{\"jobId\": \"job-1\", \"status\": \"" + done + "\"}"));

        Cli.Run run = run(apiAt(server), "job", action, "job-1");

        assertThat(run.exitCode()).isEqualTo(Tecko.OK);
        RecordedRequest request = server.takeRequest();
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getUrl().encodedPath()).isEqualTo("/api/jobs/job-1/" + action);
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(request.getBodySize()).isZero();
        assertThat(run.out()).isEqualTo(done + " job job-1: now " + done + System.lineSeparator());
    }

    @Test
    void givenATaggedJob_whenSealedWithAReason_thenItPostsTheReasonAndPrintsTheSearchsState() throws Exception {
        server.enqueue(json(200, ApiFixtures.TAGGED_JOB.replace("\"state\": \"open\"",
                "\"state\": \"sealing\", \"sealRequestedAt\": \"2026-12-04T02:00:00Z\"")));

        Cli.Run run = run(apiAt(server), "job", "seal", "nightly-tagged", "--reason", "all submitted");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(Tecko.OK);
        RecordedRequest request = server.takeRequest();
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getUrl().encodedPath()).isEqualTo("/api/jobs/nightly-tagged/seal");
        assertThat(Json.mapper().readTree(request.getBody().utf8())).isEqualTo(Json.mapper().readTree("{\"reason\": \"all submitted\"}"));
        assertThat(run.out()).isEqualTo("seal of job nightly-tagged accepted: sealing since 2026-12-04T02:00:00Z (waits for a search of"
                + " the provider past it): 0 batches found, not listed yet, expected 12, seals at 2026-12-04T03:00:00Z" + System.lineSeparator());
    }

    @Test
    void givenNoReason_whenSealed_thenTheBodyIsEmptyAndTheApisRefusalIsShown() throws Exception {
        server.enqueue(problem(409, "{\"type\":\"https://tecko.dev/problems/conflict\",\"title\":\"Conflict\",\"status\":409,"
                + "\"detail\":\"job job-1 has no batchTag: its batch list is the ids it names\"}"));

        Cli.Run run = run(apiAt(server), "job", "seal", "job-1");

        assertThat(server.takeRequest().getBodySize()).isZero();
        assertThat(run.exitCode()).isEqualTo(Tecko.BAD_INPUT);
        assertThat(run.err()).contains("error: Conflict: job job-1 has no batchTag");
    }

    @Test
    void givenAJobIdWithASlash_whenPaused_thenTheIdStaysOnePathSegment() throws Exception {
        server.enqueue(json(200, "{\"jobId\": \"a/b\", \"status\": \"paused\"}"));

        run(apiAt(server), "job", "pause", "a/b");

        assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/api/jobs/a%2Fb/pause");
    }

    @Test
    void givenAStatusThatDoesNotAllowIt_whenResumed_thenTheApisReasonIsShownAndTheExitCodeIsBadInput() {
        server.enqueue(problem(409, "{\"type\":\"https://tecko.dev/problems/conflict\",\"title\":\"Conflict\",\"status\":409,"
                + "\"detail\":\"job job-1 is cancelled\"}"));

        Cli.Run run = run(apiAt(server), "job", "resume", "job-1");

        assertThat(run.exitCode()).isEqualTo(Tecko.BAD_INPUT);
        assertThat(run.err()).contains("error: Conflict: job job-1 is cancelled");
    }

    @Test
    void givenJson_whenCancelled_thenItPrintsTheApisJob() throws Exception {
        server.enqueue(json(200, ApiFixtures.JOB));

        Cli.Run run = run(apiAt(server), "job", "cancel", "nightly-2026-11-21", "--json");

        assertThat(Json.mapper().readTree(run.out())).isEqualTo(Json.mapper().readTree(ApiFixtures.JOB));
    }
}
