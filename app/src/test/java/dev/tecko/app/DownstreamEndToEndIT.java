package dev.tecko.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tecko.app.sandbox.Sandbox;
import dev.tecko.embedded.EmbeddedKafka;
import dev.tecko.embedded.KafkaBrokerExtension;
import dev.tecko.embedded.openai.BatchPlan;
import dev.tecko.platform.config.TeckoConfig;
import dev.tecko.schemas.DownstreamStatus;
import dev.tecko.schemas.EventType;
import dev.tecko.schemas.JobCommand;
import dev.tecko.schemas.JobEvent;
import dev.tecko.schemas.JobSnapshot;
import dev.tecko.schemas.JobSpec;
import dev.tecko.schemas.JobStatus;
import dev.tecko.schemas.TriggerTarget;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The work followed to its real end, through the whole system on the embedded broker and the sandbox services: a job's
 * trigger creates a Keboola job, the dispatcher follows it with {@code GET /jobs/{id}}, the processor records its outcome.
 * The sandbox ends the first Keboola job of the job's configuration in {@code error}; with {@code downstreamRetries: 1} the
 * job retriggers exactly once and its second Keboola job succeeds.
 */
@ExtendWith(KafkaBrokerExtension.class)
class DownstreamEndToEndIT {
    private static final String CONFIG = "follow-test";

    @Test
    void givenAKeboolaJobThatEndsInErrorAndOneRetryWhenFollowedThenTheJobRetriggersOnceAndEndsWithTheSecondKeboolaJobsSuccess(
            EmbeddedKafka kafka, @TempDir Path dataDir) throws Exception {
        var config = IsolatedSystem.config(kafka, Map.of("TECKO_DISPATCHER_FOLLOW_MIN_INTERVAL_MILLIS", "200",
                "TECKO_DISPATCHER_FOLLOW_MAX_INTERVAL_MILLIS", "1000"));
        try (var system = LocalSystem.start(config, dataDir, true, null)) {
            Sandbox sandbox = system.sandbox().orElseThrow();
            sandbox.keboola().endNextJobs(CONFIG, "error", 1);
            String batchId = "batch_follow_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
            sandbox.openAi().createBatch(batchId, BatchPlan.completesAfter(Duration.ofSeconds(2), 10));
            String jobId = "follow-" + UUID.randomUUID().toString().substring(0, 8);
            var target = TriggerTarget.keboola(sandbox.keboola().url(), Sandbox.COMPONENT, CONFIG, Sandbox.KEBOOLA_SECRET);
            var spec = new JobSpec("follow test", List.of(batchId), Sandbox.OPENAI_SECRET, target, JobSpec.MIN_POLL_INTERVAL_SECONDS,
                    null, null, null, null, null, null, 1);
            IsolatedSystem.send(config, JobCommand.create(UUID.randomUUID().toString(), jobId, spec, Instant.now()));

            await("the second Keboola job to succeed").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300)).ignoreExceptions()
                    .until(() -> system.processor().queries().get(jobId)
                            .map(s -> s.generation() == 2 && s.downstream() != null && s.downstream().status() == DownstreamStatus.SUCCESS)
                            .orElse(false));
            JobSnapshot job = system.processor().queries().get(jobId).orElseThrow();
            assertThat(job.status()).isEqualTo(JobStatus.COMPLETED);
            assertThat(job.downstreamRetriesUsed()).isEqualTo(1);
            assertThat(job.downstream().startedAt()).isNotNull();
            assertThat(job.downstream().finishedAt()).isNotNull();
            assertThat(job.downstream().keboolaJobId()).isEqualTo(job.lastTrigger().keboolaJobId());
            // the job's link opens a page a person reads (Keboola's UI address; the sandbox serves its own)
            var page = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(job.lastTrigger().keboolaJobUrl())).GET().build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(job.lastTrigger().keboolaJobUrl()).contains("/admin/projects/");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("Sandbox Keboola job " + job.downstream().keboolaJobId()).contains("success");
            await("no third Keboola job").during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                    .until(() -> requests(sandbox) == 2);

            List<EventType> types = events(config, jobId).stream().map(JobEvent::type).toList();
            assertThat(types).containsSubsequence(EventType.TRIGGERED, EventType.DOWNSTREAM_STARTED, EventType.DOWNSTREAM_FAILED,
                    EventType.RETRIGGERED, EventType.TRIGGER_REQUESTED, EventType.TRIGGERED, EventType.DOWNSTREAM_STARTED,
                    EventType.DOWNSTREAM_SUCCEEDED);
            assertThat(types.stream().filter(t -> t == EventType.RETRIGGERED).count()).isEqualTo(1);
            assertThat(types.stream().filter(t -> t == EventType.DOWNSTREAM_FAILED).count()).as("the error counted once").isEqualTo(1);
        }
    }

    private static long requests(Sandbox sandbox) {
        return sandbox.keboola().received().stream().filter(r -> CONFIG.equals(r.config())).count();
    }

    private static List<JobEvent> events(TeckoConfig config, String jobId) {
        var props = new Properties();
        props.putAll(config.kafka());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        var topic = config.topics().jobEvents();
        var events = new java.util.ArrayList<JobEvent>();
        try (var consumer = new KafkaConsumer<>(props, topic.keySerde().deserializer(), topic.valueSerde().deserializer())) {
            var partitions = consumer.partitionsFor(topic.name()).stream()
                    .map(p -> new org.apache.kafka.common.TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            var end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (jobId.equals(r.key())) {
                        events.add(r.value());
                    }
                });
            }
        }
        events.sort(java.util.Comparator.comparingLong(JobEvent::sequence));
        return events;
    }
}
