package dev.tecko.dispatcher.runtime;

import dev.tecko.embedded.EmbeddedKafka;
import dev.tecko.platform.config.TeckoConfig;
import dev.tecko.platform.kafka.TopicAdmin;
import dev.tecko.platform.secrets.Secret;
import dev.tecko.platform.secrets.SecretSource;
import dev.tecko.schemas.BatchOutcome;
import dev.tecko.schemas.BatchStatus;
import dev.tecko.schemas.SecretType;
import dev.tecko.schemas.TriggerCommand;
import dev.tecko.schemas.TriggerResult;
import dev.tecko.schemas.TriggerTarget;
import dev.tecko.schemas.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** An isolated topic set on the shared broker, hand-written triggers, and readers for what the dispatcher wrote. */
final class DispatcherFixture {
    final EmbeddedKafka kafka;
    final Topics topics = new Topics("t" + UUID.randomUUID().toString().substring(0, 8) + ".");
    final String group = "dispatcher-" + UUID.randomUUID();

    DispatcherFixture(EmbeddedKafka kafka, int partitions) throws Exception {
        this.kafka = kafka;
        try (Admin admin = Admin.create(clientProps())) {
            new TopicAdmin(admin).createAll(topics, partitions, (short) 1);
            // producing before every partition has a leader makes the producer loop on NOT_LEADER_OR_FOLLOWER
            List<String> names = topics.all().stream().map(t -> t.name()).toList();
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() ->
                    admin.describeTopics(names).allTopicNames().get().values().stream()
                            .allMatch(d -> d.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty())));
        }
    }

    Properties clientProps() {
        var props = new Properties();
        props.put("bootstrap.servers", kafka.bootstrapServers());
        return props;
    }

    TeckoConfig config(String instanceId, Map<String, String> extra) {
        TeckoConfig config = TeckoConfig.of(Map.of())
                .with(TeckoConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers())
                .with(TeckoConfig.TOPIC_PREFIX, topicPrefix())
                .with("TECKO_DISPATCHER_GROUP_ID", group)
                .with("TECKO_DISPATCHER_INSTANCE_ID", instanceId)
                .with("TECKO_DISPATCHER_HTTP_CALL_TIMEOUT_MILLIS", "2000")
                .with("TECKO_DISPATCHER_RECOVERY_GRACE_MILLIS", "200")
                // the sandbox Keboola's search shows a job at once unless a test gives it a lag
                .with("TECKO_DISPATCHER_SETTLE_SECONDS", "1")
                // the sandbox Keboola listens on loopback, which the target allow-list refuses unless told otherwise
                .with("TECKO_API_ALLOW_LOOPBACK", "true")
                .with("TECKO_DISPATCHER_RETRY_INITIAL_MILLIS", "20")
                .with("TECKO_DISPATCHER_RETRY_MAX_MILLIS", "200")
                .with("TECKO_DISPATCHER_RETRY_TOTAL_SECONDS", "10")
                .with("TECKO_KAFKA_TRANSACTION_TIMEOUT_MS", "10000");
        for (var e : extra.entrySet()) {
            config = config.with(e.getKey(), e.getValue());
        }
        return config;
    }

    private String topicPrefix() {
        String name = topics.triggers().name();
        return name.substring(0, name.length() - "triggers".length());
    }

    static TriggerCommand trigger(int i, String stackUrl, String secret) {
        String job = "job-" + i;
        var batches = List.of(
                new BatchOutcome("batch_" + i + "_a", BatchStatus.COMPLETED, null, "file-" + i, null),
                new BatchOutcome("batch_" + i + "_b", i % 3 == 0 ? BatchStatus.FAILED : BatchStatus.COMPLETED, null, null, null));
        return TriggerCommand.of(job, "job number " + i, 1, TriggerTarget.keboola(stackUrl, "keboola.ex-generic-v2", "cfg-1", secret),
                batches, Instant.parse("2026-01-01T00:00:00Z"));
    }

    private Properties producerProps() {
        var props = clientProps();
        props.put("acks", "all");
        props.put("enable.idempotence", "false");
        props.put("max.in.flight.requests.per.connection", "1");
        return props;
    }

    void send(List<TriggerCommand> triggers) {
        try (var producer = new KafkaProducer<>(producerProps(), new StringSerializer(), new ByteArraySerializer())) {
            for (TriggerCommand t : triggers) {
                producer.send(new ProducerRecord<>(topics.triggers().name(), t.jobId(),
                        topics.triggers().valueSerde().serializer().serialize(topics.triggers().name(), t)));
            }
        }
    }

    void sendRaw(String key, byte[] value) {
        try (var producer = new KafkaProducer<>(producerProps(), new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topics.triggers().name(), key, value));
        }
    }

    /** Every committed record of a topic, raw, read until {@code expected} are there or the timeout passes. */
    List<ConsumerRecord<byte[], byte[]>> readCommitted(String topic, int expected, Duration timeout) {
        var props = clientProps();
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID());
        List<ConsumerRecord<byte[], byte[]>> all = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long end = System.nanoTime() + timeout.toNanos();
            while (all.size() < expected && System.nanoTime() < end) {
                consumer.poll(Duration.ofMillis(200)).forEach(all::add);
            }
            // one more short poll, so a duplicate beyond the expected count is seen too
            consumer.poll(Duration.ofMillis(500)).forEach(all::add);
        }
        return all;
    }

    List<TriggerResult> results(int expected, Duration timeout) {
        var serde = topics.triggerResults().valueSerde().deserializer();
        return readCommitted(topics.triggerResults().name(), expected, timeout).stream()
                .map(r -> serde.deserialize(r.topic(), r.value())).toList();
    }

    /** A secret source holding fixed tokens, as the topic source would after decrypting them. */
    static SecretSource secrets(Map<String, String> values) {
        return name -> Optional.ofNullable(values.get(name)).map(v -> new Secret(name, SecretType.KEBOOLA, null, v));
    }
}
