package dev.tecko.processor.machine;

import dev.tecko.processor.state.JobState;
import dev.tecko.schemas.Downstream;
import dev.tecko.schemas.DownstreamObservation;
import dev.tecko.schemas.DownstreamStatus;
import dev.tecko.schemas.EventType;
import dev.tecko.schemas.JobStatus;
import dev.tecko.schemas.TriggerOutcome;
import dev.tecko.schemas.TriggerSummary;
import java.time.Instant;

/**
 * The job's downstream part: what the dispatcher reports of the Keboola job the current trigger created. A report counts
 * only for the job's current, delivered trigger and only when it is further along than what the job holds (a finished
 * status is absorbing), so a copy read twice, late, or again after the dispatcher restarted changes nothing and counts
 * nothing twice. The job keeps TeckoChecker's status ({@code completed}: trigger delivered); the Keboola job's outcome is
 * its own part, with an event when it starts and when it ends. A Keboola job in {@code error} retriggers the job (a new
 * generation) while it has {@code downstreamRetries} left.
 */
final class DownstreamRules {
    private DownstreamRules() {
    }

    static Transition apply(JobState current, JobBatches batches, DownstreamObservation seen, Instant now) {
        if (current == null) {
            return Transition.nothing(null, TransitionOutcome.UNKNOWN_JOB);
        }
        if (!isForCurrentTrigger(current, seen)) {
            return Transition.nothing(current, TransitionOutcome.STALE);
        }
        Downstream held = current.downstream();
        if (held != null && (held.status().isFinished() || seen.status().rank() <= held.status().rank())) {
            return Transition.nothing(current, TransitionOutcome.STALE);
        }
        var changes = new Changes(current.withDownstream(seen.toDownstream()), batches, now);
        String job = "Keboola job " + seen.keboolaJobId();
        int heldRank = held == null ? -1 : held.status().rank();
        // started: seen processing, or finished having run (a job cancelled while waiting never started)
        if (heldRank < DownstreamStatus.PROCESSING.rank()
                && (seen.status() == DownstreamStatus.PROCESSING || seen.status().isFinished() && seen.startedAt() != null)) {
            changes.event(EventType.DOWNSTREAM_STARTED, b -> b.triggerId(seen.triggerId()).message(job + " is processing"));
        }
        if (seen.status().isFinished()) {
            String how = job + " ended " + seen.status().wire() + (seen.message() == null ? "" : ": " + seen.message());
            changes.event(seen.status().succeeded() ? EventType.DOWNSTREAM_SUCCEEDED : EventType.DOWNSTREAM_FAILED,
                    b -> b.triggerId(seen.triggerId()).message(how));
            if (seen.status() == DownstreamStatus.ERROR && current.downstreamRetriesUsed() < current.downstreamRetries()) {
                retrigger(changes, job);
            }
        }
        return changes.done(TransitionOutcome.APPLIED, true);
    }

    /** The report is about the trigger the job holds now, and that trigger was delivered (its Keboola job exists). */
    private static boolean isForCurrentTrigger(JobState job, DownstreamObservation seen) {
        TriggerSummary trigger = job.lastTrigger();
        return trigger != null && trigger.outcome() == TriggerOutcome.OK && seen.generation() == job.generation()
                && trigger.triggerId().equals(seen.triggerId())
                && (trigger.keboolaJobId() == null || trigger.keboolaJobId().equals(seen.keboolaJobId()))
                && (job.status() == JobStatus.COMPLETED || job.status() == JobStatus.COMPLETED_WITH_FAILURES);
    }

    /** A new generation, its trigger emitted at once: every batch is terminal, as it was for the trigger that failed. */
    private static void retrigger(Changes changes, String job) {
        JobState state = changes.state;
        int used = state.downstreamRetriesUsed() + 1;
        changes.state = state.withGeneration(state.generation() + 1).withStatus(JobStatus.ACTIVE).withFinishedAt(null)
                .withDownstreamRetriesUsed(used);
        String why = job + " ended in error: automatic retry " + used + " of " + state.downstreamRetries() + " (downstreamRetries)";
        changes.event(EventType.RETRIGGERED, b -> b.message(why));
        JobMachine.openTrigger(changes);
    }
}
