package dev.tecko.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tecko.embedded.EmbeddedKafka;
import dev.tecko.embedded.KafkaBrokerExtension;
import dev.tecko.schemas.topics.RecordLimits;
import dev.tecko.schemas.topics.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The record limits are set where they act: topics created from the catalog take records of their limit on a real
 * broker (a 21 MB job snapshot, the measured worst case of a 10,000-batch job), and refuse larger ones.
 */
@ExtendWith(KafkaBrokerExtension.class)
class RecordLimitsIT {

    @Test
    void givenTopicsCreatedFromTheCatalog_whenAWorstCaseJobSnapshotIsWritten_thenItIsStoredAndReadBack(EmbeddedKafka kafka) throws Exception {
        Topics topics = new Topics("rl" + UUID.randomUUID().toString().substring(0, 8) + ".");
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            new TopicAdmin(admin).createAll(topics, 1, (short) 1);
            var resource = new ConfigResource(ConfigResource.Type.TOPIC, topics.jobStatus().name());
            ConfigEntry limit = admin.describeConfigs(List.of(resource)).all().get().get(resource).get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG);
            assertThat(Integer.parseInt(limit.value())).isEqualTo(RecordLimits.topicMaxMessageBytes(RecordLimits.JOB_RECORD_BYTES));
        }
        byte[] snapshot = new byte[21_000_000];
        Arrays.fill(snapshot, (byte) 'x');
        Map<String, Object> producerSettings = new HashMap<>(RecordLimits.jobRecordProducer());
        producerSettings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (var producer = new KafkaProducer<>(producerSettings, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topics.jobStatus().name(), "job".getBytes(), snapshot)).get();
            // a topic made for small records keeps its limit: the same record is refused there
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(topics.jobEvents().name(), "job".getBytes(), snapshot)).get())
                    .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(RecordTooLargeException.class);
        }
        Map<String, Object> consumerSettings = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "rl-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<byte[], byte[]>> read = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(consumerSettings, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topics.jobStatus().name()));
            long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (read.isEmpty() && System.nanoTime() < end) {
                consumer.poll(Duration.ofMillis(200)).forEach(read::add);
            }
        }
        assertThat(read).singleElement().satisfies(r -> assertThat(r.value()).hasSize(snapshot.length));
    }
}
