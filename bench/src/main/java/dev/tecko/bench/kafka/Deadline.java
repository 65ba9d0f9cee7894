package dev.tecko.bench.kafka;

import java.time.Duration;

/** The moment a benchmark must stop by: every wait is bounded by it, so a bench always ends by itself. */
public record Deadline(long endNanos) {
    public static Deadline in(Duration duration) {
        return new Deadline(System.nanoTime() + duration.toNanos());
    }

    public Duration remaining() {
        return Duration.ofNanos(Math.max(0, endNanos - System.nanoTime()));
    }

    public boolean expired() {
        return System.nanoTime() >= endNanos;
    }
}
