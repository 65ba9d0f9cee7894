package dev.tecko.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tecko.platform.secrets.MasterKey;
import dev.tecko.platform.secrets.SecretCipher;
import dev.tecko.schemas.BatchObservation;
import dev.tecko.schemas.BatchOutcome;
import dev.tecko.schemas.BatchSnapshot;
import dev.tecko.schemas.BatchStatus;
import dev.tecko.schemas.Check;
import dev.tecko.schemas.EventType;
import dev.tecko.schemas.JobCommand;
import dev.tecko.schemas.JobEvent;
import dev.tecko.schemas.JobSnapshot;
import dev.tecko.schemas.JobSpec;
import dev.tecko.schemas.JobStatus;
import dev.tecko.schemas.RequestCounts;
import dev.tecko.schemas.SecretType;
import dev.tecko.schemas.TriggerCommand;
import dev.tecko.schemas.TriggerOutcome;
import dev.tecko.schemas.TriggerPolicy;
import dev.tecko.schemas.TriggerResult;
import dev.tecko.schemas.TriggerTarget;
import dev.tecko.schemas.topics.Topic;
import dev.tecko.schemas.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;

/**
 * The round trip every broker test runs: create the catalog's topics, write one record of each contract with the
 * project's serdes, read each back equal. Shared by the embedded-broker and the Testcontainers tests.
 */
final class ContractRoundTrip {
    static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");
    static final String JOB = "job-42";

    private ContractRoundTrip() {
    }

    static Map<Topic<String, ?>, Object> oneOfEach(Topics topics) {
        TriggerTarget target = TriggerTarget.keboola("https://connection.eu-central-1.keboola.com", "kds-team.app-custom-python",
                "12345", "keboola-prod");
        JobSpec spec = new JobSpec("nightly embeddings", List.of("batch_a1", "batch_b2"), "openai-prod", target, 60, null, null,
                TriggerPolicy.minCompletedRatio(0.5), NOW.plusSeconds(86_400), null);
        List<BatchSnapshot> batches = List.of(
                new BatchSnapshot("batch_a1", BatchStatus.COMPLETED, new RequestCounts(10, 10, 0), "file-out", null, List.of(), NOW, null),
                new BatchSnapshot("batch_b2", BatchStatus.EXPIRED, new RequestCounts(10, 3, 0), null, null, List.of(), NOW, null));
        List<BatchOutcome> outcomes = batches.stream().map(BatchOutcome::of).toList();
        var key = MasterKey.fromBase64(MasterKey.generateBase64(), "test key");

        Map<Topic<String, ?>, Object> records = new LinkedHashMap<>();
        records.put(topics.jobCommands(), JobCommand.create("cmd-1", JOB, spec, NOW));
        records.put(topics.batchStatus(), BatchObservation.polled(JOB, "batch_a1", BatchStatus.COMPLETED, new RequestCounts(10, 10, 0), NOW));
        records.put(topics.jobStatus(), new JobSnapshot(Check.CURRENT_SCHEMA_VERSION, JOB, "nightly embeddings", JobStatus.TRIGGERING, 1,
                batches, null, "openai-prod", target, 60, null, null, spec.triggerPolicy(), spec.deadline(), null, NOW, NOW, null, 3));
        records.put(topics.jobEvents(), new JobEvent(Check.CURRENT_SCHEMA_VERSION, JOB, 3, EventType.TRIGGER_REQUESTED, NOW,
                JobStatus.TRIGGERING, 1, null, null, null, TriggerCommand.triggerId(JOB, 1), null, null));
        records.put(topics.triggers(), TriggerCommand.of(JOB, "nightly embeddings", 1, target, outcomes, NOW));
        records.put(topics.triggerResults(), new TriggerResult(Check.CURRENT_SCHEMA_VERSION, TriggerCommand.triggerId(JOB, 1), JOB, 1,
                TriggerOutcome.OK, "987654", "https://connection.eu-central-1.keboola.com/admin/projects/1/queue/987654", "created",
                "987654", 201, 1, null, NOW));
        records.put(topics.secrets(), new SecretCipher(key).encrypt("keboola-prod", SecretType.KEBOOLA, null, "not-a-real-token", NOW));
        return records;
    }

    /** Creates the topics, checks their configuration, writes one record of each contract and reads it back equal. */
    static void run(String bootstrapServers, Topics topics) throws Exception {
        var common = new Properties();
        common.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(common)) {
            var outcomes = new TopicAdmin(admin).createAll(topics, 3, (short) 1);
            assertThat(outcomes).allMatch(TopicAdmin.Outcome::created);
            assertThat(new TopicAdmin(admin).createAll(topics, 3, (short) 1)).noneMatch(TopicAdmin.Outcome::created);

            List<String> names = topics.all().stream().map(Topic::name).toList();
            Map<String, TopicDescription> described = admin.describeTopics(names).allTopicNames().get();
            assertThat(described.values()).allSatisfy(d -> assertThat(d.partitions()).hasSize(3));
            for (Topic<?, ?> topic : topics.all()) {
                var resource = new ConfigResource(ConfigResource.Type.TOPIC, topic.name());
                String policy = admin.describeConfigs(List.of(resource)).all().get().get(resource)
                        .get(TopicConfig.CLEANUP_POLICY_CONFIG).value();
                assertThat(policy).as(topic.name()).isEqualTo(topic.compacted() ? "compact" : "delete");
            }
        }

        Map<Topic<String, ?>, Object> records = oneOfEach(topics);
        var producerProps = new Properties();
        producerProps.putAll(common);
        producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
        try (var producer = new KafkaProducer<String, byte[]>(producerProps, topics.jobCommands().keySerde().serializer(),
                new org.apache.kafka.common.serialization.ByteArraySerializer())) {
            for (var entry : records.entrySet()) {
                producer.send(new ProducerRecord<>(entry.getKey().name(), recordKey(entry.getKey(), topics), serialize(entry.getKey(), entry.getValue()))).get();
            }
        }

        for (var entry : records.entrySet()) {
            assertThat(readOne(common, entry.getKey())).as(entry.getKey().name()).isEqualTo(entry.getValue());
        }
    }

    private static String recordKey(Topic<String, ?> topic, Topics topics) {
        return topic == topics.secrets() ? "keboola-prod" : JOB;
    }

    @SuppressWarnings("unchecked")
    private static <V> byte[] serialize(Topic<String, V> topic, Object value) {
        return topic.valueSerde().serializer().serialize(topic.name(), (V) value);
    }

    private static <V> V readOne(Properties common, Topic<String, V> topic) {
        var props = new Properties();
        props.putAll(common);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (var consumer = new KafkaConsumer<>(props, topic.keySerde().deserializer(), topic.valueSerde().deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
                    .map(p -> new TopicPartition(topic.name(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<V> values = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (values.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> values.add(r.value()));
            }
            assertThat(values).as("records on " + topic.name()).hasSize(1);
            return values.get(0);
        }
    }
}
