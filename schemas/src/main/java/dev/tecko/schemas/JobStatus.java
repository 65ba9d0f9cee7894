package dev.tecko.schemas;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where a job is in the processor's state machine (docs/design.md, "Job state machine"). */
public enum JobStatus {
    /** Batches are being watched; triggers when all are terminal. */
    @JsonProperty("active") ACTIVE,
    /** Watched but never triggered while paused; resume triggers if everything is terminal by then. */
    @JsonProperty("paused") PAUSED,
    /** A trigger command was emitted for the current generation; waiting for its result. */
    @JsonProperty("triggering") TRIGGERING,
    @JsonProperty("completed") COMPLETED,
    /** Triggered, and at least one batch did not complete. */
    @JsonProperty("completed_with_failures") COMPLETED_WITH_FAILURES,
    /** The trigger policy refused to trigger (e.g. {@code all_completed} with a failed batch). */
    @JsonProperty("failed") FAILED,
    /** The downstream call failed; a {@code retrigger} opens a new generation. */
    @JsonProperty("trigger_failed") TRIGGER_FAILED,
    @JsonProperty("cancelled") CANCELLED;

    /** Jobs whose batches still need polling. */
    public boolean isWatching() {
        return this == ACTIVE || this == PAUSED;
    }

    public boolean isFinished() {
        return switch (this) {
            case COMPLETED, COMPLETED_WITH_FAILURES, FAILED, TRIGGER_FAILED, CANCELLED -> true;
            default -> false;
        };
    }

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
