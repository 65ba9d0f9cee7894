package dev.tecko.app.cli;

import dev.tecko.app.Tecko;
import dev.tecko.platform.config.TeckoConfig;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The configuration the root {@code tecko} command reads, so these commands see the same environment as every other
 * command, including the one a test hands to {@link Tecko#commandLine}.
 */
final class RootConfig {
    private RootConfig() {
    }

    static TeckoConfig of(CommandSpec spec) {
        return ((Tecko) spec.root().userObject()).config();
    }
}
