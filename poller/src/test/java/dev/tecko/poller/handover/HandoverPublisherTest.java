package dev.tecko.poller.handover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tecko.poller.webhook.WebhookReceiver.BatchEvent;
import dev.tecko.poller.webhook.WebhookReceiver.Outcome;
import dev.tecko.schemas.WebhookHandover;
import dev.tecko.schemas.topics.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The answer rules: 2xx only once every handover is acknowledged, 503 whenever the event could be lost. */
class HandoverPublisherTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private final Topics topics = Topics.withDefaultPrefix();
    private final MockProducer<String, WebhookHandover> producer = new MockProducer<>(false, null, new StringSerializer(),
            topics.webhookHandover().valueSerde().serializer());
    private final BatchIndex index = new BatchIndex();
    private final AtomicBoolean caughtUp = new AtomicBoolean(true);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final HandoverPublisher publisher = new HandoverPublisher(producer, topics.webhookHandover().name(), index, caughtUp::get,
            Duration.ofMillis(500), meters);

    private static BatchEvent event(String batchId) {
        return new BatchEvent(batchId, "msg_1", "batch.completed", NOW);
    }

    private double count(String outcome) {
        return meters.counter("tecko.poller.webhook.handovers", "outcome", outcome).count();
    }

    @Test
    @DisplayName("given two jobs holding the batch when the webhook arrives then one handover per job goes to the job's job-status partition, and the answer waits for both acknowledgements")
    void givenTwoHolders_whenHandled_thenAcceptedOnlyAfterBothAcknowledged() {
        index.put("job-a", 2, List.of("batch_1"));
        index.put("job-b", 0, List.of("batch_1"));

        CompletableFuture<Outcome> answer = CompletableFuture.supplyAsync(() -> publisher.handle(event("batch_1")));
        await().atMost(Duration.ofSeconds(5)).until(() -> producer.history().size() == 2);
        assertThat(answer).isNotDone();
        producer.completeNext();
        assertThat(answer).isNotDone();
        producer.completeNext();

        assertThat(answer.join()).isEqualTo(Outcome.ACCEPTED);
        assertThat(producer.history()).extracting(r -> r.key() + "@" + r.partition()).containsExactly("job-a@2", "job-b@0");
        assertThat(producer.history().get(0).value())
                .isEqualTo(new WebhookHandover(1, "job-a", "batch_1", "msg_1", "batch.completed", NOW));
        assertThat(count("sent")).isEqualTo(2);
    }

    @Test
    @DisplayName("given the broker refuses the handover when the webhook arrives then 503 (handover_failed), so OpenAI delivers it again")
    void givenSendFails_whenHandled_thenFailed() {
        index.put("job-a", 0, List.of("batch_1"));

        CompletableFuture<Outcome> answer = CompletableFuture.supplyAsync(() -> publisher.handle(event("batch_1")));
        await().atMost(Duration.ofSeconds(5)).until(() -> producer.history().size() == 1);
        producer.errorNext(new TimeoutException("no in-sync replicas"));

        assertThat(answer.join()).isEqualTo(Outcome.FAILED);
        assertThat(count("failed")).isEqualTo(1);
        assertThat(count("sent")).isZero();
    }

    @Test
    @DisplayName("given a handover never acknowledged when the wait runs out then 503, not a 2xx for an event that may be lost")
    void givenNoAcknowledgement_whenWaitRunsOut_thenFailed() {
        index.put("job-a", 0, List.of("batch_1"));

        assertThat(publisher.handle(event("batch_1"))).isEqualTo(Outcome.FAILED);
    }

    @Test
    @DisplayName("given no job holds the batch when the index has read all of job-status then 200 with nothing written; before that 503")
    void givenUnknownBatch_whenHandled_thenUnknownIfCaughtUpElseNotReady() {
        assertThat(publisher.handle(event("batch_x"))).isEqualTo(Outcome.UNKNOWN_BATCH);

        caughtUp.set(false);
        assertThat(publisher.handle(event("batch_x"))).isEqualTo(Outcome.NOT_READY);

        assertThat(producer.history()).isEmpty();
        assertThat(count("unknown_batch")).isEqualTo(1);
        assertThat(count("not_ready")).isEqualTo(1);
    }

    @Test
    @DisplayName("given the index still reading but already knowing the batch when the webhook arrives then it is handed over")
    void givenIndexNotCaughtUpButHolderKnown_whenHandled_thenHandedOver() {
        caughtUp.set(false);
        index.put("job-a", 1, List.of("batch_1"));
        CompletableFuture<Outcome> answer = CompletableFuture.supplyAsync(() -> publisher.handle(event("batch_1")));
        await().atMost(Duration.ofSeconds(5)).until(() -> producer.history().size() == 1);
        producer.completeNext();

        assertThat(answer.join()).isEqualTo(Outcome.ACCEPTED);
    }
}
