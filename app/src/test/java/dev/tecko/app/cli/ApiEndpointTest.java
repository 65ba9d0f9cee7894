package dev.tecko.app.cli;

import static dev.tecko.app.cli.Cli.TOKEN;
import static dev.tecko.app.cli.Cli.json;
import static dev.tecko.app.cli.Cli.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tecko.app.ApiTokenFile;
import dev.tecko.app.DataDir;
import dev.tecko.app.Tecko;
import dev.tecko.platform.config.TeckoConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the CLI finds the API and its token: variables, the file {@code tecko up} writes, and {@code --api-url}. */
class ApiEndpointTest {
    private static final String FILE_TOKEN = "token-from-the-file-1234";
    private static final String NO_JOBS = "{\"jobs\": [], \"total\": 0}";

    @StartStop
    private final MockWebServer server = new MockWebServer();

    @TempDir
    Path dataDir;

    private Map<String, String> withoutToken() {
        return Map.of(ApiEndpoint.URL_ENV, server.url("/").toString(), DataDir.ENV, dataDir.toString());
    }

    @Test
    void givenNoTokenVariableButTheTokenFile_whenRun_thenTheFilesTokenIsSent() throws Exception {
        Files.writeString(dataDir.resolve(ApiTokenFile.NAME), FILE_TOKEN + "\n");
        server.enqueue(json(200, NO_JOBS));

        Cli.Run run = run(withoutToken(), "job", "list");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(Tecko.OK);
        assertThat(server.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer " + FILE_TOKEN);
    }

    @Test
    void givenTheTokenVariableAndTheTokenFile_whenRun_thenTheVariableWins() throws Exception {
        Files.writeString(dataDir.resolve(ApiTokenFile.NAME), FILE_TOKEN);
        server.enqueue(json(200, NO_JOBS));
        var env = new HashMap<>(withoutToken());
        env.put(ApiEndpoint.TOKEN_ENV, TOKEN);

        run(env, "job", "list");

        assertThat(server.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
    }

    @Test
    void givenNeitherTokenVariableNorFile_whenRun_thenItExitsWithBadInputNamingTheVariableAndSendsNothing() {
        Cli.Run run = run(withoutToken(), "job", "list");

        assertThat(run.exitCode()).isEqualTo(Tecko.BAD_INPUT);
        assertThat(run.err()).contains("TECKO_API_TOKEN is not set").contains(dataDir.resolve("api.token").toString());
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void givenApiUrlFlag_whenRun_thenItOverridesTheVariable() throws IOException, InterruptedException {
        server.enqueue(json(200, NO_JOBS));
        Map<String, String> env = Map.of(ApiEndpoint.URL_ENV, "http://127.0.0.1:1/", ApiEndpoint.TOKEN_ENV, TOKEN);

        Cli.Run run = run(env, "job", "list", "--api-url", server.url("/").toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(Tecko.OK);
        assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/api/jobs");
    }

    @Test
    void givenAnApiUrlWithAPathPrefix_whenRun_thenRoutesAreBelowIt() throws InterruptedException {
        server.enqueue(json(200, NO_JOBS));

        run(Map.of(ApiEndpoint.TOKEN_ENV, TOKEN), "job", "list", "--api-url", server.url("/tecko").toString());

        assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/tecko/api/jobs");
    }

    @Test
    void givenAnApiUrlThatIsNotAUrl_whenRun_thenItExitsWithBadInputNamingTheVariable() {
        Cli.Run run = run(Map.of(ApiEndpoint.URL_ENV, "localhost:8080", ApiEndpoint.TOKEN_ENV, TOKEN), "job", "list");

        assertThat(run.exitCode()).isEqualTo(Tecko.BAD_INPUT);
        assertThat(run.err()).contains("TECKO_API_URL must be an http or https URL, got 'localhost:8080'");
    }

    @Test
    void givenAnEndpoint_whenTurnedIntoText_thenTheTokenIsNotShown() {
        ApiEndpoint endpoint = ApiEndpoint.resolve(TeckoConfig.of(Map.of(ApiEndpoint.TOKEN_ENV, TOKEN)), null);

        assertThat(endpoint.toString()).isEqualTo("tecko API at http://127.0.0.1:8080/").doesNotContain(TOKEN);
    }
}
