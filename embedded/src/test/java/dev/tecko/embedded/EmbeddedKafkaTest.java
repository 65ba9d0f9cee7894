package dev.tecko.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaTest {

    @Test
    void givenAPersistentDataDirWhenTheBrokerRestartsThenTopicsAndRecordsSurviveOnTheSamePort(@TempDir Path dir) throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.persistent(dir).start()) {
            String bootstrap = kafka.bootstrapServers();
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
                admin.createTopics(List.of(new NewTopic("survivor", 1, (short) 1))).all().get();
            }
            produce(bootstrap, "survivor", "k", "before restart");

            kafka.stop();
            assertThat(kafka.isRunning()).isFalse();
            kafka.start();

            assertThat(kafka.bootstrapServers()).isEqualTo(bootstrap);
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
                assertThat(admin.listTopics().names().get()).contains("survivor");
            }
            assertThat(consumeAll(bootstrap, "survivor", 1)).containsExactly("before restart");
        }
        assertThat(dir.resolve("tecko-cluster-id")).exists();
    }

    @Test
    void givenAPersistentDataDirWhenANewBrokerStartsOnItThenItTakesThePortOfTheLastRun(@TempDir Path dir) throws Exception {
        String first;
        try (EmbeddedKafka kafka = EmbeddedKafka.persistent(dir).start()) {
            first = kafka.bootstrapServers();
        }
        try (EmbeddedKafka again = EmbeddedKafka.persistent(dir).start()) {
            assertThat(again.bootstrapServers()).as("a new process on the same data keeps the address it printed").isEqualTo(first);
        }
        int chosen = EmbeddedKafka.freePort();
        try (EmbeddedKafka pinned = EmbeddedKafka.persistent(dir, chosen).start()) {
            assertThat(pinned.bootstrapServers()).isEqualTo("127.0.0.1:" + chosen);
        }
    }

    @Test
    void givenATemporaryBrokerWhenClosedThenItsDataDirectoryIsRemoved() {
        Path dataDir;
        try (EmbeddedKafka kafka = EmbeddedKafka.temporary().start()) {
            dataDir = kafka.dataDir();
            assertThat(Files.exists(dataDir)).isTrue();
        }
        assertThat(Files.exists(dataDir)).isFalse();
    }

    @Test
    void givenABrokerNotStartedWhenAskedForItsAddressThenItSaysSo() {
        try (EmbeddedKafka kafka = EmbeddedKafka.temporary()) {
            assertThatThrownBy(kafka::bootstrapServers).hasMessageContaining("not been started");
        }
    }

    static void produce(String bootstrap, String topic, String key, String value) throws Exception {
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        }
    }

    static List<String> consumeAll(String bootstrap, String topic, int expected) {
        var values = new ArrayList<String>();
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "embedded-test", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(Set.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (values.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> values.add(r.value()));
            }
        }
        return values;
    }
}
