package dev.tecko.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tecko.app.Tecko;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "list", mixinStandardHelpOptions = true, description = "List the secrets by name (never their values).")
final class SecretListCommand extends ApiCommand {
    @Option(names = "--json", description = "Print the API's JSON.")
    boolean json;

    @Override
    int run(TeckoApiClient api) {
        JsonNode answer = api.get(api.endpoint().path("api", "secrets").build()).body();
        if (json) {
            JsonOutput.print(out(), answer);
            return Tecko.OK;
        }
        if (answer.path("secrets").isEmpty()) {
            out().println("no secrets");
            return Tecko.OK;
        }
        var table = new Table("NAME", "TYPE", "BASE URL", "CREATED");
        for (JsonNode secret : answer.path("secrets")) {
            table.row(JobView.text(secret, "name"), JobView.text(secret, "type"), JobView.text(secret, "baseUrl"),
                    JobView.text(secret, "createdAt"));
        }
        table.print(out());
        return Tecko.OK;
    }
}
