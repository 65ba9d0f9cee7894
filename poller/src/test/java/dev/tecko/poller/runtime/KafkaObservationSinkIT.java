package dev.tecko.poller.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tecko.embedded.EmbeddedKafka;
import dev.tecko.embedded.KafkaBrokerExtension;
import dev.tecko.embedded.openai.MutableClock;
import dev.tecko.observability.metrics.KafkaClientBinders;
import dev.tecko.platform.kafka.TopicAdmin;
import dev.tecko.poller.schedule.IntervalPolicy;
import dev.tecko.poller.schedule.Jitter;
import dev.tecko.poller.schedule.PollSchedule;
import dev.tecko.poller.schedule.Snapshots;
import dev.tecko.schemas.BatchError;
import dev.tecko.schemas.BatchObservation;
import dev.tecko.schemas.BatchStatus;
import dev.tecko.schemas.Check;
import dev.tecko.schemas.JobStatus;
import dev.tecko.schemas.ObservationSource;
import dev.tecko.schemas.topics.DlqHeaders;
import dev.tecko.schemas.topics.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** An observation the broker can never take goes to the DLQ with its reason, once; it is not resent for ever. */
@ExtendWith(KafkaBrokerExtension.class)
class KafkaObservationSinkIT {

    @Test
    void givenAnObservationLargerThanTheTopicAccepts_whenPublished_thenItLandsInTheDlqWithItsReason(EmbeddedKafka kafka) throws Exception {
        Topics topics = new Topics("o" + UUID.randomUUID().toString().substring(0, 8) + ".");
        var props = new Properties();
        props.put("bootstrap.servers", kafka.bootstrapServers());
        try (Admin admin = Admin.create(props)) {
            new TopicAdmin(admin).createAll(topics, 1, (short) 1);
            // a deployment whose batch-status takes 4 KB at most: an observation with 20 long errors is too large for it
            var resource = new ConfigResource(ConfigResource.Type.TOPIC, topics.batchStatus().name());
            admin.incrementalAlterConfigs(Map.of(resource, List.of(new AlterConfigOp(new ConfigEntry("max.message.bytes", "4096"),
                    AlterConfigOp.OpType.SET)))).all().get();
        }
        var clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        var schedule = new PollSchedule(clock, new IntervalPolicy(10), new Jitter(new Random(1), 0.1));
        schedule.upsert(Snapshots.job("job-1", JobStatus.ACTIVE, 10, "k", "batch_1"), 0);
        List<BatchError> errors = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            errors.add(new BatchError("invalid_request", "x".repeat(1_000), null, i));
        }
        var observation = new BatchObservation(Check.CURRENT_SCHEMA_VERSION, "job-1", "batch_1", BatchStatus.FAILED, null, null, null,
                errors, null, null, clock.instant(), ObservationSource.POLL, null);
        var meters = new SimpleMeterRegistry();

        try (var sink = new KafkaObservationSink(props, topics.batchStatus(), topics.dlq(), schedule, meters, new KafkaClientBinders(meters))) {
            sink.publish(observation);
            Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> meters.counter("tecko.poller.observations.dead.lettered").count() == 1.0);
        }

        List<ConsumerRecord<byte[], byte[]>> dead = readAll(kafka, topics.dlq().name(), 1);
        assertThat(dead).singleElement().satisfies(r -> {
            assertThat(DlqHeaders.read(r.headers(), DlqHeaders.TOPIC)).isEqualTo(topics.batchStatus().name());
            assertThat(DlqHeaders.read(r.headers(), DlqHeaders.EXCEPTION)).contains("RecordTooLarge");
            assertThat(r.value().length).isGreaterThan(4096);
        });
        assertThat(meters.counter("tecko.poller.observations.dead.lettered").count()).isEqualTo(1.0);
    }

    private static List<ConsumerRecord<byte[], byte[]>> readAll(EmbeddedKafka kafka, String topic, int expected) {
        var props = new Properties();
        props.put("bootstrap.servers", kafka.bootstrapServers());
        props.put("group.id", "reader-" + UUID.randomUUID());
        props.put("auto.offset.reset", "earliest");
        List<ConsumerRecord<byte[], byte[]>> all = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(all::add);
                return all.size() >= expected;
            });
        }
        return all;
    }
}
