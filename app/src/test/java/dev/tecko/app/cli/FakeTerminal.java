package dev.tecko.app.cli;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A scripted user: either someone at a terminal who types given answers, or a pipe with given bytes. */
final class FakeTerminal implements Terminal {
    private final boolean interactive;
    private final String typed;
    private final InputStream stdin;
    final List<String> prompts = new ArrayList<>();
    boolean stdinRead;

    private FakeTerminal(boolean interactive, String typed, String stdin) {
        this.interactive = interactive;
        this.typed = typed;
        this.stdin = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
    }

    /** Someone at a terminal who answers every prompt with {@code typed} (null: ends the input, like Ctrl-D). */
    static FakeTerminal typing(String typed) {
        return new FakeTerminal(true, typed, "");
    }

    /** A script or CI job: nobody to ask, {@code stdin} piped in. */
    static FakeTerminal piping(String stdin) {
        return new FakeTerminal(false, null, stdin);
    }

    @Override
    public boolean interactive() {
        return interactive;
    }

    @Override
    public char[] readHidden(String prompt) {
        prompts.add(prompt);
        return typed == null ? null : typed.toCharArray();
    }

    @Override
    public String readLine(String prompt) {
        prompts.add(prompt);
        return typed;
    }

    @Override
    public InputStream stdin() {
        stdinRead = true;
        return stdin;
    }
}
