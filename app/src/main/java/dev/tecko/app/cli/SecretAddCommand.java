package dev.tecko.app.cli;

import dev.tecko.app.Tecko;
import dev.tecko.schemas.SecretType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

@Command(name = "add", mixinStandardHelpOptions = true,
        description = {"Add a named secret. The value is never a flag (it would stay in the shell history):",
                "type it at the hidden prompt, or pipe it in, e.g. printenv OPENAI_API_KEY | tecko secret add --name openai-prod --type openai"})
final class SecretAddCommand extends ApiCommand {
    @Option(names = "--name", required = true, paramLabel = "NAME", description = "The name jobs refer to it by ([A-Za-z0-9_.:-], up to 255).")
    String name;

    @Option(names = "--type", required = true, paramLabel = "TYPE", converter = Converters.SecretKind.class,
            description = "openai, anthropic or gemini (a batch provider's API key), keboola (Storage API token) or webhook (signing key).")
    SecretType type;

    @Option(names = "--base-url", paramLabel = "URL", description = "An OpenAI-compatible server (or an allowed Anthropic / Gemini proxy), or the Keboola stack, this secret is for.")
    String baseUrl;

    @Option(names = "--json", description = "Print the API's JSON of the stored secret's description.")
    boolean json;

    @Override
    int run(TeckoApiClient api) {
        String value = SecretValue.read(terminal, "Value of secret " + name + " (not shown): ")
                .orElseThrow(() -> new ParameterException(spec.commandLine(),
                        "no value for secret " + name + ": type it at the prompt or pipe it on standard input"));
        hide(value);
        ApiAnswer answer = api.post(api.endpoint().path("api", "secrets").build(), new SecretAddRequest(name, type, value, baseUrl));
        if (json) {
            JsonOutput.print(out(), answer.body());
        } else {
            out().println("added secret " + name + " (" + JobView.text(answer.body(), "type") + ")");
        }
        return Tecko.OK;
    }
}
