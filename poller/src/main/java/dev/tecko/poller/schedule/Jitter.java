package dev.tecko.poller.schedule;

import java.time.Duration;
import java.util.Random;

/** Spreads polls so jobs created (or loaded) together do not poll together. */
public final class Jitter {
    private final Random random;
    private final double spread;

    /** @param spread how far an interval may stretch or shrink, e.g. 0.1 for ±10 % */
    public Jitter(Random random, double spread) {
        if (spread < 0 || spread >= 1) {
            throw new IllegalArgumentException("spread must be in [0, 1)");
        }
        this.random = random;
        this.spread = spread;
    }

    /** Delay of a job's first poll: anywhere in the first half of its interval. */
    public synchronized Duration initial(Duration interval) {
        return Duration.ofMillis((long) (random.nextDouble() * interval.toMillis() / 2));
    }

    /** The interval, stretched or shrunk by up to {@code spread}. */
    public synchronized Duration around(Duration interval) {
        double factor = 1 - spread + 2 * spread * random.nextDouble();
        return Duration.ofMillis(Math.round(interval.toMillis() * factor));
    }
}
