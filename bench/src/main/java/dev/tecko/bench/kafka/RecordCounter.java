package dev.tecko.bench.kafka;

import dev.tecko.platform.kafka.TopicTail;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Counts what the processor made readable: a whole topic followed from the beginning with {@code read_committed}
 * (through the project's {@link TopicTail}), each record handed to a listener with the instant it arrived.
 */
public final class RecordCounter implements AutoCloseable {
    /** Called on the reader's thread for every record, with {@link System#nanoTime()} at its arrival. */
    @FunctionalInterface
    public interface Listener {
        void onRecord(String key, byte[] value, long arrivalNanos);
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private final Listener listener;
    private final TopicTail<String> tail;
    private long count;
    private long lastArrivalNanos;

    private RecordCounter(Properties kafka, String topic, Listener listener) {
        this.listener = listener;
        this.tail = TopicTail.strings(kafka, List.of(topic), "bench-" + topic, this::arrived);
    }

    public static RecordCounter start(Properties kafka, String topic, Listener listener) {
        return new RecordCounter(kafka, topic, listener);
    }

    public static RecordCounter counting(Properties kafka, String topic) {
        return start(kafka, topic, (key, value, at) -> { });
    }

    private void arrived(ConsumerRecord<String, byte[]> record) {
        long now = System.nanoTime();
        listener.onRecord(record.key(), record.value(), now);
        lock.lock();
        try {
            count++;
            lastArrivalNanos = now;
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Blocks until {@code n} records were read; false when the deadline came first. */
    public boolean awaitCount(long n, Deadline deadline) throws InterruptedException {
        lock.lock();
        try {
            while (count < n) {
                long left = deadline.remaining().toNanos();
                if (left <= 0) {
                    return false;
                }
                arrived.await(left, TimeUnit.NANOSECONDS);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    public long count() {
        lock.lock();
        try {
            return count;
        } finally {
            lock.unlock();
        }
    }

    /** When the latest record arrived ({@link System#nanoTime()}), 0 before any. */
    public long lastArrivalNanos() {
        lock.lock();
        try {
            return lastArrivalNanos;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        tail.close();
    }
}
