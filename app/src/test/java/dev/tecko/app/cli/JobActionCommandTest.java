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
