package dev.tecko.app.cli;

import dev.tecko.app.Tecko;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import okhttp3.HttpUrl;

/**
 * The API refused a request or could not be reached, with the lines to show and the exit code: bad input (2) when
 * the user can fix the request or the token, failure (1) when the server or the network is at fault.
 */
final class ApiFailure extends RuntimeException {
    private final int exitCode;
    private final List<String> lines;
    /** The problem a 4xx answered with, whose fields a command may name by its flags; null otherwise. */
    private final Problem problem;

    private ApiFailure(int exitCode, List<String> lines) {
        this(exitCode, lines, null);
    }

    private ApiFailure(int exitCode, List<String> lines, Problem problem) {
        super(lines.get(0));
        this.exitCode = exitCode;
        this.lines = List.copyOf(lines);
        this.problem = problem;
    }

    static ApiFailure problem(HttpUrl api, int status, Problem problem) {
        if (status == 401) {
            return new ApiFailure(Tecko.BAD_INPUT, List.of("the tecko API at " + api + " did not accept the token (401 Unauthorized); check "
                    + ApiEndpoint.TOKEN_ENV));
        }
        if (status >= 500) {
            List<String> lines = new ArrayList<>(problem.lines());
            lines.set(0, "the tecko API at " + api + " failed (HTTP " + status + "): " + lines.get(0));
            return new ApiFailure(Tecko.FAILED, lines);
        }
        return new ApiFailure(Tecko.BAD_INPUT, problem.lines(), problem);
    }

    static ApiFailure unreachable(HttpUrl api, IOException cause) {
        return new ApiFailure(Tecko.FAILED, List.of("cannot reach the tecko API at " + api + ": " + describe(cause)));
    }

    static ApiFailure unreadable(HttpUrl api, int status, String why) {
        return new ApiFailure(Tecko.FAILED, List.of("the tecko API at " + api + " answered " + status + " with a body that is not JSON: " + why));
    }

    private static String describe(IOException cause) {
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
    }

    int exitCode() {
        return exitCode;
    }

    List<String> lines() {
        return lines;
    }

    /** The lines, each field at fault named as {@code label} says: the flag the user typed, not the API's field. */
    List<String> lines(java.util.function.Function<String, String> label) {
        return problem == null ? lines : problem.lines(label);
    }
}
