package dev.tecko.app.cli;

import static dev.tecko.app.cli.Cli.apiAt;
import static dev.tecko.app.cli.Cli.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tecko.app.Tecko;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class JobDeleteCommandTest {
    @StartStop
    private final MockWebServer server = new MockWebServer();

    @Test
    void givenYes_whenDeleting_thenItSendsDeleteWithoutAsking() throws Exception {
        server.enqueue(new MockResponse.Builder().code(204).build());
        FakeTerminal terminal = FakeTerminal.typing("n");

        Cli.Run run = run(apiAt(server), terminal, "job", "delete", "job-1", "--yes");

        assertThat(run.exitCode()).isEqualTo(Tecko.OK);
        RecordedRequest request = server.takeRequest();
        assertThat(request.getMethod()).isEqualTo("DELETE");
        assertThat(request.getUrl().encodedPath()).isEqualTo("/api/jobs/job-1");
        assertThat(terminal.prompts).isEmpty();
        assertThat(run.out()).contains("deleted job job-1");
    }

    @Test
    void givenNoTerminalAndNoYes_whenDeleting_thenItRefusesWithBadInputAndSendsNothing() {
        Cli.Run run = run(apiAt(server), FakeTerminal.piping("y\n"), "job", "delete", "job-1");

        assertThat(run.exitCode()).isEqualTo(Tecko.BAD_INPUT);
        assertThat(run.err()).contains("refusing to delete job job-1 without --yes");
        assertThat(server.getRequestCount()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"y", "yes", " Y "})
    void givenSomeoneAtTheTerminalWhoAgrees_whenDeleting_thenItAsksAndDeletes(String answer) throws Exception {
        server.enqueue(new MockResponse.Builder().code(204).build());
        FakeTerminal terminal = FakeTerminal.typing(answer);

        Cli.Run run = run(apiAt(server), terminal, "job", "delete", "job-1");

        assertThat(terminal.prompts).containsExactly("Delete job job-1? [y/N] ");
        assertThat(server.takeRequest().getMethod()).isEqualTo("DELETE");
        assertThat(run.exitCode()).isEqualTo(Tecko.OK);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "n", "no", "yep"})
    void givenSomeoneAtTheTerminalWhoDoesNotAgree_whenDeleting_thenNothingIsSent(String answer) {
        Cli.Run run = run(apiAt(server), FakeTerminal.typing(answer), "job", "delete", "job-1");

        assertThat(run.exitCode()).isEqualTo(Tecko.FAILED);
        assertThat(run.out()).contains("not deleted");
        assertThat(server.getRequestCount()).isZero();
    }
}
