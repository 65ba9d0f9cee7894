package dev.tecko.bench.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * The baseline: Kafka's own exactly-once consume→produce, with nothing in between. A group consumer
 * ({@code read_committed}) and a transactional producer copy every record unchanged to another topic, committing the
 * consumed offsets inside each transaction every {@code commitInterval} — what Kafka Streams' {@code exactly_once_v2}
 * does around the processor, minus the processor, its state store and its extra outputs.
 */
public final class CopyLoop {
    private static final Duration POLL = Duration.ofMillis(20);

    /** @param elapsedNanos from creating the clients to the commit of the last record copied */
    public record Result(long copied, long bytes, long elapsedNanos, boolean complete) {
        public double recordsPerSecond() {
            return elapsedNanos == 0 ? 0 : copied / (elapsedNanos / 1e9);
        }
    }

    private CopyLoop() {
    }

    public static Result copy(Properties kafka, String from, String to, long records, Duration commitInterval, String id,
                              Deadline deadline) {
        long begin = System.nanoTime();
        long copied = 0;
        long committed = 0;
        long bytes = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = BenchClients.committedGroupReader(kafka, id);
             KafkaProducer<byte[], byte[]> producer = BenchClients.transactionalProducer(kafka, id)) {
            producer.initTransactions();
            consumer.subscribe(List.of(from));
            producer.beginTransaction();
            long lastCommit = System.nanoTime();
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
            while (committed < records && !deadline.expired()) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    producer.send(new ProducerRecord<>(to, record.key(), record.value()));
                    offsets.put(new TopicPartition(record.topic(), record.partition()), new OffsetAndMetadata(record.offset() + 1));
                    copied++;
                    bytes += record.serializedKeySize() + record.serializedValueSize();
                }
                boolean due = System.nanoTime() - lastCommit >= commitInterval.toNanos();
                if (!offsets.isEmpty() && (due || copied >= records)) {
                    producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
                    producer.commitTransaction();
                    committed = copied;
                    offsets.clear();
                    lastCommit = System.nanoTime();
                    producer.beginTransaction();
                }
            }
            producer.abortTransaction();
        }
        return new Result(committed, bytes, System.nanoTime() - begin, committed >= records);
    }
}
