package dev.tecko.app.cli;

import dev.tecko.app.Tecko;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code POST /api/jobs/{id}/<action>}: the verbs that change a job's status and answer with the job. */
abstract class JobActionCommand extends ApiCommand {
    private final String action;
    private final String done;

    @Parameters(paramLabel = "JOB_ID", description = "The job.")
    String jobId;

    @Option(names = "--json", description = "Print the API's JSON of the job.")
    boolean json;

    JobActionCommand(String action, String done) {
        this.action = action;
        this.done = done;
    }

    @Override
    int run(TeckoApiClient api) {
        ApiAnswer answer = api.post(api.endpoint().path("api", "jobs", jobId, action).build());
        if (json) {
            JsonOutput.print(out(), answer.body());
        } else if (answer.pending()) {
            printPending(answer);
        } else {
            out().println(done + " job " + jobId + ": now " + JobView.text(answer.body(), "status"));
        }
        return Tecko.OK;
    }

    @Command(name = "pause", mixinStandardHelpOptions = true,
            description = "Pause a job: its batches are still watched, but nothing is triggered until it is resumed.")
    static final class Pause extends JobActionCommand {
        Pause() {
            super("pause", "paused");
        }
    }

    @Command(name = "resume", mixinStandardHelpOptions = true,
            description = "Resume a paused job; if its batches are all done by now, it triggers.")
    static final class Resume extends JobActionCommand {
        Resume() {
            super("resume", "resumed");
        }
    }

    @Command(name = "cancel", mixinStandardHelpOptions = true, description = "Cancel a job: it stops watching and never triggers.")
    static final class Cancel extends JobActionCommand {
        Cancel() {
            super("cancel", "cancelled");
        }
    }

    @Command(name = "retrigger", mixinStandardHelpOptions = true,
            description = "Trigger a finished job again (e.g. after trigger_failed), as a new generation.")
    static final class Retrigger extends JobActionCommand {
        Retrigger() {
            super("retrigger", "retriggered");
        }
    }
}
