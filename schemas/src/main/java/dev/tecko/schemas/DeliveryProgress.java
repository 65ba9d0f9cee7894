package dev.tecko.schemas;

import java.time.Instant;

/**
 * How the dispatcher's delivery of a trigger is going: value of {@code delivery-status}, key = job id. Published, best
 * effort and outside the dispatcher's transaction, after each failed attempt and when the target's circuit opens, so a
 * user sees attempts, the last error, the next try and an open breaker while they happen. Advisory only: the trigger's
 * result on {@code trigger-results} is what ends a trigger. The processor keeps the latest for the job's current, still
 * open trigger ({@code triggerId}, {@code generation}) and ignores one for another trigger, one older than what it holds
 * ({@code at}) and any after the result; so copies that are lost, late, duplicated or reordered do no harm.
 * {@code jobCreatedAt} (optional) is the trigger's: which incarnation of the job id it is for, so a delivery still
 * retrying for a deleted job cannot show on a new job of the same id.
 */
public record DeliveryProgress(
        int schemaVersion,
        String jobId,
        String triggerId,
        int generation,
        int attempts,
        String lastError,
        Integer lastHttpStatus,
        Instant nextAttemptAt,
        boolean breakerOpen,
        Instant at,
        Instant jobCreatedAt) {

    public DeliveryProgress {
        schemaVersion = Check.schemaVersion(schemaVersion);
        Check.id(jobId, "jobId");
        Check.triggerId(triggerId, jobId, generation);
        Check.range(attempts, "attempts", 0, Integer.MAX_VALUE);
        lastError = Check.optionalText(lastError, "lastError", Check.MAX_TEXT);
        if (lastHttpStatus != null) {
            Check.range(lastHttpStatus, "lastHttpStatus", 100, 599);
        }
        Check.required(at, "at");
    }

    /** A report without {@code jobCreatedAt}. */
    public DeliveryProgress(int schemaVersion, String jobId, String triggerId, int generation, int attempts, String lastError,
                            Integer lastHttpStatus, Instant nextAttemptAt, boolean breakerOpen, Instant at) {
        this(schemaVersion, jobId, triggerId, generation, attempts, lastError, lastHttpStatus, nextAttemptAt, breakerOpen, at, null);
    }

    /** The snapshot's {@code lastTrigger.delivery} as this report describes it. */
    public DeliveryState toState() {
        return new DeliveryState(attempts, lastError, lastHttpStatus, nextAttemptAt, breakerOpen, at);
    }
}
