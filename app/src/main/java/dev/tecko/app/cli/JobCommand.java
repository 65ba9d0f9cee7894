package dev.tecko.app.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code tecko job …}: TeckoChecker's job verbs, through the REST API. */
@Command(name = "job", mixinStandardHelpOptions = true,
        description = {"Create, inspect and control jobs through the tecko REST API.",
                "Needs " + ApiEndpoint.TOKEN_ENV + " (or the token file tecko up writes); " + ApiEndpoint.URL_ENV + " says where the API is."},
        subcommands = {JobCreateCommand.class, JobListCommand.class, JobShowCommand.class, JobActionCommand.Pause.class,
                JobActionCommand.Resume.class, JobActionCommand.Cancel.class, JobActionCommand.Retrigger.class,
                JobActionCommand.Seal.class, JobDeleteCommand.class},
        footer = {"", "Exit codes: 0 done, 2 bad input or refused by the API (4xx), 1 API failed or unreachable."})
public final class JobCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
