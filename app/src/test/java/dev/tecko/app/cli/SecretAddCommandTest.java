package dev.tecko.app.cli;

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

class SecretAddCommandTest {
    private static final String VALUE = "sk-live-9f8e7d6c5b4a";
    private static final String ADDED = """
            {"name": "openai-prod", "type": "openai", "baseUrl": "https://api.openai.com/v1", "createdAt": "2026-11-21T10:00:00Z"}
            """;

    @StartStop
    private final MockWebServer server = new MockWebServer();

    @Test
    void givenAValuePipedOnStdin_whenAdding_thenItIsPostedWithoutItsTrailingNewlineAndNeverPrinted() throws Exception {
        server.enqueue(json(201, ADDED));

        Cli.Run run = run(apiAt(server), FakeTerminal.piping(VALUE + "\n"),
                "secret", "add", "--name", "openai-prod", "--type", "openai", "--base-url", "https://api.openai.com/v1");

        assertThat(run.exitCode()).isEqualTo(Tecko.OK);
        RecordedRequest request = server.takeRequest();
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getUrl().encodedPath()).isEqualTo("/api/secrets");
        assertThat(Json.mapper().readTree(request.getBody().utf8())).isEqualTo(Json.mapper().readTree("""
                {"name": "openai-prod", "type": "openai", "value": "%s", "baseUrl": "https://api.openai.com/v1"}""".formatted(VALUE)));
        assertThat(run.out()).isEqualTo("added secret openai-prod (openai)" + System.lineSeparator());
        assertThat(run.both()).doesNotContain(VALUE);
    }

    @Test
    void givenSomeoneAtTheTerminal_whenAdding_thenTheValueComesFromTheHiddenPromptNotStdin() throws Exception {
        server.enqueue(json(201, ADDED));
        FakeTerminal terminal = FakeTerminal.typing(VALUE);

        Cli.Run run = run(apiAt(server), terminal, "secret", "add", "--name", "kbc-prod", "--type", "keboola");

        assertThat(terminal.prompts).containsExactly("Value of secret kbc-prod (not shown): ");
        assertThat(terminal.stdinRead).isFalse();
        assertThat(Json.mapper().readTree(server.takeRequest().getBody().utf8()).path("value").asText()).isEqualTo(VALUE);
        assertThat(run.both()).doesNotContain(VALUE);
    }

    @Test
    void givenNothingPiped_whenAdding_thenItIsBadInputAndNothingIsSent() {
        Cli.Run run = run(apiAt(server), FakeTerminal.piping("\n"), "secret", "add", "--name", "openai-prod", "--type", "openai");

        assertThat(run.exitCode()).isEqualTo(Tecko.BAD_INPUT);
        assertThat(run.err()).contains("no value for secret openai-prod");
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void givenNothingTyped_whenAdding_thenItIsBadInputAndNothingIsSent() {
        Cli.Run run = run(apiAt(server), FakeTerminal.typing(""), "secret", "add", "--name", "openai-prod", "--type", "openai");

        assertThat(run.exitCode()).isEqualTo(Tecko.BAD_INPUT);
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void givenAnApiThatQuotesTheValueInItsProblem_whenRefused_thenTheValueIsMaskedOnStderr() {
        server.enqueue(problem(400, "{\"title\":\"Invalid request\",\"status\":400,\"errors\":[{\"field\":\"value\","
                + "\"message\":\"'" + VALUE + "' is not an OpenAI key\"}]}"));

        Cli.Run run = run(apiAt(server), FakeTerminal.piping(VALUE), "secret", "add", "--name", "openai-prod", "--type", "openai");

        assertThat(run.exitCode()).isEqualTo(Tecko.BAD_INPUT);
        assertThat(run.err()).contains("  value: '****' is not an OpenAI key");
        assertThat(run.both()).doesNotContain(VALUE);
    }

    @Test
    void givenAnUnknownType_whenAdding_thenItIsAUsageErrorListingTheTypesBeforeAnythingIsRead() {
        FakeTerminal terminal = FakeTerminal.piping(VALUE);

        Cli.Run run = run(apiAt(server), terminal, "secret", "add", "--name", "x", "--type", "aws");

        assertThat(run.exitCode()).isEqualTo(Tecko.BAD_INPUT);
        assertThat(run.err()).contains("--type").contains("expected one of openai, keboola, webhook");
        assertThat(terminal.stdinRead).isFalse();
    }

    @Test
    void givenTheRequestBody_whenTurnedIntoText_thenTheValueIsLeftOut() {
        assertThat(new SecretAddRequest("n", null, VALUE, null).toString()).doesNotContain(VALUE).contains("****");
    }
}
