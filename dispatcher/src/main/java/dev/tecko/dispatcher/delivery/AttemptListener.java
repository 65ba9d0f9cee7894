package dev.tecko.dispatcher.delivery;

import java.time.Duration;

/** Told about every attempt at a target, for metrics. */
@FunctionalInterface
public interface AttemptListener {
    /** @param outcome {@code ok}, {@code retryable}, {@code permanent} or {@code circuit_open} */
    void attempted(String targetType, String outcome);

    /** An attempt that reached the target, with how long it took; counted like any other by default. */
    default void attempted(String targetType, String outcome, Duration took) {
        attempted(targetType, outcome);
    }

    AttemptListener NONE = (type, outcome) -> { };
}
