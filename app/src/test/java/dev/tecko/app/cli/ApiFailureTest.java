package dev.tecko.app.cli;

import static dev.tecko.app.cli.Cli.TOKEN;
import static dev.tecko.app.cli.Cli.apiAt;
import static dev.tecko.app.cli.Cli.problem;
import static dev.tecko.app.cli.Cli.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tecko.app.Tecko;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/** How refusals and failures of the API reach the user: what they read on stderr and the exit code a script sees. */
class ApiFailureTest {
    private static final String[] CREATE = {"job", "create", "--name", "n", "--batch-id", "b", "--openai-secret", "o",
            "--webhook-url", "http://hooks.example.com", "--webhook-secret", "w"};

    @StartStop
    private final MockWebServer server = new MockWebServer();

    @Test
    void givenAValidationProblem_whenTheApiRefuses_thenEveryFieldErrorIsPrintedUnderItsFlagAndTheExitCodeIsBadInput() {
        server.enqueue(problem(400, ApiFixtures.VALIDATION_PROBLEM));

        Cli.Run run = run(apiAt(server), CREATE);

        assertThat(run.exitCode()).isEqualTo(Tecko.BAD_INPUT);
        assertThat(run.err().lines()).containsExactly(
                "error: Invalid request: 2 fields are invalid",
                "  --batch-id: must hold at least 1 batch id",
                "  --keboola-stack: must be https");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void givenAWrongToken_whenTheApiAnswers401_thenItSaysToCheckTheTokenVariableWithoutShowingIt() {
        server.enqueue(new MockResponse.Builder().code(401).addHeader("WWW-Authenticate", "Bearer")
                .body("{\"title\":\"Unauthorized\",\"status\":401,\"detail\":\"bad token " + TOKEN + "\"}").build());

        Cli.Run run = run(apiAt(server), "job", "list");

        assertThat(run.exitCode()).isEqualTo(Tecko.BAD_INPUT);
        assertThat(run.err()).contains("did not accept the token").contains("check TECKO_API_TOKEN");
        assertThat(run.both()).doesNotContain(TOKEN);
    }

    @Test
    void givenAProblemThatQuotesTheToken_whenPrinted_thenTheTokenIsMasked() {
        server.enqueue(problem(400, "{\"title\":\"Bad\",\"status\":400,\"detail\":\"got " + TOKEN + "\"}"));

        Cli.Run run = run(apiAt(server), "job", "list");

        assertThat(run.err()).contains("error: Bad: got ****").doesNotContain(TOKEN);
    }

    @Test
    void givenTheApiIsUnavailable_whenItAnswers503_thenTheProblemIsPrintedAndTheExitCodeIsFailure() {
        server.enqueue(problem(503, "{\"title\":\"Service unavailable\",\"status\":503,\"detail\":\"the broker is not reachable\"}"));

        Cli.Run run = run(apiAt(server), CREATE);

        assertThat(run.exitCode()).isEqualTo(Tecko.FAILED);
        assertThat(run.err()).contains("error: the tecko API at " + server.url("/") + " failed (HTTP 503): "
                + "Service unavailable: the broker is not reachable");
    }

    @Test
    void givenAServerErrorThatIsNotAProblemDocument_whenItAnswers_thenTheStatusAndBodyAreShown() {
        server.enqueue(new MockResponse.Builder().code(502).body("<html>Bad Gateway</html>").build());

        Cli.Run run = run(apiAt(server), "secret", "list");

        assertThat(run.exitCode()).isEqualTo(Tecko.FAILED);
        assertThat(run.err()).contains("HTTP 502").contains("<html>Bad Gateway</html>");
    }

    @Test
    void givenNothingListensAtTheApiUrl_whenRun_thenItCannotReachTheApiAndTheExitCodeIsFailure() throws IOException {
        int closedPort;
        try (var socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + closedPort + "/";

        Cli.Run run = run(Map.of(ApiEndpoint.URL_ENV, url, ApiEndpoint.TOKEN_ENV, TOKEN), CREATE);

        assertThat(run.exitCode()).isEqualTo(Tecko.FAILED);
        assertThat(run.err()).startsWith("error: cannot reach the tecko API at " + url + ": ");
        assertThat(run.both()).doesNotContain(TOKEN);
    }

    @Test
    void givenASuccessBodyThatIsNotJson_whenRead_thenItIsAFailureNotAStackTrace() {
        server.enqueue(new MockResponse.Builder().code(200).body("not json").build());

        Cli.Run run = run(apiAt(server), "job", "list");

        assertThat(run.exitCode()).isEqualTo(Tecko.FAILED);
        assertThat(run.err()).startsWith("error: the tecko API at " + server.url("/") + " answered 200 with a body that is not JSON");
    }
}
