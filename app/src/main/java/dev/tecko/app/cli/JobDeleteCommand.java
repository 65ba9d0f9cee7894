package dev.tecko.app.cli;

import dev.tecko.app.Tecko;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "delete", mixinStandardHelpOptions = true,
        description = {"Delete a job and its status; its events stay in the audit trail.",
                "Asks first on a terminal; scripts must pass --yes."})
final class JobDeleteCommand extends ApiCommand {
    @Parameters(paramLabel = "JOB_ID", description = "The job to delete.")
    String jobId;

    @Option(names = {"-y", "--yes"}, description = "Do not ask; required when not on an interactive terminal.")
    boolean yes;

    @Override
    int run(TeckoApiClient api) {
        if (!Confirmation.confirmed(spec, terminal, yes, "delete job " + jobId)) {
            out().println("not deleted");
            return Tecko.FAILED;
        }
        ApiAnswer answer = api.delete(api.endpoint().path("api", "jobs", jobId).build());
        if (answer.pending()) {
            printPending(answer);
        } else {
            out().println("deleted job " + jobId);
        }
        return Tecko.OK;
    }
}
