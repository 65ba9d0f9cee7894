package dev.tecko.dispatcher.runtime;

import dev.tecko.dispatcher.ledger.LedgerLoader;
import dev.tecko.dispatcher.ledger.LedgerReader;
import dev.tecko.schemas.topics.RecordLimits;
import dev.tecko.schemas.topics.Topics;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The Kafka clients of one dispatch session: the group's consumer of {@code triggers}, the transactional producer of
 * results, marks and dead letters, and the reader of the ledger. A session owns and closes them; tests hand in
 * {@code MockConsumer} / {@code MockProducer}.
 */
record DispatchClients(Consumer<byte[], byte[]> consumer, Producer<byte[], byte[]> producer, LedgerLoader ledger) {

    /** Real clients for the cluster {@code kafka} describes. */
    static DispatchClients open(Properties kafka, DispatcherSettings settings, Topics topics) {
        var consumerProps = new Properties();
        consumerProps.putAll(kafka);
        consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId());
        consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        consumerProps.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumerProps.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(settings.maxPollRecords()));
        var producerProps = new Properties();
        // an unreadable trigger is copied to the DLQ whole, and a trigger can be tens of MB (RecordLimits)
        producerProps.putAll(RecordLimits.jobRecordProducer());
        producerProps.putAll(kafka);
        producerProps.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, settings.groupId() + "-" + settings.instanceId());
        producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
        // a crashed incarnation's open transaction ends when the broker aborts it: wait that long, and a little more
        Duration transactionTimeout = Duration.ofMillis(Long.parseLong(String.valueOf(
                kafka.getOrDefault(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, "60000"))));
        return new DispatchClients(new KafkaConsumer<>(consumerProps, new ByteArrayDeserializer(), new ByteArrayDeserializer()),
                new KafkaProducer<>(producerProps, new ByteArraySerializer(), new ByteArraySerializer()),
                new LedgerReader(kafka, topics.dispatcherLedger(), transactionTimeout.plusSeconds(10)));
    }
}
