package dev.tecko.poller.handover;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tecko.schemas.WebhookHandover;
import dev.tecko.schemas.topics.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class HandoverConsumerTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private final Topics topics = Topics.withDefaultPrefix();
    private final String topic = topics.webhookHandover().name();
    private final MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest");
    private final AtomicReference<Set<Integer>> owned = new AtomicReference<>(Set.of(1));
    private final Set<String> watched = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final List<String> fetched = new CopyOnWriteArrayList<>();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final HandoverConsumer handovers = new HandoverConsumer(consumer, topics.webhookHandover(), owned::get, watched::contains,
            fetched::add, Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofHours(72), Duration.ZERO, meters);
    private long offset;

    HandoverConsumerTest() {
        consumer.updateBeginningOffsets(Map.of(new TopicPartition(topic, 0), 0L, new TopicPartition(topic, 1), 0L));
    }

    private void arrives(int partition, String jobId, String batchId, Instant receivedAt) {
        byte[] value = topics.webhookHandover().valueSerde().serializer()
                .serialize(topic, new WebhookHandover(1, jobId, batchId, "msg_" + offset, "batch.completed", receivedAt));
        consumer.addRecord(new ConsumerRecord<>(topic, partition, offset++, jobId, value));
    }

    private double count(String outcome) {
        return meters.counter("tecko.poller.webhook.handovers.received", "outcome", outcome).count();
    }

    @Test
    @DisplayName("given this poller owns job-status partition 1 when polled then it reads webhook-handover partition 1 only, and follows its ownership")
    void givenOwnedPartitions_whenPolled_thenTheSamePartitionNumbersAreRead() {
        handovers.pollOnce(Duration.ofMillis(1));
        assertThat(consumer.assignment()).containsExactly(new TopicPartition(topic, 1));

        owned.set(Set.of(0));
        handovers.pollOnce(Duration.ofMillis(1));
        assertThat(consumer.assignment()).containsExactly(new TopicPartition(topic, 0));
    }

    @Test
    @DisplayName("given handovers for a watched batch, twice in one poll, when polled then one fetch and the offset is committed")
    void givenDuplicates_whenPolled_thenOneFetchAndCommitted() {
        handovers.pollOnce(Duration.ofMillis(1));
        watched.add("batch_1");
        arrives(1, "job-a", "batch_1", NOW.minusSeconds(1));
        arrives(1, "job-a", "batch_1", NOW.minusSeconds(1));

        handovers.pollOnce(Duration.ofMillis(1));

        assertThat(fetched).containsExactly("batch_1");
        assertThat(count("fetched")).isEqualTo(1);
        assertThat(count("duplicate")).isEqualTo(1);
        assertThat(consumer.committed(Set.of(new TopicPartition(topic, 1))).get(new TopicPartition(topic, 1)).offset()).isEqualTo(2);
    }

    @Test
    @DisplayName("given a handover older than 72 hours, one for a batch no job here watches and an unreadable one when polled then nothing is fetched")
    void givenStaleUnwatchedOrUnreadable_whenPolled_thenNothingFetched() {
        handovers.pollOnce(Duration.ofMillis(1));
        watched.add("batch_old");
        arrives(1, "job-a", "batch_old", NOW.minus(Duration.ofHours(73)));
        arrives(1, "job-b", "batch_done", NOW);
        consumer.addRecord(new ConsumerRecord<>(topic, 1, offset++, "job-c", "{not json".getBytes(StandardCharsets.UTF_8)));

        handovers.pollOnce(Duration.ofMillis(1));

        assertThat(fetched).isEmpty();
        assertThat(count("stale")).isEqualTo(1);
        assertThat(count("not_watched")).isEqualTo(1);
        assertThat(count("unreadable")).isEqualTo(1);
    }

    @Test
    @DisplayName("given a handover for a job the schedule does not hold yet when the job arrives within the settle time then it is fetched")
    void givenJobArrivesLate_whenWithinSettle_thenFetched() {
        var patient = new HandoverConsumer(consumer, topics.webhookHandover(), owned::get, watched::contains, fetched::add,
                Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofHours(72), Duration.ofMinutes(1), meters);
        patient.pollOnce(Duration.ofMillis(1));
        arrives(1, "job-a", "batch_1", NOW);
        patient.pollOnce(Duration.ofMillis(1));
        assertThat(fetched).isEmpty();

        watched.add("batch_1");
        patient.pollOnce(Duration.ofMillis(1));

        assertThat(fetched).containsExactly("batch_1");
    }
}
