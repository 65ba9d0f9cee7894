package dev.tecko.dispatcher.delivery;

import java.time.Duration;

/**
 * How long and how often a delivery is retried: exponential backoff from {@code initialBackoff}, doubling up to
 * {@code maxBackoff}, with full jitter in [50%, 100%] of the step, and never past {@code total} spent trying.
 */
public record RetryPolicy(Duration total, Duration initialBackoff, Duration maxBackoff) {
    public RetryPolicy {
        if (total.isNegative() || initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("retry policy needs total >= 0 and 0 <= initialBackoff <= maxBackoff");
        }
    }

    /** The wait before attempt {@code attempt + 1}, {@code attempt} counting from 1; {@code random} in [0, 1). */
    public Duration backoff(int attempt, double random) {
        long initial = Math.max(1, initialBackoff.toMillis());
        int doublings = Math.min(attempt - 1, 30);
        long step = Math.min(maxBackoff.toMillis(), initial << doublings);
        return Duration.ofMillis(Math.max(1, (long) (step * (0.5 + random / 2))));
    }
}
