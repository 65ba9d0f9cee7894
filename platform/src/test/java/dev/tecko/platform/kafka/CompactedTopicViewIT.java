package dev.tecko.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tecko.embedded.EmbeddedKafka;
import dev.tecko.embedded.KafkaBrokerExtension;
import dev.tecko.schemas.Check;
import dev.tecko.schemas.EventType;
import dev.tecko.schemas.JobEvent;
import dev.tecko.schemas.JobStatus;
import dev.tecko.schemas.topics.Topic;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The one view type behind the API's views and the secrets source, on a real broker. */
@ExtendWith(KafkaBrokerExtension.class)
class CompactedTopicViewIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void givenUpdatesTombstonesAndAnUnreadableRecord_whenViewed_thenTheMapHoldsTheLatestLiveValuePerKey(EmbeddedKafka kafka)
            throws Exception {
        Topics topics = FreshTopics.create(kafka, "view");
        Topic<String, JobEvent> topic = topics.jobEvents();
        try (var producer = producer(kafka)) {
            send(producer, topic, "job-1", event("job-1", 1));
            send(producer, topic, "job-1", event("job-1", 2));
            send(producer, topic, "job-2", event("job-2", 1));
            send(producer, topic, "job-2", null);
            producer.send(new ProducerRecord<>(topic.name(), 0, bytes("job-3"), bytes("{not json"))).get();
            send(producer, topic, "job-4", event("job-4", 7));
            List<String> changes = new CopyOnWriteArrayList<>();
            try (var view = new CompactedTopicView<>(FreshTopics.clientProps(kafka), topic, "test", CompactedTopicView.valuesOf(topic),
                    (key, value) -> changes.add(key + "=" + (value == null ? "gone" : value.sequence())))) {
                assertThat(view.awaitCaughtUp(WAIT)).isTrue();

                assertThat(view.get("job-1")).hasValueSatisfying(e -> assertThat(e.sequence()).isEqualTo(2));
                assertThat(view.get("job-2")).isEmpty();
                assertThat(view.get("job-3")).as("the unreadable record is skipped").isEmpty();
                assertThat(view.asMap()).containsOnlyKeys("job-1", "job-4");
                assertThat(view.values()).hasSize(2);
                assertThat(changes).containsExactlyInAnyOrder("job-1=1", "job-1=2", "job-2=1", "job-2=gone", "job-4=7");

                send(producer, topic, "job-5", event("job-5", 1));
                assertThat(view.awaitUntil(map -> map.containsKey("job-5"), WAIT)).isTrue();
                assertThat(view.isCaughtUp()).isTrue();
            }
        }
    }

    @Test
    void givenAConditionThatNeverHolds_whenAwaited_thenItAnswersFalseAfterTheTimeout(EmbeddedKafka kafka) throws Exception {
        Topics topics = FreshTopics.create(kafka, "view");
        try (var view = CompactedTopicView.of(FreshTopics.clientProps(kafka), topics.jobStatus(), "test")) {
            assertThat(view.awaitCaughtUp(WAIT)).isTrue();
            long started = System.nanoTime();

            assertThat(view.awaitUntil(map -> map.containsKey("never"), Duration.ofMillis(300))).isFalse();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        }
    }

    @Test
    void givenAReaderThatDropsSomeValues_whenViewed_thenOnlyTheKeptOnesAreInTheMap(EmbeddedKafka kafka) throws Exception {
        Topics topics = FreshTopics.create(kafka, "view");
        Topic<String, JobEvent> topic = topics.jobEvents();
        try (var producer = producer(kafka)) {
            send(producer, topic, "job-1", event("job-1", 0));
            send(producer, topic, "job-2", event("job-2", 3));
            var decode = CompactedTopicView.valuesOf(topic);
            try (var view = new CompactedTopicView<>(FreshTopics.clientProps(kafka), topic, "test", record -> {
                JobEvent e = decode.read(record);
                return e != null && e.sequence() > 0 ? e : null;
            }, (key, value) -> { })) {
                assertThat(view.awaitCaughtUp(WAIT)).isTrue();
                await().atMost(WAIT).until(() -> view.get("job-2").isPresent());
                assertThat(view.asMap()).containsOnlyKeys("job-2");
            }
        }
    }

    private static JobEvent event(String jobId, long sequence) {
        return new JobEvent(Check.CURRENT_SCHEMA_VERSION, jobId, sequence, EventType.UPDATED, T, JobStatus.ACTIVE, 1, null, null, null,
                null, null, null);
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, Topic<String, JobEvent> topic, String key, JobEvent value)
            throws Exception {
        byte[] bytes = value == null ? null : topic.valueSerde().serializer().serialize(topic.name(), value);
        producer.send(new ProducerRecord<>(topic.name(), 0, bytes(key), bytes)).get();
    }

    private static KafkaProducer<byte[], byte[]> producer(EmbeddedKafka kafka) {
        return new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
