package dev.tecko.platform.kafka;

import dev.tecko.schemas.topics.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A topic read into a map on every instance: the latest value per key, as a compacted topic means it, kept current by
 * a {@link TopicTail} (no consumer group: every instance needs every key). Eventually consistent. Request threads can
 * wait, bounded, until the map shows what they are waiting for ({@link #awaitUntil}); the reader signals every change.
 *
 * <p>What a record means is the {@link RecordReader}'s to say: by default the topic's value serde, a tombstone removes
 * the key. A reader that throws skips the record (the tail logs its position), so one bad record never stops the view.
 * A {@link ChangeListener} sees each change right after the map took it, on the reader thread.
 */
public final class CompactedTopicView<K, V> implements AutoCloseable {
    /** The value a record stands for; null removes the key. Throws for a record that cannot be read. */
    @FunctionalInterface
    public interface RecordReader<K, V> {
        V read(ConsumerRecord<K, byte[]> record);
    }

    /** Told of each change, on the reader thread, after the map took it; {@code value} is null for a removal. */
    @FunctionalInterface
    public interface ChangeListener<K, V> {
        void changed(K key, V value);
    }

    private final Map<K, V> values = new ConcurrentHashMap<>();
    private final Map<K, V> readOnly = Collections.unmodifiableMap(values);
    private final Object monitor = new Object();
    private final RecordReader<K, V> reader;
    private final ChangeListener<K, V> listener;
    private final TopicTail<K> tail;

    /**
     * Starts reading at once.
     *
     * @param name names the reader thread, for thread dumps and logs
     */
    public CompactedTopicView(Properties kafka, Topic<K, V> topic, String name, RecordReader<K, V> reader,
                              ChangeListener<K, V> listener) {
        this.reader = reader;
        this.listener = listener;
        this.tail = new TopicTail<>(kafka, List.of(topic.name()), name, topic.keySerde().deserializer(), this::apply);
    }

    /** The topic's values as its serde reads them; a tombstone removes the key. */
    public static <K, V> CompactedTopicView<K, V> of(Properties kafka, Topic<K, V> topic, String name) {
        return new CompactedTopicView<>(kafka, topic, name, valuesOf(topic), (key, value) -> { });
    }

    /** The default reader: the topic's value serde, null for a tombstone. */
    public static <K, V> RecordReader<K, V> valuesOf(Topic<K, V> topic) {
        return record -> record.value() == null ? null
                : topic.valueSerde().deserializer().deserialize(record.topic(), record.value());
    }

    private void apply(ConsumerRecord<K, byte[]> record) {
        K key = record.key();
        if (key == null) {
            return;
        }
        V value = reader.read(record);
        if (value == null) {
            values.remove(key);
        } else {
            values.put(key, value);
        }
        listener.changed(key, value);
        synchronized (monitor) {
            monitor.notifyAll();
        }
    }

    /** Blocks until everything on the topic when the view started has been read, or the timeout passes. */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return tail.awaitCaughtUp(timeout);
    }

    public boolean isCaughtUp() {
        return tail.isCaughtUp();
    }

    public Optional<V> get(K key) {
        return Optional.ofNullable(values.get(key));
    }

    /** A copy of the values, in no particular order. */
    public List<V> values() {
        return new ArrayList<>(values.values());
    }

    /** The map itself, read-only and live: for counting without a copy. */
    public Map<K, V> asMap() {
        return readOnly;
    }

    /** Waits, bounded, until the map satisfies the condition; whether it did before the timeout passed. */
    public boolean awaitUntil(Predicate<Map<K, V>> condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (monitor) {
            while (!condition.test(readOnly)) {
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

    @Override
    public void close() {
        tail.close();
    }
}
