package dev.tecko.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
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
        var url = api.endpoint().path("api", "jobs", jobId, action).build();
        Object body = body();
        ApiAnswer answer = body == null ? api.post(url) : api.post(url, body);
        if (json) {
            JsonOutput.print(out(), answer.body());
        } else if (answer.pending()) {
            printPending(answer);
        } else {
            out().println(done(answer.body()));
        }
        return Tecko.OK;
    }

    /** What the action sends besides its path; null for nothing (an empty body). */
    Object body() {
        return null;
    }

    /** The line that says what happened, from the job as the API answered with it. */
    String done(JsonNode job) {
        return done + " job " + jobId + ": now " + JobView.text(job, "status");
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

    @Command(name = "seal", mixinStandardHelpOptions = true,
            description = {"Seal a tagged job's batch list (a job created with --batch-tag): no batch created after now is added.",
                    "The list seals once the poller has searched the provider's batches past this moment, so none created",
                    "before it is missed; the job then triggers once every batch it holds is done (it fails if it holds none)."})
    static final class Seal extends JobActionCommand {
        @Option(names = "--reason", paramLabel = "TEXT", description = "Why, kept with the seal command for the audit trail.")
        String reason;

        Seal() {
            super("seal", "sealed");
        }

        /** The body the API reads: {@code {"reason": …}}. */
        record Request(String reason) {
        }

        @Override
        Object body() {
            return reason == null ? null : new Request(reason);
        }

        @Override
        String done(JsonNode job) {
            String search = BatchSearchView.state(job);
            return "seal of job " + jobId + " accepted: " + (search != null ? search : "now " + JobView.text(job, "status"));
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
