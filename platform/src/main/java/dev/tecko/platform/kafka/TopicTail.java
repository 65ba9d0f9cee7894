package dev.tecko.platform.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows whole topics from their beginning on a background thread and hands every committed record to a callback:
 * every partition assigned (no consumer group: each reader needs everything, e.g. a compacted topic read as a table),
 * {@code read_committed}, nothing committed. A record the callback cannot use (it throws) is skipped with a log line
 * naming its position, so one bad record never stops the reader.
 */
public final class TopicTail<K> implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TopicTail.class);
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(200);

    private final List<String> topics;
    private final Consumer<ConsumerRecord<K, byte[]>> onRecord;
    private final KafkaConsumer<K, byte[]> consumer;
    private final Thread reader;
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private volatile boolean running = true;

    /**
     * Starts reading at once.
     *
     * @param name     names the reader thread, for thread dumps and logs
     * @param keys     reads the keys (every topic of the catalog is keyed by a string: {@link #strings})
     * @param onRecord called on the reader thread, in partition order; a tombstone has a null value
     */
    public TopicTail(Properties kafka, List<String> topics, String name, Deserializer<K> keys,
                     Consumer<ConsumerRecord<K, byte[]>> onRecord) {
        this.topics = List.copyOf(topics);
        this.onRecord = onRecord;
        var props = new Properties();
        props.putAll(kafka);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        this.consumer = new KafkaConsumer<>(props, keys, new ByteArrayDeserializer());
        this.reader = new Thread(this::run, "tecko-tail-" + name);
        this.reader.setDaemon(true);
        this.reader.start();
    }

    /** A tail of topics keyed by strings, as every topic of the catalog is. */
    public static TopicTail<String> strings(Properties kafka, List<String> topics, String name,
                                            Consumer<ConsumerRecord<String, byte[]>> onRecord) {
        return new TopicTail<>(kafka, topics, name, new StringDeserializer(), onRecord);
    }

    /** Blocks until everything on the topics when the reader started has been handed over, or the timeout passes. */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public boolean isCaughtUp() {
        return caughtUp.getCount() == 0;
    }

    private void run() {
        try {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                consumer.partitionsFor(topic, METADATA_TIMEOUT)
                        .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (running) {
                for (ConsumerRecord<K, byte[]> record : consumer.poll(POLL)) {
                    hand(record);
                }
                if (caughtUp.getCount() > 0 && end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                    caughtUp.countDown();
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            log.error("reader of {} stopped: {}", topics, e.getMessage());
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void hand(ConsumerRecord<K, byte[]> record) {
        try {
            onRecord.accept(record);
        } catch (RuntimeException e) {
            log.warn("skipping unreadable record at {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                    e.getMessage());
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            reader.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
