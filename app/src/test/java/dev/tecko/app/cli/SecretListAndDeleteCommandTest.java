package dev.tecko.app.cli;

import static dev.tecko.app.cli.Cli.apiAt;
import static dev.tecko.app.cli.Cli.json;
import static dev.tecko.app.cli.Cli.problem;
import static dev.tecko.app.cli.Cli.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tecko.app.Tecko;
import dev.tecko.schemas.json.Json;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

class SecretListAndDeleteCommandTest {
    private static final String SECRETS = """
            {"secrets": [
              {"name": "kbc-prod", "type": "keboola", "baseUrl": "https://connection.keboola.com", "createdAt": "2026-11-20T09:00:00Z"},
              {"name": "openai-prod", "type": "openai", "createdAt": "2026-11-21T10:00:00Z"}],
             "total": 2}
            """;

    @StartStop
    private final MockWebServer server = new MockWebServer();

    @Test
    void givenSecrets_whenListed_thenATableShowsNameTypeBaseUrlAndCreation() throws Exception {
        server.enqueue(json(200, SECRETS));

        Cli.Run run = run(apiAt(server), "secret", "list");

        RecordedRequest request = server.takeRequest();
        assertThat(request.getMethod()).isEqualTo("GET");
        assertThat(request.getUrl().encodedPath()).isEqualTo("/api/secrets");
        assertThat(run.out().lines()).containsExactly(
                "NAME         TYPE     BASE URL                        CREATED",
                "kbc-prod     keboola  https://connection.keboola.com  2026-11-20T09:00:00Z",
                "openai-prod  openai   -                               2026-11-21T10:00:00Z");
    }

    @Test
    void givenJson_whenListed_thenItPrintsTheApisJson() throws Exception {
        server.enqueue(json(200, SECRETS));

        assertThat(Json.mapper().readTree(run(apiAt(server), "secret", "list", "--json").out()))
                .isEqualTo(Json.mapper().readTree(SECRETS));
    }

    @Test
    void givenYes_whenDeleting_thenItSendsDeleteForThatName() throws Exception {
        server.enqueue(new MockResponse.Builder().code(204).build());

        Cli.Run run = run(apiAt(server), "secret", "delete", "openai-prod", "--yes");

        RecordedRequest request = server.takeRequest();
        assertThat(request.getMethod()).isEqualTo("DELETE");
        assertThat(request.getUrl().encodedPath()).isEqualTo("/api/secrets/openai-prod");
        assertThat(run.out()).contains("deleted secret openai-prod");
    }

    @Test
    void givenASecretInUse_whenDeleting_thenTheJobsUsingItAreNamedAndTheExitCodeIsBadInput() {
        server.enqueue(problem(409, "{\"type\":\"https://tecko.dev/problems/conflict\",\"title\":\"Conflict\",\"status\":409,"
                + "\"detail\":\"secret openai-prod is in use\",\"jobs\":[\"job-1\",\"job-2\"]}"));

        Cli.Run run = run(apiAt(server), "secret", "delete", "openai-prod", "--yes");

        assertThat(run.exitCode()).isEqualTo(Tecko.BAD_INPUT);
        assertThat(run.err().lines()).containsExactly("error: Conflict: secret openai-prod is in use", "  used by jobs: job-1, job-2");
    }

    @Test
    void givenNoTerminalAndNoYes_whenDeleting_thenItRefusesWithBadInputAndSendsNothing() {
        Cli.Run run = run(apiAt(server), "secret", "delete", "openai-prod");

        assertThat(run.exitCode()).isEqualTo(Tecko.BAD_INPUT);
        assertThat(run.err()).contains("refusing to delete secret openai-prod without --yes");
        assertThat(server.getRequestCount()).isZero();
    }
}
