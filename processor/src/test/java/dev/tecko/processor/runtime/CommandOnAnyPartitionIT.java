package dev.tecko.processor.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tecko.embedded.EmbeddedKafka;
import dev.tecko.embedded.KafkaBrokerExtension;
import dev.tecko.platform.config.TeckoConfig;
import dev.tecko.schemas.BatchObservation;
import dev.tecko.schemas.BatchStatus;
import dev.tecko.schemas.JobCommand;
import dev.tecko.schemas.JobSpec;
import dev.tecko.schemas.RequestCounts;
import dev.tecko.schemas.TriggerCommand;
import dev.tecko.schemas.TriggerTarget;
import dev.tecko.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Other teams write {@code job-commands} with any client: kcat (librdkafka) hashes keys with crc32, not the Java client's
 * murmur2, so a create can land on another partition than the job's observations. The processor repartitions commands
 * by job id, so the job and its observations still meet.
 */
@ExtendWith(KafkaBrokerExtension.class)
class CommandOnAnyPartitionIT {
    private static final int PARTITIONS = 6;
    private static final TriggerTarget TARGET = TriggerTarget.keboola("https://connection.keboola.com", "kds-team.app", "1", "kbc");

    @Test
    @DisplayName("given a create written on another partition than murmur2 chooses, when its batches finish, then the job triggers")
    void aCommandOnTheWrongPartitionStillMeetsItsObservations(EmbeddedKafka kafka, @TempDir Path stateDir) throws Exception {
        String bootstrap = kafka.bootstrapServers();
        var topics = new Topics("p" + UUID.randomUUID().toString().substring(0, 8) + ".");
        BrokerClients.createTopics(bootstrap, topics, PARTITIONS);
        var config = TeckoConfig.of(Map.of(
                TeckoConfig.TOPIC_PREFIX, topics.jobCommands().name().replace("job-commands", ""),
                TeckoConfig.BOOTSTRAP_SERVERS, bootstrap,
                RuntimeSettings.APPLICATION_ID, "any-partition-" + UUID.randomUUID(),
                RuntimeSettings.STATE_DIR, stateDir.toString(),
                RuntimeSettings.COMMIT_INTERVAL_MS, "100"));
        String jobId = "job-from-kcat";
        int murmur2 = Utils.toPositive(Utils.murmur2(jobId.getBytes(StandardCharsets.UTF_8))) % PARTITIONS;
        int elsewhere = (murmur2 + 1) % PARTITIONS;
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");

        try (var commands = BrokerClients.producer(bootstrap, topics.jobCommands());
             var observations = BrokerClients.producer(bootstrap, topics.batchStatus());
             var triggerReader = BrokerClients.committedReader(bootstrap, topics.triggers());
             var runtime = new ProcessorRuntime(config).start()) {
            await().atMost(Duration.ofSeconds(60)).until(runtime::isRunning);

            commands.send(new ProducerRecord<>(topics.jobCommands().name(), elsewhere, jobId,
                    JobCommand.create("c1", jobId, JobSpec.of("from kcat", List.of("b1"), "openai", TARGET), t0))).get();
            await().atMost(Duration.ofSeconds(60)).until(() -> runtime.queries().get(jobId).isPresent());
            // the poller publishes with the Java client's partitioner
            observations.send(new ProducerRecord<>(topics.batchStatus().name(), jobId,
                    BatchObservation.polled(jobId, "b1", BatchStatus.COMPLETED, new RequestCounts(1, 1, 0), t0.plusSeconds(1)))).get();

            List<TriggerCommand> triggers = new ArrayList<>();
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                BrokerClients.poll(triggerReader).forEach(r -> triggers.add(r.value()));
                return !triggers.isEmpty();
            });
            assertThat(triggers).singleElement().satisfies(t -> assertThat(t.triggerId()).isEqualTo(jobId + ":1"));
        }
    }
}
