package dev.tecko.bench.kafka;

import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** The Kafka clients of the benchmarks, on the {@code TECKO_KAFKA_*} pass-through; values travel as ready bytes. */
public final class BenchClients {
    private BenchClients() {
    }

    /** Idempotent, acks=all, batching for throughput: loads input as fast as the broker takes it. */
    public static KafkaProducer<String, byte[]> bulkProducer(Properties kafka) {
        var props = base(kafka);
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "10");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, "65536");
        return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    /** What the poller's observation sink uses (idempotent, acks=all, linger.ms=5): the writer latency is measured from. */
    public static KafkaProducer<String, byte[]> pollerLikeProducer(Properties kafka) {
        var props = base(kafka);
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    public static KafkaProducer<byte[], byte[]> transactionalProducer(Properties kafka, String transactionalId) {
        var props = base(kafka);
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "10");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, "65536");
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** A group member reading committed records, for a consume-transform-produce loop that commits offsets in its transactions. */
    public static KafkaConsumer<byte[], byte[]> committedGroupReader(Properties kafka, String groupId) {
        var props = base(kafka);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        // what Kafka Streams sets for its own consumers, so the copy loop polls like the processor does
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "1000");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static Properties base(Properties kafka) {
        var props = new Properties();
        props.putAll(kafka);
        return props;
    }
}
