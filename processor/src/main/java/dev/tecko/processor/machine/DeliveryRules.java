package dev.tecko.processor.machine;

import dev.tecko.processor.state.JobState;
import dev.tecko.schemas.DeliveryProgress;
import dev.tecko.schemas.DeliveryState;
import dev.tecko.schemas.JobStatus;
import dev.tecko.schemas.TriggerSummary;
import java.time.Instant;

/**
 * How the dispatcher's delivery of the job's trigger is going, kept in {@code lastTrigger.delivery} while the result is
 * awaited. Advisory and published best effort outside the dispatcher's transaction, so it can come late (after the
 * result, which ends the trigger and drops it), twice, out of order, or for a trigger the job no longer holds: only the
 * latest report ({@code at}) for the job's open trigger (trigger id, generation, incarnation) is kept; anything else
 * changes nothing. It never changes the job's status, and it emits no event: a long outage would otherwise flood the
 * audit trail with one event per attempt.
 */
final class DeliveryRules {
    private DeliveryRules() {
    }

    static Transition apply(JobState current, DeliveryProgress progress, Instant now) {
        if (current == null) {
            return Transition.nothing(null, TransitionOutcome.UNKNOWN_JOB);
        }
        TriggerSummary open = current.lastTrigger();
        if (!isForOpenTrigger(current, open, progress)) {
            return Transition.nothing(current, TransitionOutcome.STALE);
        }
        DeliveryState held = open.delivery();
        if (held != null && !progress.at().isAfter(held.updatedAt())) {
            return Transition.nothing(current, TransitionOutcome.STALE);
        }
        var changes = new Changes(current.withLastTrigger(open.withDelivery(progress.toState())), now);
        return changes.done(TransitionOutcome.APPLIED, true);
    }

    private static boolean isForOpenTrigger(JobState job, TriggerSummary open, DeliveryProgress progress) {
        return job.status() == JobStatus.TRIGGERING && open != null && open.outcome() == null
                && progress.generation() == job.generation() && open.triggerId().equals(progress.triggerId())
                && (progress.jobCreatedAt() == null || progress.jobCreatedAt().equals(job.createdAt()));
    }
}
