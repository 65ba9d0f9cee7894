package dev.tecko.schemas;

import java.time.Instant;

/** The latest trigger of a job, as shown in its snapshot. */
public record TriggerSummary(
        String triggerId,
        int generation,
        Instant requestedAt,
        TriggerOutcome outcome,
        String keboolaJobId,
        String keboolaJobUrl,
        String error,
        Instant resultAt) {

    public TriggerSummary {
        // jobId + ":" + generation: up to 255 + 1 + 10 characters
        Check.text(triggerId, "lastTrigger.triggerId", 266);
        Check.range(generation, "lastTrigger.generation", 1, Integer.MAX_VALUE);
        Check.required(requestedAt, "lastTrigger.requestedAt");
    }
}
