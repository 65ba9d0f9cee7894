package dev.tecko.dispatcher.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tecko.embedded.EmbeddedKafka;
import dev.tecko.embedded.KafkaBrokerExtension;
import dev.tecko.schemas.DeliveryProgress;
import dev.tecko.schemas.TriggerCommand;
import dev.tecko.schemas.TriggerOutcome;
import dev.tecko.schemas.TriggerResult;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * On the embedded broker: a stand-in Keboola on loopback answers 503 three times, echoing the token it was sent as an
 * unkind service might, then creates the job. {@code delivery-status} shows the delivery while it goes on, and
 * {@code trigger-results} still ends it.
 */
@ExtendWith(KafkaBrokerExtension.class)
class DeliveryProgressIT {
    private static final String TOKEN = "kbc-progress-" + UUID.randomUUID();
    private static final String JOB = "{\"id\":\"4242\",\"runId\":\"4242\",\"status\":\"created\",\"url\":\"https://queue/jobs/4242\","
            + "\"component\":\"keboola.ex-generic-v2\",\"config\":\"cfg-1\",\"createdTime\":\"2026-01-01T10:00:00+00:00\"}";

    @StartStop
    private final MockWebServer keboola = new MockWebServer();

    @Test
    @DisplayName("given Keboola answers 503 three times (echoing the token) before it creates the job, when the trigger is delivered, then delivery-status has reports with rising attempts, status 503 and a next try, no token, and trigger-results the OK result")
    void progressIsPublishedWhileTheDeliveryRetries(EmbeddedKafka kafka) throws Exception {
        var fixture = new DispatcherFixture(kafka, 2);
        for (int i = 0; i < 3; i++) {
            keboola.enqueue(new MockResponse.Builder().code(503)
                    .body("{\"error\":\"Service Unavailable (request with X-StorageApi-Token " + TOKEN + ")\"}").build());
        }
        keboola.enqueue(new MockResponse.Builder().code(201).body(JOB).build());
        TriggerCommand trigger = DispatcherFixture.trigger(1, keboola.url("/").toString(), "kbc");
        fixture.send(List.of(trigger));
        var meters = new SimpleMeterRegistry();

        try (var runtime = new DispatcherRuntime(fixture.config("progress", Map.of()), meters,
                DispatcherFixture.secrets(Map.of("kbc", TOKEN)), Clock.systemUTC()).start()) {
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> !fixture.results(1, Duration.ofSeconds(1)).isEmpty());
            // Kafka acknowledges a report after the delivery has gone on: the count catches up a moment later
            Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(meters.get("tecko.dispatcher.progress.reports").tag("outcome", "sent").counter().count()).isEqualTo(3.0));
            assertThat(meters.get("tecko.dispatcher.progress.reports").tag("outcome", "failed").counter().count()).isZero();
        }

        var topic = fixture.topics.deliveryStatus();
        List<ConsumerRecord<byte[], byte[]>> raw = fixture.readCommitted(topic.name(), 3, Duration.ofSeconds(20));
        assertThat(raw).as("delivery-status records").hasSize(3);
        assertThat(raw).allSatisfy(r -> {
            assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo(trigger.jobId());
            assertThat(new String(r.value(), StandardCharsets.UTF_8)).doesNotContain(TOKEN).contains("****");
        });
        List<DeliveryProgress> reports = raw.stream().map(r -> topic.valueSerde().deserializer().deserialize(r.topic(), r.value())).toList();
        assertThat(reports).extracting(DeliveryProgress::attempts).containsExactly(1, 2, 3);
        assertThat(reports).allSatisfy(p -> {
            assertThat(p.triggerId()).isEqualTo(trigger.triggerId());
            assertThat(p.generation()).isEqualTo(trigger.generation());
            assertThat(p.lastHttpStatus()).isEqualTo(503);
            assertThat(p.lastError()).contains("answered 503", "Service Unavailable");
            assertThat(p.nextAttemptAt()).isAfter(p.at());
            assertThat(p.breakerOpen()).isFalse();
        });

        List<TriggerResult> results = fixture.results(1, Duration.ofSeconds(3));
        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(TriggerOutcome.OK);
            assertThat(r.keboolaJobId()).isEqualTo("4242");
            assertThat(r.attempts()).isEqualTo(4);
        });
        assertThat(keboola.getRequestCount()).as("POSTs: three refused, one accepted").isEqualTo(4);
    }

    @Test
    @DisplayName("given a Keboola outage that opens the host's circuit again and again (9 s of 503s, longer than a call's timeout), when the trigger is delivered, then delivery-status says the breaker is open, the delivery waits it out without spending its budget, and exactly one job is created")
    void anOpenBreakerIsReportedAndWaitedOut(EmbeddedKafka kafka) throws Exception {
        var fixture = new DispatcherFixture(kafka, 2);
        for (int i = 0; i < 4; i++) {
            keboola.enqueue(new MockResponse.Builder().code(503)
                    .body("{\"error\":\"maintenance (token " + TOKEN + ")\"}").build());
        }
        keboola.enqueue(new MockResponse.Builder().code(201).body(JOB).build());
        TriggerCommand trigger = DispatcherFixture.trigger(1, keboola.url("/").toString(), "kbc");
        fixture.send(List.of(trigger));
        // two failures in a window of two open the circuit for 3 s; each failed probe opens it again
        var config = fixture.config("breaker", Map.of("TECKO_DISPATCHER_BREAKER_WINDOW", "2",
                "TECKO_DISPATCHER_BREAKER_FAILURE_RATE_PERCENT", "50", "TECKO_DISPATCHER_BREAKER_OPEN_SECONDS", "3"));

        try (var runtime = new DispatcherRuntime(config, new SimpleMeterRegistry(), DispatcherFixture.secrets(Map.of("kbc", TOKEN)),
                Clock.systemUTC()).start()) {
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> !fixture.results(1, Duration.ofSeconds(1)).isEmpty());
        }

        var topic = fixture.topics.deliveryStatus();
        List<ConsumerRecord<byte[], byte[]>> raw = fixture.readCommitted(topic.name(), 4, Duration.ofSeconds(20));
        assertThat(raw).allSatisfy(r -> assertThat(new String(r.value(), StandardCharsets.UTF_8)).doesNotContain(TOKEN));
        List<DeliveryProgress> reports = raw.stream().map(r -> topic.valueSerde().deserializer().deserialize(r.topic(), r.value())).toList();
        List<DeliveryProgress> open = reports.stream().filter(DeliveryProgress::breakerOpen).toList();
        assertThat(open).as("the open circuit is told, once per open period, not on every 200 ms wait").isNotEmpty().hasSizeLessThanOrEqualTo(3);
        assertThat(open).allSatisfy(p -> {
            assertThat(p.lastHttpStatus()).as("what the outage answered last").isEqualTo(503);
            assertThat(p.nextAttemptAt() == null || p.nextAttemptAt().isAfter(p.at())).as("the probe is ahead, if known").isTrue();
        });
        assertThat(reports).extracting(DeliveryProgress::at).isSorted();
        assertThat(fixture.results(1, Duration.ofSeconds(3))).singleElement()
                .satisfies(r -> assertThat(r.outcome()).as("the outage delayed the trigger, it did not fail it").isEqualTo(TriggerOutcome.OK));
        assertThat(keboola.getRequestCount()).as("four refused, one accepted: no second job").isEqualTo(5);
    }
}
