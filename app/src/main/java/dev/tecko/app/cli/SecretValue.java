package dev.tecko.app.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Reads a secret's value the only ways it may arrive: typed at a hidden prompt, or piped on standard input. Never from
 * a flag, which would leave it in the shell history and the process list.
 */
final class SecretValue {
    private SecretValue() {
    }

    /** The value, or empty when none was given; a piped value loses one trailing newline ({@code echo} adds one). */
    static Optional<String> read(Terminal terminal, String prompt) {
        String value = terminal.interactive() ? typed(terminal, prompt) : piped(terminal);
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    private static String typed(Terminal terminal, String prompt) {
        char[] typed = terminal.readHidden(prompt);
        return typed == null ? "" : new String(typed);
    }

    private static String piped(Terminal terminal) {
        String all;
        try {
            all = new String(terminal.stdin().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the secret value from standard input", e);
        }
        if (all.endsWith("\r\n")) {
            return all.substring(0, all.length() - 2);
        }
        return all.endsWith("\n") ? all.substring(0, all.length() - 1) : all;
    }
}
