package dev.tecko.bench.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/**
 * Reads a whole topic from the beginning with {@code read_committed} on a thread of its own, counting records and
 * handing each to a listener with the instant it arrived: how the benchmarks see what the processor made readable.
 */
public final class TopicTail implements AutoCloseable {
    /** Called on the tail's thread for every record, with {@link System#nanoTime()} at its arrival. */
    @FunctionalInterface
    public interface Listener {
        void onRecord(String key, byte[] value, long arrivalNanos);
    }

    private static final Duration POLL = Duration.ofMillis(20);

    private final KafkaConsumer<String, byte[]> consumer;
    private final Listener listener;
    private final Thread thread;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private volatile boolean running = true;
    private volatile RuntimeException failure;
    private long count;
    private long lastArrivalNanos;

    private TopicTail(Properties kafka, String topic, Listener listener) {
        this.consumer = BenchClients.committedReader(kafka);
        this.listener = listener;
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        this.thread = new Thread(this::loop, "bench-tail-" + topic);
        thread.setDaemon(true);
    }

    public static TopicTail start(Properties kafka, String topic, Listener listener) {
        var tail = new TopicTail(kafka, topic, listener);
        tail.thread.start();
        return tail;
    }

    public static TopicTail counting(Properties kafka, String topic) {
        return start(kafka, topic, (key, value, at) -> { });
    }

    private void loop() {
        try {
            while (running) {
                var records = consumer.poll(POLL);
                if (records.isEmpty()) {
                    continue;
                }
                long now = System.nanoTime();
                for (ConsumerRecord<String, byte[]> record : records) {
                    listener.onRecord(record.key(), record.value(), now);
                }
                lock.lock();
                try {
                    count += records.count();
                    lastArrivalNanos = now;
                    arrived.signalAll();
                } finally {
                    lock.unlock();
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            failure = e;
            lock.lock();
            try {
                arrived.signalAll();
            } finally {
                lock.unlock();
            }
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** Blocks until {@code n} records were read; false when the deadline came first. */
    public boolean awaitCount(long n, Deadline deadline) throws InterruptedException {
        lock.lock();
        try {
            while (count < n) {
                if (failure != null) {
                    throw new IllegalStateException("reading the topic failed", failure);
                }
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

    /** When the latest records arrived ({@link System#nanoTime()}), 0 before any. */
    public long lastArrivalNanos() {
        lock.lock();
        try {
            return lastArrivalNanos;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(TimeUnit.SECONDS.toMillis(10));
    }
}
