package dev.tecko.dispatcher.http;

import java.time.Duration;
import java.util.Optional;

/**
 * A failure worth retrying: an IO error, a timeout, 408, 429 or 5xx.
 *
 * @param ambiguous the target may have acted on the request anyway (no answer, or a 5xx other than 503), so before
 *                  sending again the caller should check whether it did
 */
public final class RetryableDeliveryException extends DeliveryException {
    private final Duration retryAfter;
    private final boolean ambiguous;

    public RetryableDeliveryException(String message, Integer httpStatus, Duration retryAfter, boolean ambiguous) {
        super(message, httpStatus);
        this.retryAfter = retryAfter;
        this.ambiguous = ambiguous;
    }

    /** What the target asked for in {@code Retry-After}, if anything. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    public boolean ambiguous() {
        return ambiguous;
    }
}
