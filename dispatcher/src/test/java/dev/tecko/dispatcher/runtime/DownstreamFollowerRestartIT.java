package dev.tecko.dispatcher.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tecko.embedded.EmbeddedKafka;
import dev.tecko.embedded.KafkaBrokerExtension;
import dev.tecko.embedded.keboola.JobLifecycle;
import dev.tecko.embedded.keboola.SandboxKeboola;
import dev.tecko.embedded.openai.MutableClock;
import dev.tecko.schemas.BatchSnapshot;
import dev.tecko.schemas.DownstreamObservation;
import dev.tecko.schemas.DownstreamStatus;
import dev.tecko.schemas.JobSnapshot;
import dev.tecko.schemas.JobStatus;
import dev.tecko.schemas.TriggerOutcome;
import dev.tecko.schemas.TriggerSummary;
import dev.tecko.schemas.TriggerTarget;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Following survives a crash: a dispatcher follows a Keboola job (read from {@code job-status}, as the processor would
 * have published it) and reports it processing; it is killed as a crash would kill it; a new dispatcher of the same group
 * takes the partition, reads the job again from the compacted topic and reports the Keboola job's end. What is published
 * only ever moves forward, whatever was published before the crash.
 */
@ExtendWith(KafkaBrokerExtension.class)
class DownstreamFollowerRestartIT {
    private static final String TOKEN = "kbc-follow-" + UUID.randomUUID();
    private static final Map<String, String> FAST = Map.of("TECKO_DISPATCHER_METRICS_PORT", "-1",
            "TECKO_DISPATCHER_FOLLOW_MIN_INTERVAL_MILLIS", "100", "TECKO_DISPATCHER_FOLLOW_MAX_INTERVAL_MILLIS", "300");

    @Test
    void givenAFollowedKeboolaJobWhenTheDispatcherIsKilledAndAnotherStartsThenTheJobsEndIsStillReported(EmbeddedKafka kafka)
            throws Exception {
        var fixture = new DispatcherFixture(kafka, 2);
        var clock = new MutableClock(Instant.now());
        try (SandboxKeboola keboola = SandboxKeboola.start(clock, TOKEN)) {
            // processing for a minute of the sandbox's clock, which the test moves (and with it the followers' schedule)
            keboola.lifecycle(new JobLifecycle(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(60)));
            String keboolaJobId = createKeboolaJob(keboola);
            publishDeliveredJob(fixture, keboola.url(), keboolaJobId);

            var first = new DispatcherRuntime(fixture.config("first", FAST), null, DispatcherFixture.secrets(Map.of("kbc", TOKEN)),
                    clock).start();
            clock.advance(Duration.ofMillis(1_200));
            Awaitility.await("the first dispatcher to report it processing").atMost(Duration.ofSeconds(60)).until(() -> {
                clock.advance(Duration.ofMillis(300));
                return statuses(fixture, 1).contains(DownstreamStatus.PROCESSING);
            });
            first.kill();

            clock.advance(Duration.ofSeconds(120));
            try (var second = new DispatcherRuntime(fixture.config("second", FAST), null,
                    DispatcherFixture.secrets(Map.of("kbc", TOKEN)), clock).start()) {
                Awaitility.await("the second dispatcher to report its end").atMost(Duration.ofSeconds(60)).until(() -> {
                    clock.advance(Duration.ofMillis(300));
                    return statuses(fixture, 2).contains(DownstreamStatus.SUCCESS);
                });
            }
            List<DownstreamStatus> published = statuses(fixture, 2);
            assertThat(published).as("each report further along than the last known to its writer").isSortedAccordingTo(
                    java.util.Comparator.comparingInt(DownstreamStatus::rank));
            assertThat(published).endsWith(DownstreamStatus.SUCCESS);
        }
    }

    private static String createKeboolaJob(SandboxKeboola keboola) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(keboola.url() + "/jobs")).header("X-StorageApi-Token", TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString("{\"mode\":\"run\",\"component\":\"comp\",\"config\":\"cfg\"}")).build();
        var answer = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        return dev.tecko.schemas.json.Json.mapper().readTree(answer.body()).path("id").asText();
    }

    /** The job as the processor publishes it once its trigger was delivered: Keboola job known, its end not yet. */
    private static void publishDeliveredJob(DispatcherFixture fixture, String stackUrl, String keboolaJobId) throws Exception {
        Instant t = Instant.now();
        var trigger = new TriggerSummary("job-f:1", 1, t, TriggerOutcome.OK, keboolaJobId, null, null, t);
        var job = new JobSnapshot(1, "job-f", "followed", JobStatus.COMPLETED, 1, List.of(BatchSnapshot.pending("b1")), null, "openai",
                TriggerTarget.keboola(stackUrl, "comp", "cfg", "kbc"), 60, null, null, null, null, trigger, t, t, t, 3);
        var topic = fixture.topics.jobStatus();
        try (var producer = new KafkaProducer<>(fixture.clientProps(), topic.keySerde().serializer(), topic.valueSerde().serializer())) {
            producer.send(new ProducerRecord<>(topic.name(), job.jobId(), job)).get();
        }
    }

    private static List<DownstreamStatus> statuses(DispatcherFixture fixture, int expected) {
        var serde = fixture.topics.downstreamStatus().valueSerde().deserializer();
        return fixture.readCommitted(fixture.topics.downstreamStatus().name(), expected, Duration.ofSeconds(1)).stream()
                .map(r -> serde.deserialize(r.topic(), r.value())).map(DownstreamObservation::status).toList();
    }
}
