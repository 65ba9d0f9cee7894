package dev.tecko.resilience;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Sandbox time: a clock running {@code speed} times faster than real time, shared by a sandbox and the runtime under
 * test, so a minute-long outage or a 20-second {@code Retry-After} takes seconds. Only code that reads this clock is
 * sped up; waits measured in real time (sleeps, timeouts) must be scaled by the test's settings.
 */
final class ScaledClock extends Clock {
    private final Instant origin;
    private final long startNanos = System.nanoTime();
    private final double speed;

    ScaledClock(double speed) {
        this.origin = Instant.now();
        this.speed = speed;
    }

    /** How long {@code sandbox} time takes on the wall clock. */
    Duration real(Duration sandbox) {
        return Duration.ofNanos((long) (sandbox.toNanos() / speed));
    }

    @Override
    public Instant instant() {
        return origin.plusNanos((long) ((System.nanoTime() - startNanos) * speed));
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
