package dev.tecko.processor.machine;

import dev.tecko.processor.state.BatchRow;
import dev.tecko.processor.state.JobState;
import dev.tecko.schemas.JobEvent;
import dev.tecko.schemas.TriggerCommand;
import java.util.List;
import java.util.Optional;

/**
 * What one input did to one job: the state to keep, whether its snapshot changed, the events and the trigger to emit.
 *
 * @param state       the job after the input; a {@linkplain JobState#retired marker} when it was deleted, {@code null}
 *                    when it never existed
 * @param batches     the batch rows the input changed, to be written with {@code state} (on a delete, every row goes)
 * @param store       whether {@code state} must be written — false when nothing changed
 * @param publish     whether the job's snapshot changed (publish it, or a tombstone when the job was deleted)
 * @param events      the job events, with their sequence numbers already assigned
 * @param trigger     the trigger command for a newly opened trigger, if any
 * @param outcome     what happened, for metrics and logs
 */
public record Transition(JobState state, List<BatchRow> batches, boolean store, boolean publish, List<JobEvent> events,
                         Optional<TriggerCommand> trigger, TransitionOutcome outcome) {

    public Transition {
        batches = List.copyOf(batches);
        events = List.copyOf(events);
    }

    /** Nothing to store, publish or emit. */
    public static Transition nothing(JobState state, TransitionOutcome outcome) {
        return new Transition(state, List.of(), false, false, List.of(), Optional.empty(), outcome);
    }

    public boolean deleted() {
        return store && state != null && state.isRetired();
    }

    public boolean rejected() {
        return outcome == TransitionOutcome.REJECTED;
    }
}
