package dev.tecko.dispatcher.delivery;

import java.time.Instant;

/**
 * Told how one {@link ResilientCaller#call} is going while it runs: after each failed attempt that will be retried, and
 * when the target host's circuit refuses it. Advisory: what the call returns or throws is what counts. Called on the
 * delivering thread, so it must return quickly; anything it throws is caught and logged, never fails the delivery.
 */
@FunctionalInterface
public interface ProgressListener {
    void progressed(Progress progress);

    ProgressListener NONE = progress -> { };

    /**
     * @param attempts       attempts made by this call so far (0 when the circuit refused it before its first)
     * @param lastError      what the last attempt met, as the http layer wrote it (redacted), or null
     * @param lastHttpStatus the last attempt's HTTP status, null when it got no answer
     * @param nextAttemptAt  when the next attempt is due, null when not known (the circuit's probe is taken)
     * @param breakerOpen    the target host's circuit refuses calls: the delivery waits without spending its budget
     * @param at             when this was said
     */
    record Progress(int attempts, String lastError, Integer lastHttpStatus, Instant nextAttemptAt, boolean breakerOpen, Instant at) {
    }
}
