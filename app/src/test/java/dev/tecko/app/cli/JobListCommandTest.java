package dev.tecko.app.cli;

import static dev.tecko.app.cli.ApiFixtures.jobSummary;
import static dev.tecko.app.cli.Cli.apiAt;
import static dev.tecko.app.cli.Cli.json;
import static dev.tecko.app.cli.Cli.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tecko.app.Tecko;
import dev.tecko.schemas.json.Json;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

class JobListCommandTest {
    private static final String FIRST_PAGE = "{\"jobs\": [" + jobSummary("job-new", "active", 3, 2, 0) + ","
            + jobSummary("job-mid", "completed_with_failures", 4, 0, 1).replaceFirst("\\}$", ", \"downstreamStatus\": \"success\"}")
            + "], \"total\": 3, \"nextCursor\": \"c/2+\"}";
    private static final String LAST_PAGE = "{\"jobs\": [" + jobSummary("job-old", "paused", 1, 1, 0) + "], \"total\": 3}";

    @StartStop
    private final MockWebServer server = new MockWebServer();

    @Test
    void givenFilters_whenListing_thenTheyAreSentAsTheApisQueryParameters() throws Exception {
        server.enqueue(json(200, LAST_PAGE));

        run(apiAt(server), "job", "list", "--status", "active,paused", "-q", "nightly run", "--limit", "20");

        RecordedRequest request = server.takeRequest();
        assertThat(request.getMethod()).isEqualTo("GET");
        assertThat(request.getUrl().encodedPath()).isEqualTo("/api/jobs");
        assertThat(request.getUrl().queryParameter("status")).isEqualTo("active,paused");
        assertThat(request.getUrl().queryParameter("q")).isEqualTo("nightly run");
        assertThat(request.getUrl().queryParameter("limit")).isEqualTo("20");
        assertThat(request.getUrl().queryParameter("cursor")).isNull();
    }

    @Test
    void givenAPageOfJobs_whenListed_thenATableShowsEachJobsProgressAndSaysThereIsMore() {
        server.enqueue(json(200, FIRST_PAGE));

        Cli.Run run = run(apiAt(server), "job", "list");

        assertThat(run.exitCode()).isEqualTo(Tecko.OK);
        assertThat(run.out().lines()).containsExactly(
                "ID       NAME         STATUS                   BATCHES  FAILED  DOWNSTREAM  UPDATED",
                "job-new  Job job-new  active                   1/3      0       -           2026-11-21T11:00:00Z",
                "job-mid  Job job-mid  completed_with_failures  4/4      1       success     2026-11-21T11:00:00Z",
                "(2 of 3 jobs; --all lists every one)");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void givenAll_whenListing_thenItFollowsNextCursorUntilTheLastPage() throws Exception {
        server.enqueue(json(200, FIRST_PAGE));
        server.enqueue(json(200, LAST_PAGE));

        Cli.Run run = run(apiAt(server), "job", "list", "--all", "--status", "active");

        assertThat(server.takeRequest().getUrl().queryParameter("cursor")).isNull();
        RecordedRequest second = server.takeRequest();
        assertThat(second.getUrl().queryParameter("cursor")).isEqualTo("c/2+");
        assertThat(second.getUrl().queryParameter("status")).isEqualTo("active");
        assertThat(run.out()).contains("job-new").contains("job-mid").contains("job-old").doesNotContain("--all");
    }

    @Test
    void givenAllAndJson_whenListing_thenItPrintsEveryPagesJobsAsOneJsonList() throws Exception {
        server.enqueue(json(200, FIRST_PAGE));
        server.enqueue(json(200, LAST_PAGE));

        Cli.Run run = run(apiAt(server), "job", "list", "--all", "--json");

        JsonNode printed = Json.mapper().readTree(run.out());
        assertThat(printed.path("jobs").findValuesAsText("jobId")).containsExactly("job-new", "job-mid", "job-old");
        assertThat(printed.path("total").asInt()).isEqualTo(3);
    }

    @Test
    void givenJson_whenListingOnePage_thenItPrintsTheApisPageAsIs() throws Exception {
        server.enqueue(json(200, FIRST_PAGE));

        Cli.Run run = run(apiAt(server), "job", "list", "--json");

        assertThat(Json.mapper().readTree(run.out())).isEqualTo(Json.mapper().readTree(FIRST_PAGE));
    }

    @Test
    void givenNoJobs_whenListed_thenItSaysSo() {
        server.enqueue(json(200, "{\"jobs\": [], \"total\": 0}"));

        assertThat(run(apiAt(server), "job", "list").out()).isEqualTo("no jobs" + System.lineSeparator());
    }
}
