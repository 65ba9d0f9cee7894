package dev.tecko.poller.schedule;

import java.time.Duration;

/**
 * When a batch the provider answers 404 for is given up as {@code failed} with {@code not_found}: only after
 * {@code checks} answers in a row spread over at least {@code window}. A batch can 404 for a minute right after it was
 * created (replication lag, another region), and a single 404 must not end a job's batch for good.
 */
public record NotFoundPolicy(int checks, Duration window) {
    public static final NotFoundPolicy DEFAULT = new NotFoundPolicy(3, Duration.ofMinutes(10));

    public NotFoundPolicy {
        if (checks < 1) {
            throw new IllegalArgumentException("checks must be at least 1");
        }
        if (window.isNegative()) {
            throw new IllegalArgumentException("window must not be negative");
        }
    }
}
