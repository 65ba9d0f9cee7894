package dev.tecko.processor.runtime;

import dev.tecko.platform.kafka.TopicAdmin;
import dev.tecko.schemas.topics.Topic;
import dev.tecko.schemas.topics.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;

/** Plain Kafka clients for the integration tests: topic creation, typed producers, read_committed consumers. */
final class BrokerClients {
    private BrokerClients() {
    }

    static void createTopics(String bootstrap, Topics topics, int partitions) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            new TopicAdmin(admin).createAll(topics, partitions, (short) 1);
        }
    }

    static <V> KafkaProducer<String, V> producer(String bootstrap, Topic<String, V> topic) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.LINGER_MS_CONFIG, 5), topic.keySerde().serializer(), topic.valueSerde().serializer());
    }

    /** A read_committed consumer positioned at the beginning of every partition of the topic. */
    static <K, V> KafkaConsumer<K, V> committedReader(String bootstrap, Topic<K, V> topic) {
        var consumer = new KafkaConsumer<>(Map.<String, Object>of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000), topic.keySerde().deserializer(), topic.valueSerde().deserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer;
    }

    static <K, V> List<ConsumerRecord<K, V>> poll(KafkaConsumer<K, V> consumer) {
        var records = new ArrayList<ConsumerRecord<K, V>>();
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        return records;
    }
}
