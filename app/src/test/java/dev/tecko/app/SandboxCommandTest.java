package dev.tecko.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tecko.app.sandbox.Sandbox;
import dev.tecko.embedded.openai.SandboxOpenAi;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tecko sandbox batch add} against a real sandbox OpenAI on loopback, found through the data directory. */
class SandboxCommandTest {

    private record Run(int exitCode, String out, String err) {
    }

    private static Run run(String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        var cli = Tecko.commandLine(Map.of());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void givenARunningSandboxWhenABatchIsAddedThenTheSandboxServesItAndTheCommandSaysHowToWatchIt(@TempDir Path dataDir) throws Exception {
        try (var openAi = SandboxOpenAi.start("sk-test")) {
            Files.writeString(dataDir.resolve(Sandbox.STATE_FILE), "openai.port=" + URI.create(openAi.baseUrl()).getPort()
                    + "\nkeboola.port=4711\n");

            Run added = run("sandbox", "batch", "add", "--id", "batch_mine_1", "--outcome", "expired", "--after", "60", "--requests", "40",
                    "--failed-requests", "2", "--data-dir", dataDir.toString());

            assertThat(added.exitCode()).as(added.err()).isEqualTo(Tecko.OK);
            assertThat(added.out()).contains("created sandbox batch batch_mine_1: ends expired in 60 s with 40 requests (2 failed)")
                    .contains("--batch-id batch_mine_1").contains("--keboola-stack http://127.0.0.1:4711");
            assertThat(openAi.status("batch_mine_1")).isEqualTo("validating");

            Run again = run("sandbox", "batch", "add", "--id", "batch_mine_1", "--data-dir", dataDir.toString());
            assertThat(again.exitCode()).isEqualTo(Tecko.BAD_INPUT);
            assertThat(again.err()).contains("id: batch batch_mine_1 exists already");

            Run wrong = run("sandbox", "batch", "add", "--outcome", "lost", "--data-dir", dataDir.toString());
            assertThat(wrong.err()).contains("outcome: must be completed, failed, expired or cancelled");
        }
    }

    @Test
    void givenMetadataWhenABatchIsAddedThenTheSandboxShowsItAndTheCommandSaysHowToWatchItByItsTag(@TempDir Path dataDir) throws Exception {
        try (var openAi = SandboxOpenAi.start("sk-test")) {
            Files.writeString(dataDir.resolve(Sandbox.STATE_FILE), "openai.port=" + URI.create(openAi.baseUrl()).getPort() + "\n");

            Run added = run("sandbox", "batch", "add", "--id", "batch_tagged_1", "--metadata", "run=nightly-2026-12-04",
                    "--metadata", "team=data", "--data-dir", dataDir.toString());

            assertThat(added.exitCode()).as(added.err()).isEqualTo(Tecko.OK);
            assertThat(added.out()).contains("--batch-tag run=nightly-2026-12-04").doesNotContain("--batch-id");
            var shown = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                            URI.create(openAi.baseUrl() + "/batches/batch_tagged_1")).header("Authorization", "Bearer sk-test").build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(dev.tecko.schemas.json.Json.mapper().readTree(shown.body()).path("metadata"))
                    .hasToString("{\"run\":\"nightly-2026-12-04\",\"team\":\"data\"}");

            Run tooLong = run("sandbox", "batch", "add", "--metadata", "run=" + "x".repeat(513), "--data-dir", dataDir.toString());
            assertThat(tooLong.exitCode()).isEqualTo(Tecko.BAD_INPUT);
            assertThat(tooLong.err()).contains("512");
        }
    }

    @Test
    void givenNoSandboxInTheDataDirWhenABatchIsAddedThenItSaysHowToStartOne(@TempDir Path dataDir) {
        Run run = run("sandbox", "batch", "add", "--data-dir", dataDir.toString());

        assertThat(run.exitCode()).isEqualTo(Tecko.BAD_INPUT);
        assertThat(run.err()).contains("no sandbox in").contains("./tecko up --sandbox");
    }
}
