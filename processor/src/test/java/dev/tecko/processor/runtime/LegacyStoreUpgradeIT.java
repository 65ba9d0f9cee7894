package dev.tecko.processor.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tecko.embedded.EmbeddedKafka;
import dev.tecko.embedded.KafkaBrokerExtension;
import dev.tecko.platform.config.TeckoConfig;
import dev.tecko.processor.state.LegacyJobState;
import dev.tecko.processor.state.LegacyWriter;
import dev.tecko.processor.topology.ProcessorSettings;
import dev.tecko.schemas.BatchObservation;
import dev.tecko.schemas.BatchSnapshot;
import dev.tecko.schemas.BatchStatus;
import dev.tecko.schemas.JobEvent;
import dev.tecko.schemas.JobSnapshot;
import dev.tecko.schemas.JobStatus;
import dev.tecko.schemas.RequestCounts;
import dev.tecko.schemas.TriggerCommand;
import dev.tecko.schemas.TriggerPolicy;
import dev.tecko.schemas.TriggerTarget;
import dev.tecko.schemas.json.JsonSerde;
import dev.tecko.schemas.topics.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * An upgrade in place: the job store's changelog holds what processors before the per-batch layout wrote (a job in
 * format {@code 0x01} and one in JSON, batches inline). The new processor restores it, serves both jobs as they were,
 * and carries on with them: an observation completes each, their triggers name every batch, their events continue the
 * old sequence.
 */
@ExtendWith(KafkaBrokerExtension.class)
class LegacyStoreUpgradeIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final TriggerTarget TARGET = TriggerTarget.keboola("https://connection.keboola.com", "kds-team.app", "1", "kbc");
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    @DisplayName("given a changelog written before the per-batch layout, when the new processor restores it, then its jobs read "
            + "as they were and go on to trigger with every batch")
    void restoresAndCarriesOnWithJobsStoredInTheOldLayouts(EmbeddedKafka kafka, @TempDir Path stateDir) {
        String bootstrap = kafka.bootstrapServers();
        var topics = new Topics("u" + UUID.randomUUID().toString().substring(0, 8) + ".");
        BrokerClients.createTopics(bootstrap, topics, 2);
        String applicationId = "upgrade-" + UUID.randomUUID();
        String changelog = applicationId + "-" + ProcessorSettings.STORE_NAME + "-changelog";
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(changelog, 2, (short) 1)
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)))).all().get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        // as the old processor wrote them: the Java client's partitioner, as Kafka Streams' own changelog writes
        try (var old = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new StringSerializer(), new ByteArraySerializer())) {
            old.send(new ProducerRecord<>(changelog, "job-1", LegacyWriter.write(legacy("job-1"))));
            old.send(new ProducerRecord<>(changelog, "job-2", new JsonSerde<>(LegacyJobState.class).toBytes(legacy("job-2"))));
            old.flush();
        }
        var config = TeckoConfig.of(Map.of(
                TeckoConfig.TOPIC_PREFIX, topics.jobCommands().name().replace("job-commands", ""),
                TeckoConfig.BOOTSTRAP_SERVERS, bootstrap,
                RuntimeSettings.APPLICATION_ID, applicationId,
                RuntimeSettings.STATE_DIR, stateDir.toString(),
                RuntimeSettings.COMMIT_INTERVAL_MS, "100"));

        try (var runtime = new ProcessorRuntime(config).start();
             var observations = BrokerClients.producer(bootstrap, topics.batchStatus());
             var triggerReader = BrokerClients.committedReader(bootstrap, topics.triggers());
             var eventReader = BrokerClients.committedReader(bootstrap, topics.jobEvents())) {
            await().atMost(WAIT).until(() -> runtime.isRunning() && runtime.queries().get("job-2").isPresent());
            for (String jobId : List.of("job-1", "job-2")) {
                JobSnapshot restored = runtime.queries().get(jobId).orElseThrow();
                assertThat(restored.status()).isEqualTo(JobStatus.ACTIVE);
                assertThat(restored.version()).isEqualTo(2);
                assertThat(restored.batches()).extracting(BatchSnapshot::batchId).containsExactly("b9", "b1", "b5");
                assertThat(restored.batches()).extracting(BatchSnapshot::status)
                        .containsExactly(BatchStatus.COMPLETED, BatchStatus.PENDING, BatchStatus.FAILED);
            }

            for (String jobId : List.of("job-1", "job-2")) {
                observations.send(new ProducerRecord<>(topics.batchStatus().name(), jobId,
                        BatchObservation.polled(jobId, "b1", BatchStatus.COMPLETED, new RequestCounts(5, 5, 0), T0.plusSeconds(60))));
            }
            observations.flush();

            List<TriggerCommand> triggers = new ArrayList<>();
            await().atMost(WAIT).until(() -> {
                BrokerClients.poll(triggerReader).forEach(r -> triggers.add(r.value()));
                return triggers.size() == 2;
            });
            assertThat(triggers).allSatisfy(t -> {
                assertThat(t.triggerId()).endsWith(":1");
                assertThat(t.variables()).containsEntry("batch_ids_completed", "[\"b9\", \"b1\"]")
                        .containsEntry("batch_ids_failed", "[\"b5\"]");
            });
            List<JobEvent> events = new ArrayList<>();
            await().atMost(WAIT).until(() -> {
                BrokerClients.poll(eventReader).forEach(r -> events.add(r.value()));
                return events.size() == 4;
            });
            assertThat(events).extracting(e -> e.jobId() + "#" + e.sequence())
                    .containsExactlyInAnyOrder("job-1#8", "job-1#9", "job-2#8", "job-2#9");
            await().atMost(WAIT).until(() -> runtime.queries().get("job-1").map(JobSnapshot::status).orElse(null) == JobStatus.TRIGGERING
                    && runtime.queries().get("job-2").map(JobSnapshot::status).orElse(null) == JobStatus.TRIGGERING);
            assertThat(runtime.queries().get("job-1").orElseThrow().batches()).extracting(BatchSnapshot::batchId)
                    .containsExactly("b9", "b1", "b5");
        }
    }

    /** An active job of three batches, not in id order, one still pending: seven events so far, version 2. */
    private static LegacyJobState legacy(String jobId) {
        var failed = new BatchSnapshot("b5", BatchStatus.FAILED, RequestCounts.NONE, null, null, List.of(), T0.plusSeconds(20), null);
        var done = new BatchSnapshot("b9", BatchStatus.COMPLETED, new RequestCounts(3, 3, 0), "file-out", null, List.of(),
                T0.plusSeconds(10), null);
        return new LegacyJobState(jobId, "nightly", JobStatus.ACTIVE, 1, List.of(done, BatchSnapshot.pending("b1"), failed), "openai",
                TARGET, 60, null, null, TriggerPolicy.ALWAYS, null, null, T0, T0.plusSeconds(20), null, 2, 7);
    }
}
