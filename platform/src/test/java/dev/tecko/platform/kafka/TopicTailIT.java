package dev.tecko.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.tecko.embedded.EmbeddedKafka;
import dev.tecko.embedded.KafkaBrokerExtension;
import dev.tecko.platform.secrets.MasterKey;
import dev.tecko.platform.secrets.SecretCipher;
import dev.tecko.platform.secrets.TopicSecretSource;
import dev.tecko.schemas.EncryptedSecret;
import dev.tecko.schemas.SecretType;
import dev.tecko.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

@ExtendWith(KafkaBrokerExtension.class)
class TopicTailIT {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void givenRecordsOnSeveralTopicsAndPartitions_whenTailed_thenAllArriveFromTheBeginningAndLaterOnesFollow(EmbeddedKafka kafka)
            throws Exception {
        Topics topics = FreshTopics.create(kafka, "tail");
        String a = topics.jobStatus().name();
        String b = topics.jobEvents().name();
        try (var producer = producer(kafka)) {
            for (int i = 0; i < 6; i++) {
                producer.send(new ProducerRecord<>(i % 2 == 0 ? a : b, "k" + i, bytes("v" + i)));
            }
            producer.flush();
            List<String> seen = new CopyOnWriteArrayList<>();
            try (var tail = TopicTail.strings(FreshTopics.clientProps(kafka), List.of(a, b), "test", r -> seen.add(r.key() + "=" + text(r.value())))) {
                assertThat(tail.awaitCaughtUp(WAIT)).isTrue();
                assertThat(seen).containsExactlyInAnyOrder("k0=v0", "k1=v1", "k2=v2", "k3=v3", "k4=v4", "k5=v5");
                producer.send(new ProducerRecord<>(a, "k6", null));
                producer.flush();
                await().atMost(WAIT).until(() -> seen.contains("k6=null"));
            }
        }
    }

    @Test
    void givenARecordTheCallbackCannotUse_whenTailed_thenItIsSkippedWithItsPositionLoggedAndTheRestArrive(EmbeddedKafka kafka)
            throws Exception {
        Topics topics = FreshTopics.create(kafka, "tail");
        var appender = new ListAppender<ILoggingEvent>();
        appender.start();
        ((Logger) LoggerFactory.getLogger(TopicTail.class)).addAppender(appender);
        try (var producer = producer(kafka)) {
            String topic = topics.secrets().name();
            producer.send(new ProducerRecord<>(topic, 0, "bad", bytes("boom"))).get();
            producer.send(new ProducerRecord<>(topic, 0, "good", bytes("fine"))).get();
            List<String> seen = new CopyOnWriteArrayList<>();
            try (var tail = TopicTail.strings(FreshTopics.clientProps(kafka), List.of(topic), "test", r -> {
                if (r.key().equals("bad")) {
                    throw new IllegalArgumentException("cannot read it");
                }
                seen.add(r.key());
            })) {
                assertThat(tail.awaitCaughtUp(WAIT)).isTrue();
                assertThat(seen).containsExactly("good");
            }
            assertThat(appender.list).extracting(ILoggingEvent::getFormattedMessage)
                    .contains("skipping unreadable record at " + topic + "-0@0: cannot read it");
        } finally {
            ((Logger) LoggerFactory.getLogger(TopicTail.class)).detachAppender(appender);
        }
    }

    @Test
    void givenSecretsAndATombstoneOnTheTopic_whenTheTopicSecretSourceCatchesUp_thenItDecryptsTheLiveOnes(EmbeddedKafka kafka)
            throws Exception {
        Topics topics = FreshTopics.create(kafka, "tail");
        var cipher = new SecretCipher(MasterKey.fromBase64(MasterKey.generateBase64(), "test"));
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new StringSerializer(), topics.secrets().valueSerde().serializer())) {
            EncryptedSecret kept = cipher.encrypt("kept", SecretType.OPENAI, null, "sk-1", t);
            producer.send(new ProducerRecord<>(topics.secrets().name(), "kept", kept));
            producer.send(new ProducerRecord<>(topics.secrets().name(), "gone", cipher.encrypt("gone", SecretType.OPENAI, null, "x", t)));
            producer.send(new ProducerRecord<>(topics.secrets().name(), "gone", null));
            producer.flush();
            try (var source = new TopicSecretSource(FreshTopics.clientProps(kafka), topics.secrets(), cipher)) {
                assertThat(source.awaitCaughtUp(WAIT)).isTrue();
                await().atMost(WAIT).until(() -> source.find("kept").isPresent());
                assertThat(source.get("kept").value()).isEqualTo("sk-1");
                assertThat(source.find("gone")).isEmpty();
            }
        }
    }

    private static KafkaProducer<String, byte[]> producer(EmbeddedKafka kafka) {
        return new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer());
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] b) {
        return b == null ? "null" : new String(b, StandardCharsets.UTF_8);
    }
}
