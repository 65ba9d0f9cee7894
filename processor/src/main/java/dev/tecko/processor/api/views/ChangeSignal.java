package dev.tecko.processor.api.views;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Lets request threads wait, bounded, until a view's reader thread has applied what they are waiting for. */
final class ChangeSignal {
    private final Object monitor = new Object();

    void changed() {
        synchronized (monitor) {
            monitor.notifyAll();
        }
    }

    /** Whether the condition held before the timeout passed. */
    boolean awaitUntil(BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (monitor) {
            while (!condition.getAsBoolean()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    monitor.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }
}
