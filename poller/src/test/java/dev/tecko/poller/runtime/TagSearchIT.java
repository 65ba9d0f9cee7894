package dev.tecko.poller.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tecko.embedded.EmbeddedKafka;
import dev.tecko.embedded.KafkaBrokerExtension;
import dev.tecko.embedded.openai.BatchPlan;
import dev.tecko.embedded.openai.SandboxOpenAi;
import dev.tecko.platform.kafka.TopicAdmin;
import dev.tecko.schemas.BatchDiscovery;
import dev.tecko.schemas.BatchObservation;
import dev.tecko.schemas.BatchSearch;
import dev.tecko.schemas.BatchSnapshot;
import dev.tecko.schemas.BatchTag;
import dev.tecko.schemas.JobSnapshot;
import dev.tecko.schemas.JobStatus;
import dev.tecko.schemas.TriggerTarget;
import dev.tecko.schemas.topics.Topic;
import dev.tecko.schemas.topics.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A tagged job on job-status, its batches in the sandbox OpenAI, and the poller's discoveries on batch-discovery, in real time. */
@ExtendWith(KafkaBrokerExtension.class)
class TagSearchIT {
    private static final String API_KEY = "sk-it-tag-key-never-logged";
    private static final BatchTag TAG = new BatchTag("run", "nightly-it");
    private static final String JOB = "job-tagged";

    private final EmbeddedKafka kafka;
    private final Topics topics = new Topics("g" + UUID.randomUUID().toString().substring(0, 8) + ".");
    private final SandboxOpenAi sandbox = SandboxOpenAi.start(API_KEY);
    @TempDir
    Path dir;

    TagSearchIT(EmbeddedKafka kafka) {
        this.kafka = kafka;
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            new TopicAdmin(admin).createAll(topics, 2, (short) 1);
        }
    }

    @AfterEach
    void close() {
        sandbox.close();
    }

    private void tagged(String... ids) {
        for (String id : ids) {
            sandbox.createBatch(id, BatchPlan.completesAfter(Duration.ofSeconds(30), 10), Map.of(TAG.key(), TAG.value()));
        }
    }

    private static JobSnapshot job(Instant createdAt, BatchSearch search, List<String> held, long version) {
        return new JobSnapshot(1, JOB, "tagged", JobStatus.ACTIVE, 1, held.stream().map(BatchSnapshot::pending).toList(), null,
                SandboxPollerConfig.SECRET, TriggerTarget.keboola("https://connection.keboola.com", "kds-team.app", "123", "kbc"), 10,
                null, null, null, null, null, createdAt, Instant.now(), null, version, null, null, null, null, null, null, search);
    }

    private void publish(JobSnapshot snapshot) throws Exception {
        try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", kafka.bootstrapServers()),
                new StringSerializer(), topics.jobStatus().valueSerde().serializer())) {
            producer.send(new ProducerRecord<>(topics.jobStatus().name(), snapshot.jobId(), snapshot)).get();
        }
    }

    private <V> KafkaConsumer<String, V> reader(Topic<String, V> topic) {
        var props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        var consumer = new KafkaConsumer<>(props, new StringDeserializer(), topic.valueSerde().deserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer;
    }

    @Test
    @DisplayName("given a tagged job on job-status and tagged batches in the sandbox when the poller runs then batch-discovery names them with a listedUpTo; a seal gets a prompt discovery past the seal time; the added batches are polled at once")
    void discoversAndSeals() throws Exception {
        Instant created = Instant.now().minusSeconds(60);
        tagged("batch_t1", "batch_t2");
        sandbox.createBatch("batch_plain", BatchPlan.completesAfter(Duration.ofSeconds(30), 10));
        sandbox.createBatch("batch_other", BatchPlan.completesAfter(Duration.ofSeconds(30), 10), Map.of(TAG.key(), "nightly-other"));
        BatchSearch open = BatchSearch.open(TAG, created, null, null);
        publish(job(created, open, List.of(), 1));
        var config = SandboxPollerConfig.of(kafka, topics, dir, sandbox.baseUrl(), API_KEY, Map.of(
                PollerSettings.MIN_INTERVAL_SECONDS, "1",
                PollerSettings.TAG_LIST_LAG_SECONDS, "1",
                PollerSettings.TAG_SEALING_MILLIS, "200"));
        List<ConsumerRecord<String, BatchDiscovery>> discoveries = new ArrayList<>();

        try (var poller = new PollerRuntime(config).start(); var consumer = reader(topics.batchDiscovery());
             var observations = reader(topics.batchStatus())) {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10)).until(() -> {
                consumer.poll(Duration.ofMillis(100)).forEach(discoveries::add);
                return !discoveries.isEmpty();
            });
            ConsumerRecord<String, BatchDiscovery> first = discoveries.get(0);
            assertThat(first.key()).isEqualTo(JOB);
            assertThat(first.value().batchIds()).containsExactlyInAnyOrder("batch_t1", "batch_t2");
            assertThat(first.value().listedUpTo()).isAfter(created).isBefore(Instant.now());
            assertThat(first.value().jobCreatedAt()).isEqualTo(created);
            assertThat(first.value().tag()).isEqualTo(TAG);

            // the processor added them and a seal command came; one more tagged batch was created just before it
            tagged("batch_t3");
            Instant sealRequested = Instant.now();
            BatchSearch sealing = open.withListedUpTo(first.value().listedUpTo()).withSealRequestedAt(sealRequested);
            publish(job(created, sealing, List.of("batch_t1", "batch_t2"), 2));

            // the batches the snapshot gained are polled on the next turn (the job's first turn would be up to 0.5 s anyway,
            // so this shows they are not lost; PollScheduleGainedBatchesTest shows the timing)
            List<BatchObservation> seen = new ArrayList<>();
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10)).until(() -> {
                observations.poll(Duration.ofMillis(50)).forEach(r -> seen.add(r.value()));
                return seen.stream().map(BatchObservation::batchId).toList().containsAll(List.of("batch_t1", "batch_t2"));
            });
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10)).until(() -> {
                consumer.poll(Duration.ofMillis(100)).forEach(discoveries::add);
                return discoveries.stream().anyMatch(r -> r.value().listedUpTo() != null && !r.value().listedUpTo().isBefore(sealRequested));
            });
            Instant covered = Instant.now();
            List<BatchDiscovery> values = discoveries.stream().map(ConsumerRecord::value).toList();
            BatchDiscovery sealingOne = values.stream()
                    .filter(d -> d.listedUpTo() != null && !d.listedUpTo().isBefore(sealRequested)).findFirst().orElseThrow();
            assertThat(values.subList(0, values.indexOf(sealingOne) + 1).stream().flatMap(d -> d.batchIds().stream()))
                    .as("the batch created before the seal is reported no later than the discovery covering the seal time")
                    .contains("batch_t3").doesNotContain("batch_plain", "batch_other");
            assertThat(Duration.between(sealRequested, covered)).as("prompt: margin 1 s + sealing pace 0.2 s").isLessThan(Duration.ofSeconds(5));
            System.out.printf("TagSearchIT: seal requested -> covering discovery read in %d ms%n",
                    Duration.between(sealRequested, covered).toMillis());
        }
    }
}
