package dev.tecko.app.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code tecko secret …}: the named, encrypted credentials jobs refer to. */
@Command(name = "secret", mixinStandardHelpOptions = true,
        description = {"Add, list and delete the named secrets jobs refer to (OpenAI keys, Keboola tokens, webhook signing keys).",
                "Values are encrypted by the API and never shown again."},
        subcommands = {SecretAddCommand.class, SecretListCommand.class, SecretDeleteCommand.class},
        footer = {"", "Exit codes: 0 done, 2 bad input or refused by the API (4xx), 1 API failed or unreachable."})
public final class SecretCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
