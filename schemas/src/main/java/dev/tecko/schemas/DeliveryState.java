package dev.tecko.schemas;

import java.time.Instant;

/**
 * How the delivery of a job's current trigger is going while the dispatcher is at it: part of the snapshot's
 * {@code lastTrigger} from the first failed attempt until the trigger's result arrives (then the result says how it
 * ended). Advisory: the trigger's result is what counts.
 *
 * @param attempts       attempts made so far (0 while waiting for an open circuit before the first)
 * @param lastError      what the last attempt met (redacted: never a credential)
 * @param lastHttpStatus the last attempt's HTTP status, when it got an answer
 * @param nextAttemptAt  when the next attempt is due, when one is planned
 * @param breakerOpen    the target host's circuit is open: deliveries to it wait until it half-opens
 * @param updatedAt      when the dispatcher said so
 */
public record DeliveryState(
        int attempts,
        String lastError,
        Integer lastHttpStatus,
        Instant nextAttemptAt,
        boolean breakerOpen,
        Instant updatedAt) {

    public DeliveryState {
        Check.range(attempts, "lastTrigger.delivery.attempts", 0, Integer.MAX_VALUE);
        lastError = Check.optionalText(lastError, "lastTrigger.delivery.lastError", Check.MAX_TEXT);
        if (lastHttpStatus != null) {
            Check.range(lastHttpStatus, "lastTrigger.delivery.lastHttpStatus", 100, 599);
        }
        Check.required(updatedAt, "lastTrigger.delivery.updatedAt");
    }
}
