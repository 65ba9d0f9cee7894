package dev.tecko.dispatcher.runtime;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The deliveries of one partition to one target host, run one after another on a worker thread. A slow, failing or
 * misbehaving host holds up only its own lane: other hosts' triggers on the same partition go on in lanes of their own.
 * Tasks are added by the session's loop thread only.
 */
final class Lane {
    private final ExecutorService workers;
    private final AtomicBoolean cancelled;
    private final Queue<Runnable> tasks = new ArrayDeque<>();
    private boolean running;
    private Future<?> runner;

    Lane(ExecutorService workers, AtomicBoolean cancelled) {
        this.workers = workers;
        this.cancelled = cancelled;
    }

    void add(Runnable task) {
        synchronized (this) {
            tasks.add(task);
            if (running) {
                return;
            }
            running = true;
        }
        runner = workers.submit(this::drain);
    }

    private void drain() {
        while (true) {
            Runnable task;
            synchronized (this) {
                task = cancelled.get() ? null : tasks.poll();
                if (task == null) {
                    // a cancelled lane drops what it has not started: those records stay uncommitted for the next owner
                    tasks.clear();
                    running = false;
                    return;
                }
            }
            task.run();
        }
    }

    synchronized boolean idle() {
        return !running;
    }

    /** Waits, at most until {@code deadlineNanos} ({@link System#nanoTime()}), for the task in progress to end. */
    boolean awaitIdle(long deadlineNanos) throws InterruptedException {
        Future<?> current = runner;
        if (current == null) {
            return true;
        }
        try {
            current.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (ExecutionException | java.util.concurrent.CancellationException e) {
            return true;
        } catch (TimeoutException e) {
            return false;
        }
        return true;
    }

    void interrupt() {
        Future<?> current = runner;
        if (current != null) {
            current.cancel(true);
        }
    }
}
