package dev.tecko.dispatcher.delivery;

/** Told about every attempt at a target, for metrics. */
@FunctionalInterface
public interface AttemptListener {
    /** @param outcome {@code ok}, {@code retryable}, {@code permanent} or {@code circuit_open} */
    void attempted(String targetType, String outcome);

    AttemptListener NONE = (type, outcome) -> { };
}
