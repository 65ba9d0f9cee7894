package dev.tecko.dispatcher.runtime;

import dev.tecko.schemas.DispatchMark;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * The {@code sent} marks lanes ask for right before their first request, committed by the loop thread. A mark is written
 * when its delivery starts, not when the trigger is read: its time is what a successor's look-up counts from, and a
 * crash leaves only the deliveries that had started to be reconciled, not every trigger read ahead.
 */
final class SentMarks {
    /** One lane's request: the mark for a trigger of {@code work}'s partition, done once it is committed. */
    record Request(PartitionWork work, DispatchMark mark, CompletableFuture<Void> durable) {
    }

    private static final long WAIT_STEP_MILLIS = 100;
    private final Queue<Request> pending = new ConcurrentLinkedQueue<>();
    private final Runnable wakeLoop;

    SentMarks(Runnable wakeLoop) {
        this.wakeLoop = wakeLoop;
    }

    /** Lane thread: blocks until the mark is committed. False when the delivery was cancelled first: then send nothing. */
    boolean write(PartitionWork work, DispatchMark mark, BooleanSupplier cancelled) {
        var request = new Request(work, mark, new CompletableFuture<>());
        pending.add(request);
        wakeLoop.run();
        while (!cancelled.getAsBoolean()) {
            try {
                request.durable().get(WAIT_STEP_MILLIS, TimeUnit.MILLISECONDS);
                return true;
            } catch (TimeoutException e) {
                // still waiting for the loop's next commit
            } catch (ExecutionException | CancellationException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    /**
     * Loop thread: the requests to commit now. Those of cancelled work are dropped: a mark written after its partition
     * went could overwrite the next owner's {@code done} mark.
     */
    List<Request> take() {
        List<Request> taken = new ArrayList<>();
        Request request;
        while ((request = pending.poll()) != null) {
            if (request.work().cancelled.get()) {
                request.durable().cancel(false);
            } else {
                taken.add(request);
            }
        }
        return taken;
    }

    /** The session ends: nobody will commit what is still asked for. */
    void abandon() {
        Request request;
        while ((request = pending.poll()) != null) {
            request.durable().cancel(false);
        }
    }
}
