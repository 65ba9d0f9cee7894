package dev.tecko.app;

import dev.tecko.app.cli.JobCommand;
import dev.tecko.app.cli.SecretCommand;
import dev.tecko.bench.BenchCommand;
import dev.tecko.platform.config.ConfigException;
import dev.tecko.platform.config.TeckoConfig;
import java.io.PrintWriter;
import java.util.Map;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** The {@code tecko} command. {@code main} only parses and hands over; each subcommand is its own class. */
@Command(name = "tecko",
        mixinStandardHelpOptions = true,
        versionProvider = Tecko.Version.class,
        description = "Watches LLM batch jobs and triggers Keboola (or a webhook) when every batch of a job is done.",
        subcommands = {UpCommand.class, RuntimeCommand.Processor.class, RuntimeCommand.Poller.class, RuntimeCommand.Dispatcher.class,
                TopicsCommand.class, JobCommand.class, SecretCommand.class, SandboxCommand.class, BenchCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Configuration comes from TECKO_* environment variables (and TECKO_CONFIG_FILE);",
                "any TECKO_KAFKA_<NAME> is passed to the Kafka clients as <name>, e.g. TECKO_KAFKA_BOOTSTRAP_SERVERS."})
public final class Tecko implements Runnable {
    /** Exit codes a script can tell apart. */
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int BAD_INPUT = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final Function<Map<String, String>, TeckoConfig> configLoader;
    private final Map<String, String> environment;

    public Tecko(Map<String, String> environment) {
        this.environment = environment;
        this.configLoader = TeckoConfig::load;
    }

    public static void main(String[] args) {
        System.exit(commandLine(System.getenv()).execute(args));
    }

    /** The command line with its error handling, so tests run exactly what {@code main} runs. */
    public static CommandLine commandLine(Map<String, String> environment) {
        var cli = new CommandLine(new Tecko(environment));
        cli.setExitCodeExceptionMapper(error ->
                error instanceof ConfigException || error instanceof CommandLine.ParameterException ? BAD_INPUT : FAILED);
        cli.setExecutionExceptionHandler(Tecko::report);
        cli.setParameterExceptionHandler(Tecko::usageError);
        return cli;
    }

    /**
     * A usage error is one line and a pointer to the command's help, not the whole help: the line says what was wrong,
     * and {@code --help} is one command away.
     */
    private static int usageError(CommandLine.ParameterException error, String[] args) {
        CommandLine cli = error.getCommandLine();
        PrintWriter err = cli.getErr();
        err.println(cli.getColorScheme().errorText("error: " + usageMessage(error)));
        err.println("see '" + cli.getCommandSpec().qualifiedName() + " --help'");
        err.flush();
        return BAD_INPUT;
    }

    /** Picocli's message, but said in words where it lists a whole argument group (Keboola and webhook flags together). */
    private static String usageMessage(CommandLine.ParameterException error) {
        if (error instanceof CommandLine.MutuallyExclusiveArgsException && error.getMessage().contains("--webhook-url")
                && error.getMessage().contains("--keboola-")) {
            return "use either the Keboola flags (--keboola-secret, --keboola-stack, --component-id, --config-id) or the webhook"
                    + " flags (--webhook-url, --webhook-secret), not both";
        }
        return error.getMessage();
    }

    /** Configuration errors and failures as one clear line, not a stack trace. */
    private static int report(Exception error, CommandLine cli, CommandLine.ParseResult parsed) {
        PrintWriter err = cli.getErr();
        if (error instanceof ConfigException) {
            err.println(cli.getColorScheme().errorText("configuration error: " + error.getMessage()));
            return BAD_INPUT;
        }
        err.println(cli.getColorScheme().errorText("tecko " + cli.getCommandName() + " failed: " + error.getMessage()));
        return FAILED;
    }

    /** Reads the configuration once per command; a bad value stops the command with a message naming the variable. */
    public TeckoConfig config() {
        return configLoader.apply(environment);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The version the build wrote into {@code version.properties} (the jar's manifest says the same). */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"tecko " + version()};
        }

        static String version() {
            try (var in = Tecko.class.getResourceAsStream("version.properties")) {
                var properties = new java.util.Properties();
                if (in != null) {
                    properties.load(in);
                }
                String version = properties.getProperty("version");
                return version == null || version.contains("${") ? "development build" : version;
            } catch (java.io.IOException e) {
                return "development build";
            }
        }
    }
}
