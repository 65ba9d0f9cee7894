package dev.tecko.dispatcher.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tecko.dispatcher.delivery.AttemptListener;
import dev.tecko.dispatcher.delivery.BreakerPolicy;
import dev.tecko.dispatcher.delivery.ResilientCaller;
import dev.tecko.dispatcher.delivery.RetryPolicy;
import dev.tecko.dispatcher.delivery.TriggerDispatcher;
import dev.tecko.dispatcher.delivery.Waiter;
import dev.tecko.dispatcher.http.HttpClients;
import dev.tecko.dispatcher.keboola.KeboolaQueueClient;
import dev.tecko.dispatcher.webhook.WebhookClient;
import dev.tecko.platform.targets.TargetAllowList;
import dev.tecko.schemas.Check;
import dev.tecko.schemas.DeliveryProgress;
import dev.tecko.schemas.DispatchMark;
import dev.tecko.schemas.TriggerCommand;
import dev.tecko.schemas.TriggerOutcome;
import dev.tecko.schemas.TriggerResult;
import dev.tecko.schemas.topics.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The {@code delivery-status} publisher against kafka-clients' {@link MockProducer}: best effort, counted, never in the way. */
class ProgressPublisherTest {
    private static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");

    @StartStop
    private final MockWebServer keboola = new MockWebServer();
    private final Topics topics = new Topics("t.");
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final DispatchMetrics metrics = new DispatchMetrics(registry);

    private static DeliveryProgress progress(int attempts) {
        return new DeliveryProgress(Check.CURRENT_SCHEMA_VERSION, "job-1", "job-1:2", 2, attempts, "POST x answered 503: down", 503,
                T0.plusSeconds(1), false, T0);
    }

    private double reports(String outcome) {
        return registry.get("tecko.dispatcher.progress.reports").tag("outcome", outcome).counter().count();
    }

    @Test
    @DisplayName("given a new dispatcher's meters, then both progress report counters exist at zero")
    void countersStartAtZero() {
        assertThat(reports("sent")).isZero();
        assertThat(reports("failed")).isZero();
    }

    @Test
    @DisplayName("given Kafka takes the report, when published, then one delivery-status record keyed by the job id holds it, counted sent")
    void aTakenReportIsCountedSent() {
        var producer = new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());

        new ProgressPublisher(producer, topics.deliveryStatus(), metrics).publish(progress(2));

        assertThat(producer.history()).singleElement().satisfies(r -> {
            assertThat(r.topic()).isEqualTo("t.delivery-status");
            assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo("job-1");
            assertThat(topics.deliveryStatus().valueSerde().deserializer().deserialize(r.topic(), r.value())).isEqualTo(progress(2));
        });
        assertThat(reports("sent")).isEqualTo(1.0);
        assertThat(reports("failed")).isZero();
    }

    @Test
    @DisplayName("given Kafka refuses the report after it was sent, or the producer throws at once, or is closed, when published, then nothing is thrown and each is counted failed")
    void lostReportsAreCountedAndNeverThrown() {
        var refusing = new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());
        new ProgressPublisher(refusing, topics.deliveryStatus(), metrics).publish(progress(1));
        refusing.errorNext(new TopicAuthorizationException("not allowed to write t.delivery-status"));

        var throwing = new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
        throwing.sendException = new TimeoutException("Topic t.delivery-status not present in metadata after 5000 ms.");
        new ProgressPublisher(throwing, topics.deliveryStatus(), metrics).publish(progress(1));

        var closed = new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
        var publisher = new ProgressPublisher(closed, topics.deliveryStatus(), metrics);
        publisher.close();
        publisher.publish(progress(1));

        assertThat(reports("failed")).isEqualTo(3.0);
        assertThat(reports("sent")).isZero();
    }

    @Test
    @DisplayName("given the cluster settings hold a transactional id, when the publisher's producer is configured, then it is idempotent, not transactional, and blocks at most 5 s")
    void producerIsIdempotentAndNotTransactional() {
        var kafka = new Properties();
        kafka.put("bootstrap.servers", "localhost:9092");
        kafka.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "tecko-dispatcher-a");

        Properties config = ProgressPublisher.config(kafka, "tecko-dispatcher-a-progress");

        assertThat(config).doesNotContainKey(ProducerConfig.TRANSACTIONAL_ID_CONFIG)
                .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true")
                .containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.MAX_BLOCK_MS_CONFIG, "5000")
                .containsEntry("bootstrap.servers", "localhost:9092");
    }

    @Test
    @DisplayName("given a publisher whose producer throws on every send, when Keboola answers 503 twice and then creates the job, then the delivery is OK and both reports are counted failed")
    void aBrokenPublisherNeverFailsADelivery() {
        var broken = new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
        broken.sendException = new IllegalStateException("producer broken");
        keboola.enqueue(new MockResponse.Builder().code(503).body("down").build());
        keboola.enqueue(new MockResponse.Builder().code(503).body("down").build());
        keboola.enqueue(new MockResponse.Builder().code(201).body("{\"id\":\"5\",\"runId\":\"5\",\"status\":\"created\"}").build());
        Clock clock = Clock.systemUTC();
        var http = HttpClients.create(Duration.ofSeconds(2), Duration.ofSeconds(2));
        var caller = new ResilientCaller(new RetryPolicy(Duration.ofSeconds(10), Duration.ofMillis(10), Duration.ofMillis(20)),
                new BreakerPolicy(100, 50, Duration.ofSeconds(1)), clock, Waiter.SLEEPING, AttemptListener.NONE);
        var dispatcher = new TriggerDispatcher(DispatcherFixture.secrets(Map.of("kbc", "kbc-token")), new KeboolaQueueClient(http, clock),
                new WebhookClient(http, clock), caller, new TriggerDispatcher.Recovery(Duration.ZERO, Duration.ZERO, Duration.ZERO),
                new TargetAllowList(List.of(), true), clock, Waiter.SLEEPING,
                new ProgressPublisher(broken, topics.deliveryStatus(), metrics));
        TriggerCommand trigger = DispatcherFixture.trigger(1, keboola.url("/").toString(), "kbc");

        TriggerResult result = dispatcher.dispatch(trigger, DispatchMark.sent(trigger, null, clock.instant()), false, () -> false);

        assertThat(result.outcome()).isEqualTo(TriggerOutcome.OK);
        assertThat(result.keboolaJobId()).isEqualTo("5");
        assertThat(result.attempts()).isEqualTo(3);
        assertThat(reports("failed")).isEqualTo(2.0);
    }
}
