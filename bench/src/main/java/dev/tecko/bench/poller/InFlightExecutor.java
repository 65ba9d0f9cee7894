package dev.tecko.bench.poller;

import dev.tecko.bench.kafka.Deadline;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An executor that knows when all it was given has run: how a round of batch checks is timed. A list sweep hands
 * its leftover GETs over before it ends, so the count of tasks in flight never touches zero while work remains.
 */
final class InFlightExecutor implements Executor {
    private final Executor delegate;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition idle = lock.newCondition();
    private int inFlight;

    InFlightExecutor(Executor delegate) {
        this.delegate = delegate;
    }

    @Override
    public void execute(Runnable task) {
        change(+1);
        try {
            delegate.execute(() -> {
                try {
                    task.run();
                } finally {
                    change(-1);
                }
            });
        } catch (RejectedExecutionException e) {
            change(-1);
            throw e;
        }
    }

    private void change(int by) {
        lock.lock();
        try {
            inFlight += by;
            if (inFlight == 0) {
                idle.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** True once every task given so far has run; false when the deadline came first. */
    boolean awaitIdle(Deadline deadline) throws InterruptedException {
        lock.lock();
        try {
            while (inFlight > 0) {
                long left = deadline.remaining().toNanos();
                if (left <= 0) {
                    return false;
                }
                idle.await(left, TimeUnit.NANOSECONDS);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }
}
