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
                TopicsCommand.class, JobCommand.class, SecretCommand.class, BenchCommand.class, CommandLine.HelpCommand.class},
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
        return cli;
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

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Tecko.class.getPackage().getImplementationVersion();
            return new String[] {"tecko " + (version == null ? "development build" : version)};
        }
    }
}
