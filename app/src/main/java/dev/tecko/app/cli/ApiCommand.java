package dev.tecko.app.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * A command that talks to the REST API. Finds the API and its token, runs, and turns the API's refusals into
 * {@code error: …} lines and exit codes; a missing token is a configuration error (exit 2) like any other.
 */
abstract class ApiCommand implements Callable<Integer> {
    /** Shorter values cannot be masked without mangling every message that happens to contain those letters. */
    private static final int SHORTEST_MASKED = 4;

    @Spec
    CommandSpec spec;

    @Option(names = "--api-url", paramLabel = "URL",
            description = "Base URL of the tecko API (default: " + ApiEndpoint.URL_ENV + " or " + ApiEndpoint.DEFAULT_URL + ").")
    String apiUrl;

    /** Where prompts and piped input come from; tests put a fake here. */
    Terminal terminal = SystemTerminal.INSTANCE;

    private final List<String> hidden = new ArrayList<>();

    /** Does the work; returns the exit code. */
    abstract int run(TeckoApiClient api);

    @Override
    public final Integer call() {
        ApiEndpoint endpoint = ApiEndpoint.resolve(RootConfig.of(spec), apiUrl);
        hide(endpoint.token());
        try {
            return run(new TeckoApiClient(endpoint));
        } catch (ApiFailure failure) {
            PrintWriter err = err();
            // problem details quote what was sent, and the server may quote anyone's input: shown escaped
            List<String> lines = failure.lines(this::fieldLabel);
            err.println(PlainText.of(masked("error: " + lines.get(0))));
            lines.stream().skip(1).forEach(line -> err.println(PlainText.of(masked(line))));
            return failure.exitCode();
        } finally {
            out().flush();
            err().flush();
        }
    }

    /** How this command names an API field at fault: the flag that set it, where there is one (the field as it is otherwise). */
    String fieldLabel(String field) {
        return field;
    }

    /** Keeps a value out of every error this command prints, even if the API quotes it back. */
    void hide(String value) {
        if (value != null && value.length() >= SHORTEST_MASKED) {
            hidden.add(value);
        }
    }

    private String masked(String line) {
        String shown = line;
        for (String value : hidden) {
            shown = shown.replace(value, "****");
        }
        return shown;
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** A write the API accepted before the processor confirmed it (202): it will apply, it just has not yet. */
    void printPending(ApiAnswer answer) {
        String jobId = JobView.text(answer.body(), "jobId");
        out().println("accepted, but the processor has not confirmed yet (command " + JobView.text(answer.body(), "commandId")
                + "); it will apply" + (jobId == null ? "" : " — see: tecko job show " + jobId));
    }
}
