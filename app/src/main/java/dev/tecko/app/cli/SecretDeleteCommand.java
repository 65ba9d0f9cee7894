package dev.tecko.app.cli;

import dev.tecko.app.Tecko;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "delete", mixinStandardHelpOptions = true,
        description = {"Delete a secret. The API refuses while an active, paused or triggering job uses it.",
                "Asks first on a terminal; scripts must pass --yes."})
final class SecretDeleteCommand extends ApiCommand {
    @Parameters(paramLabel = "NAME", description = "The secret to delete.")
    String name;

    @Option(names = {"-y", "--yes"}, description = "Do not ask; required when not on an interactive terminal.")
    boolean yes;

    @Override
    int run(TeckoApiClient api) {
        if (!Confirmation.confirmed(spec, terminal, yes, "delete secret " + name)) {
            out().println("not deleted");
            return Tecko.FAILED;
        }
        api.delete(api.endpoint().path("api", "secrets", name).build());
        out().println("deleted secret " + name);
        return Tecko.OK;
    }
}
