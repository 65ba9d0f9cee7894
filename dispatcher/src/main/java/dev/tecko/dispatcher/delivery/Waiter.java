package dev.tecko.dispatcher.delivery;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits in slices, so a cancelled delivery stops waiting within one slice. Injectable for tests. */
public interface Waiter {
    void await(Duration duration, BooleanSupplier cancelled);

    Waiter SLEEPING = (duration, cancelled) -> {
        long end = System.nanoTime() + duration.toNanos();
        long left;
        while ((left = end - System.nanoTime()) > 0) {
            if (cancelled.getAsBoolean()) {
                throw new CancelledException();
            }
            try {
                Thread.sleep(Math.max(1, Math.min(left / 1_000_000, 100)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancelledException();
            }
        }
        if (cancelled.getAsBoolean()) {
            throw new CancelledException();
        }
    };
}
