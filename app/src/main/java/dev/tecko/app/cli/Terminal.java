package dev.tecko.app.cli;

import java.io.InputStream;

/** The user's side of the command: whether someone is typing, and what they type. Tests drive it with a fake. */
interface Terminal {
    /** Whether a person is at a terminal who can answer a prompt (false in scripts, pipes and CI). */
    boolean interactive();

    /** Asks for a value without echoing it; only when {@link #interactive()}. Null when input ended. */
    char[] readHidden(String prompt);

    /** Asks for one line; only when {@link #interactive()}. Null when input ended. */
    String readLine(String prompt);

    /** Standard input, for values piped in by a script. */
    InputStream stdin();
}
