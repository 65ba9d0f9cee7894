package dev.tecko.processor.topology;

import dev.tecko.schemas.JobEvent;
import dev.tecko.schemas.JobSnapshot;
import dev.tecko.schemas.TriggerCommand;

/**
 * What the job processor emits: one type per sink. The topology splits them by type to sinks that each carry their
 * own topic's serdes, so no sink ever sees another's values.
 */
sealed interface JobOutput {
    /** For {@code job-status}; a null snapshot is the tombstone of a deleted job. */
    record Snapshot(JobSnapshot value) implements JobOutput {
    }

    record Event(JobEvent value) implements JobOutput {
    }

    record Trigger(TriggerCommand value) implements JobOutput {
    }
}
