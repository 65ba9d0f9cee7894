package dev.tecko.schemas;

import java.time.Instant;

/**
 * The latest trigger of a job, as shown in its snapshot. {@code delivery}: how its delivery is going while the result is
 * awaited (absent before the first failed attempt and once the result is in).
 */
public record TriggerSummary(
        String triggerId,
        int generation,
        Instant requestedAt,
        TriggerOutcome outcome,
        String keboolaJobId,
        String keboolaJobUrl,
        String error,
        Instant resultAt,
        DeliveryState delivery) {

    public TriggerSummary {
        // jobId + ":" + generation: up to 255 + 1 + 10 characters
        Check.text(triggerId, "lastTrigger.triggerId", 266);
        Check.range(generation, "lastTrigger.generation", 1, Integer.MAX_VALUE);
        Check.required(requestedAt, "lastTrigger.requestedAt");
    }

    /** A summary without delivery progress. */
    public TriggerSummary(String triggerId, int generation, Instant requestedAt, TriggerOutcome outcome, String keboolaJobId,
                          String keboolaJobUrl, String error, Instant resultAt) {
        this(triggerId, generation, requestedAt, outcome, keboolaJobId, keboolaJobUrl, error, resultAt, null);
    }

    public TriggerSummary withDelivery(DeliveryState progress) {
        return new TriggerSummary(triggerId, generation, requestedAt, outcome, keboolaJobId, keboolaJobUrl, error, resultAt, progress);
    }
}
