package dev.tecko.dispatcher.ledger;

import dev.tecko.schemas.DispatchMark;
import dev.tecko.schemas.topics.Topic;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Rebuilds the {@link Ledger} for newly owned partitions from the compacted ledger topic (committed records only). */
public final class LedgerReader implements LedgerLoader {
    private static final Logger log = LoggerFactory.getLogger(LedgerReader.class);

    private final Topic<String, DispatchMark> topic;
    private final KafkaConsumer<String, byte[]> consumer;
    /** Reads only end offsets, uncommitted included: tells whether a transaction is still open on a partition. */
    private final KafkaConsumer<String, byte[]> highWatermarks;
    private final Duration openTransactionWait;

    /**
     * @param openTransactionWait how long to wait for an open transaction on the ledger to end (a crashed incarnation's
     *                            ends when the broker aborts it, after {@code transaction.timeout.ms})
     */
    public LedgerReader(Properties kafka, Topic<String, DispatchMark> topic, Duration openTransactionWait) {
        this.topic = topic;
        this.openTransactionWait = openTransactionWait;
        var props = new Properties();
        props.putAll(kafka);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        this.highWatermarks = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    }

    @Override
    public void load(Collection<Integer> partitions, Ledger ledger) {
        List<TopicPartition> wanted = partitions.stream().map(p -> new TopicPartition(topic.name(), p)).toList();
        consumer.assign(wanted);
        consumer.seekToBeginning(wanted);
        Map<TopicPartition, Long> end = stableEnd(wanted);
        int loaded = 0;
        while (wanted.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                if (record.value() == null) {
                    continue;
                }
                try {
                    ledger.load(record.partition(), topic.valueSerde().deserializer().deserialize(topic.name(), record.value()));
                    loaded++;
                } catch (RuntimeException e) {
                    log.warn("skipping unreadable ledger record {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), e.getMessage());
                }
            }
        }
        consumer.assign(List.of());
        log.info("ledger rebuilt for partitions {}: {} marks", partitions, loaded);
    }

    /**
     * The end to read to once no transaction is open. Under {@code read_committed} a partition reads only up to its last
     * stable offset: an open transaction (a crashed incarnation's, until the broker aborts it) would hide every mark
     * committed after it began, and a trigger marked sent would look new and be sent again.
     */
    private Map<TopicPartition, Long> stableEnd(List<TopicPartition> partitions) {
        long deadline = System.nanoTime() + openTransactionWait.toNanos();
        boolean warned = false;
        while (true) {
            Map<TopicPartition, Long> stable = consumer.endOffsets(partitions);
            Map<TopicPartition, Long> high = highWatermarks.endOffsets(partitions);
            List<TopicPartition> open = partitions.stream().filter(tp -> stable.get(tp) < high.get(tp)).toList();
            if (open.isEmpty()) {
                return stable;
            }
            if (System.nanoTime() > deadline) {
                log.error("ledger partitions {} still have an open transaction after {}; reading what is committed", open, openTransactionWait);
                return stable;
            }
            if (!warned) {
                log.warn("ledger partitions {} have an open transaction; waiting for it to end before rebuilding the ledger", open);
                warned = true;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return stable;
            }
        }
    }

    @Override
    public void close() {
        consumer.close(Duration.ZERO);
        highWatermarks.close(Duration.ZERO);
    }
}
