package dev.tecko.app.cli;

import dev.tecko.app.Tecko;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import picocli.CommandLine;

/** Runs the real {@code tecko} command line, as {@code main} would, with captured output and a fake terminal. */
final class Cli {
    static final String TOKEN = "tecko-test-token-7f3a9c2e51";

    private Cli() {
    }

    record Run(int exitCode, String out, String err) {
        String both() {
            return out + err;
        }
    }

    /** The environment of a user whose API is {@code server}. */
    static Map<String, String> apiAt(MockWebServer server) {
        return Map.of(ApiEndpoint.URL_ENV, server.url("/").toString(), ApiEndpoint.TOKEN_ENV, TOKEN);
    }

    static Run run(Map<String, String> env, String... args) {
        return run(env, FakeTerminal.piping(""), args);
    }

    static Run run(Map<String, String> env, Terminal terminal, String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        CommandLine cli = Tecko.commandLine(env);
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        useTerminal(cli, terminal);
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private static void useTerminal(CommandLine cli, Terminal terminal) {
        if (cli.getCommand() instanceof ApiCommand command) {
            command.terminal = terminal;
        }
        cli.getSubcommands().values().forEach(sub -> useTerminal(sub, terminal));
    }

    static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
    }

    static MockResponse problem(int code, String body) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/problem+json").body(body).build();
    }
}
