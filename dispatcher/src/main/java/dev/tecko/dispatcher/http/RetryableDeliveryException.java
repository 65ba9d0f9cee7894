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
    private final boolean answered;

    public RetryableDeliveryException(String message, Integer httpStatus, Duration retryAfter, boolean ambiguous) {
        this(message, httpStatus, retryAfter, ambiguous, false);
    }

    private RetryableDeliveryException(String message, Integer httpStatus, Duration retryAfter, boolean ambiguous, boolean answered) {
        super(message, httpStatus);
        this.retryAfter = retryAfter;
        this.ambiguous = ambiguous;
        this.answered = answered;
    }

    /**
     * The target said yes (2xx) but its answer cannot be read (not JSON, no job id): the job almost surely exists, so it is
     * looked for and never requested again.
     */
    public static RetryableDeliveryException unreadableAnswer(String message, int httpStatus) {
        return new RetryableDeliveryException(message, httpStatus, null, true, true);
    }

    /** What the target asked for in {@code Retry-After}, if anything. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    public boolean ambiguous() {
        return ambiguous;
    }

    /** See {@link #unreadableAnswer(String, int)}. */
    public boolean answered() {
        return answered;
    }
}
