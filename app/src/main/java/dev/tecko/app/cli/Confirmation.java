package dev.tecko.app.cli;

import java.util.Locale;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Asks before something that cannot be undone; a script must say {@code --yes}, since nobody can answer for it. */
final class Confirmation {
    private Confirmation() {
    }

    /** True to go ahead; throws a usage error (exit 2) when there is nobody to ask and {@code --yes} is missing. */
    static boolean confirmed(CommandSpec spec, Terminal terminal, boolean yes, String question) {
        if (yes) {
            return true;
        }
        if (!terminal.interactive()) {
            throw new ParameterException(spec.commandLine(),
                    "refusing to " + question + " without --yes: standard input is not an interactive terminal");
        }
        String answer = terminal.readLine(capitalized(question) + "? [y/N] ");
        return answer != null && switch (answer.strip().toLowerCase(Locale.ROOT)) {
            case "y", "yes" -> true;
            default -> false;
        };
    }

    private static String capitalized(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
