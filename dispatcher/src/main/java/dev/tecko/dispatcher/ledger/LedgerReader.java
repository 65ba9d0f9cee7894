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
public final class LedgerReader implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LedgerReader.class);

    private final Topic<String, DispatchMark> topic;
    private final KafkaConsumer<String, byte[]> consumer;

    public LedgerReader(Properties kafka, Topic<String, DispatchMark> topic) {
        this.topic = topic;
        var props = new Properties();
        props.putAll(kafka);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    }

    public void load(Collection<Integer> partitions, Ledger ledger) {
        List<TopicPartition> wanted = partitions.stream().map(p -> new TopicPartition(topic.name(), p)).toList();
        consumer.assign(wanted);
        consumer.seekToBeginning(wanted);
        Map<TopicPartition, Long> end = consumer.endOffsets(wanted);
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

    @Override
    public void close() {
        consumer.close(Duration.ZERO);
    }
}
