package dev.tecko.bench.kafka;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Waits for conditions nothing signals (a Kafka Streams state, a store becoming queryable) by asking every
 * {@link #STEP}: that is the resolution of the times measured this way, small next to the seconds they take.
 */
public final class Await {
    public static final Duration STEP = Duration.ofMillis(5);

    private Await() {
    }

    /** True once {@code condition} holds; false when the deadline came first. A condition that throws counts as false. */
    public static boolean until(BooleanSupplier condition, Deadline deadline) {
        while (!deadline.expired()) {
            if (holds(condition)) {
                return true;
            }
            LockSupport.parkNanos(STEP.toNanos());
            if (Thread.currentThread().isInterrupted()) {
                return false;
            }
        }
        return holds(condition);
    }

    private static boolean holds(BooleanSupplier condition) {
        try {
            return condition.getAsBoolean();
        } catch (RuntimeException e) {
            // e.g. InvalidStateStoreException while Kafka Streams rebalances: not yet
            return false;
        }
    }
}
