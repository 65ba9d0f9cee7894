package dev.tecko.processor.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tecko.embedded.EmbeddedKafka;
import dev.tecko.embedded.KafkaBrokerExtension;
import dev.tecko.platform.config.TeckoConfig;
import dev.tecko.processor.metrics.ProcessorMetrics;
import dev.tecko.processor.query.JobOwner;
import dev.tecko.schemas.BatchObservation;
import dev.tecko.schemas.BatchStatus;
import dev.tecko.schemas.EventType;
import dev.tecko.schemas.JobCommand;
import dev.tecko.schemas.JobEvent;
import dev.tecko.schemas.JobSnapshot;
import dev.tecko.schemas.JobSpec;
import dev.tecko.schemas.JobStatus;
import dev.tecko.schemas.RequestCounts;
import dev.tecko.schemas.TriggerCommand;
import dev.tecko.schemas.TriggerOutcome;
import dev.tecko.schemas.TriggerResult;
import dev.tecko.schemas.TriggerTarget;
import dev.tecko.schemas.topics.DlqHeaders;
import dev.tecko.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The whole pipeline on a real broker: exactly-once, RocksDB, native DLQ, interactive queries, restart from state. */
@ExtendWith(KafkaBrokerExtension.class)
class ProcessorPipelineIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final TriggerTarget TARGET = TriggerTarget.keboola("https://connection.keboola.com", "kds-team.app", "1", "kbc");

    @Test
    @DisplayName("given a running processor, when a job's batches finish, then one committed trigger; a result completes it; bad input goes to the DLQ")
    void pipeline(EmbeddedKafka kafka, @TempDir Path stateDir) throws Exception {
        String bootstrap = kafka.bootstrapServers();
        var topics = new Topics("t" + UUID.randomUUID().toString().substring(0, 8) + ".");
        BrokerClients.createTopics(bootstrap, topics, 2);
        var config = TeckoConfig.of(Map.of(
                TeckoConfig.TOPIC_PREFIX, topics.jobCommands().name().replace("job-commands", ""),
                TeckoConfig.BOOTSTRAP_SERVERS, bootstrap,
                RuntimeSettings.APPLICATION_ID, "pipeline-" + UUID.randomUUID(),
                RuntimeSettings.STATE_DIR, stateDir.toString(),
                RuntimeSettings.COMMIT_INTERVAL_MS, "100",
                RuntimeSettings.APPLICATION_SERVER, "localhost:7070"));
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");

        try (var commands = BrokerClients.producer(bootstrap, topics.jobCommands());
             var observations = BrokerClients.producer(bootstrap, topics.batchStatus());
             var results = BrokerClients.producer(bootstrap, topics.triggerResults());
             var raw = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                     new StringSerializer(), new ByteArraySerializer());
             var triggerReader = BrokerClients.committedReader(bootstrap, topics.triggers());
             var eventReader = BrokerClients.committedReader(bootstrap, topics.jobEvents());
             var dlqReader = BrokerClients.committedReader(bootstrap, topics.dlq())) {

            var runtime = new ProcessorRuntime(config).start();
            assertThat(runtime.settings().topics().jobCommands().name()).isEqualTo(topics.jobCommands().name());
            await().atMost(WAIT).until(runtime::isRunning);

            commands.send(new ProducerRecord<>(topics.jobCommands().name(), "job-1",
                    JobCommand.create("c1", "job-1", JobSpec.of("nightly", List.of("b1", "b2"), "openai", TARGET), t0)));
            commands.flush();
            // as the poller does: observations only for a job it has seen (commands take one more hop, their repartition)
            await().atMost(WAIT).until(() -> runtime.queries().get("job-1").isPresent());
            observations.send(new ProducerRecord<>(topics.batchStatus().name(), "job-1",
                    BatchObservation.polled("job-1", "b1", BatchStatus.COMPLETED, new RequestCounts(5, 5, 0), t0.plusSeconds(1))));
            observations.send(new ProducerRecord<>(topics.batchStatus().name(), "job-1",
                    BatchObservation.polled("job-1", "b2", BatchStatus.FAILED, new RequestCounts(5, 0, 5), t0.plusSeconds(2))));
            observations.send(new ProducerRecord<>(topics.batchStatus().name(), "ghost",
                    BatchObservation.polled("ghost", "b1", BatchStatus.COMPLETED, RequestCounts.NONE, t0)));
            commands.flush();
            observations.flush();
            raw.flush();

            List<TriggerCommand> triggers = new ArrayList<>();
            await().atMost(WAIT).until(() -> {
                BrokerClients.poll(triggerReader).forEach(r -> triggers.add(r.value()));
                return !triggers.isEmpty();
            });
            assertThat(triggers).singleElement().satisfies(t -> {
                assertThat(t.triggerId()).isEqualTo("job-1:1");
                assertThat(t.variables()).containsEntry("batch_ids_completed", "[\"b1\"]").containsEntry("batch_ids_failed", "[\"b2\"]");
            });

            // bad input of both kinds: an unreadable observation (deserialization handler) and an invalid command (processing handler)
            raw.send(new ProducerRecord<>(topics.batchStatus().name(), "job-1", "{broken".getBytes(StandardCharsets.UTF_8)));
            raw.send(new ProducerRecord<>(topics.jobCommands().name(), "job-1", "{}".getBytes(StandardCharsets.UTF_8)));
            // and an unreadable search result: batch-discovery is subscribed to like every other input
            raw.send(new ProducerRecord<>(topics.batchDiscovery().name(), "job-1", "{broken-discovery".getBytes(StandardCharsets.UTF_8)));
            raw.flush();

            List<ConsumerRecord<byte[], byte[]>> dlq = new ArrayList<>();
            await().atMost(WAIT).until(() -> {
                dlq.addAll(BrokerClients.poll(dlqReader));
                return dlq.size() >= 3;
            });
            assertThat(dlq).extracting(r -> DlqHeaders.read(r.headers(), DlqHeaders.TOPIC))
                    .containsExactlyInAnyOrder(topics.batchStatus().name(), topics.jobCommands().name(), topics.batchDiscovery().name());
            assertThat(dlq).extracting(r -> DlqHeaders.read(r.headers(), DlqHeaders.MESSAGE))
                    .anySatisfy(m -> assertThat(m).startsWith("invalid BatchObservation: not JSON"))
                    .anySatisfy(m -> assertThat(m).startsWith("invalid BatchDiscovery: not JSON"))
                    .anySatisfy(m -> assertThat(m).startsWith("invalid JobCommand"));
            assertThat(dlq).extracting(r -> new String(r.value(), StandardCharsets.UTF_8)).contains("{broken", "{}", "{broken-discovery");

            await().atMost(WAIT).until(() -> runtime.queries().get("job-1").map(JobSnapshot::status).orElse(null) == JobStatus.TRIGGERING);
            assertThat(runtime.queries().all()).extracting(JobSnapshot::jobId).containsExactly("job-1");
            JobOwner owner = runtime.queries().ownerOf("job-1");
            assertThat(owner.local()).isTrue();
            assertThat(owner.host()).hasValueSatisfying(h -> assertThat(h.port()).isEqualTo(7070));
            assertThat(runtime.registry().find(ProcessorMetrics.OBSERVATIONS).tag("outcome", "unknown_job").counter().count()).isEqualTo(1.0);
            runtime.close();
            assertThat(runtime.state()).isEqualTo(KafkaStreams.State.NOT_RUNNING);

            // a restarted processor continues from its stored state
            try (var restarted = new ProcessorRuntime(config).start()) {
                results.send(new ProducerRecord<>(topics.triggerResults().name(), "job-1", new TriggerResult(1, "job-1:1", "job-1", 1,
                        TriggerOutcome.OK, "kbc-7", null, null, null, 201, 1, null, t0.plusSeconds(9))));
                results.flush();
                await().atMost(WAIT).until(() -> restarted.isRunning()
                        && restarted.queries().get("job-1").map(JobSnapshot::status).orElse(null) == JobStatus.COMPLETED_WITH_FAILURES);
            }
            List<JobEvent> events = new ArrayList<>();
            await().atMost(WAIT).until(() -> {
                BrokerClients.poll(eventReader).forEach(r -> events.add(r.value()));
                return events.stream().anyMatch(e -> e.type() == EventType.TRIGGERED);
            });
            assertThat(events).filteredOn(e -> e.jobId().equals("job-1")).extracting(JobEvent::type).containsExactly(
                    EventType.CREATED, EventType.BATCH_CHANGED, EventType.BATCH_CHANGED, EventType.TRIGGER_REQUESTED,
                    EventType.COMMAND_REJECTED, EventType.TRIGGERED);
        }
        assertThat(Files.exists(stateDir)).isTrue();
    }
}
