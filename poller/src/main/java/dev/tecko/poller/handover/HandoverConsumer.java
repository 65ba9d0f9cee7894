package dev.tecko.poller.handover;

import dev.tecko.schemas.WebhookHandover;
import dev.tecko.schemas.topics.Topic;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The owning side: reads the {@code webhook-handover} partitions whose numbers are this poller's loaded
 * {@code job-status} partitions (manual assignment that follows the group's, so no second group can assign them
 * differently) and asks for a fetch of each handed-over batch. Offsets are committed under a group of their own, so a
 * partition's next owner starts where this one stopped.
 *
 * <p>A handover for a batch this poller does not watch (yet) waits up to {@code settle}: the job's snapshot may reach the
 * owner's schedule a moment after the receiving poller's index saw it. After that it is dropped: the job no longer holds
 * the batch, or the batch is terminal already. One older than {@code maxAge} (OpenAI retries for 72 hours) is dropped
 * at once. Duplicates within one poll cost one fetch; across polls a fetch more, which publishes only what changed.
 * Not thread-safe: one thread.
 */
public final class HandoverConsumer {
    private static final Logger log = LoggerFactory.getLogger(HandoverConsumer.class);

    private final Consumer<String, byte[]> consumer;
    private final Topic<String, WebhookHandover> topic;
    private final Supplier<Set<Integer>> ownedPartitions;
    private final Predicate<String> watched;
    private final java.util.function.Consumer<String> fetch;
    private final Clock clock;
    private final Duration maxAge;
    private final long settleNanos;
    private final MeterRegistry meters;
    /** batch id → when to give up waiting for the schedule to watch it (System.nanoTime) */
    private final Map<String, Long> waiting = new LinkedHashMap<>();

    /**
     * @param ownedPartitions the {@code job-status} partitions this poller owns and has read to their end
     * @param watched         whether this poller's schedule watches the batch (for a job that is still active)
     * @param fetch           fetches and publishes the batch for every job of this poller watching it; must not block
     */
    public HandoverConsumer(Consumer<String, byte[]> consumer, Topic<String, WebhookHandover> topic, Supplier<Set<Integer>> ownedPartitions,
                            Predicate<String> watched, java.util.function.Consumer<String> fetch, Clock clock, Duration maxAge,
                            Duration settle, MeterRegistry meters) {
        this.consumer = consumer;
        this.topic = topic;
        this.ownedPartitions = ownedPartitions;
        this.watched = watched;
        this.fetch = fetch;
        this.clock = clock;
        this.maxAge = maxAge;
        this.settleNanos = settle.toNanos();
        this.meters = meters;
    }

    public void pollOnce(Duration timeout) {
        followAssignment();
        if (consumer.assignment().isEmpty()) {
            // poll() refuses to run without partitions; wait as long as a poll would, without spinning
            sleep(timeout);
            actOnWaiting();
            return;
        }
        var records = consumer.poll(timeout);
        for (ConsumerRecord<String, byte[]> record : records) {
            take(record);
        }
        actOnWaiting();
        if (!records.isEmpty()) {
            // the fetches are asked for (or waiting); a crash now may lose those few: the job's next poll still comes
            consumer.commitSync();
        }
    }

    private void followAssignment() {
        Set<TopicPartition> wanted = ownedPartitions.get().stream().map(p -> new TopicPartition(topic.name(), p)).collect(Collectors.toSet());
        if (!wanted.equals(consumer.assignment())) {
            log.info("reading webhook handovers of partitions {}", wanted.stream().map(TopicPartition::partition).sorted().toList());
            consumer.assign(wanted);
        }
    }

    private void take(ConsumerRecord<String, byte[]> record) {
        WebhookHandover handover;
        try {
            handover = topic.valueSerde().deserializer().deserialize(record.topic(), record.value());
        } catch (RuntimeException e) {
            count("unreadable");
            log.warn("skipping unreadable webhook handover {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), e.getMessage());
            return;
        }
        if (handover == null) {
            count("unreadable");
            return;
        }
        if (handover.receivedAt().isBefore(clock.instant().minus(maxAge))) {
            count("stale");
            return;
        }
        if (waiting.putIfAbsent(handover.batchId(), System.nanoTime() + settleNanos) != null) {
            count("duplicate");
        }
    }

    private void actOnWaiting() {
        long now = System.nanoTime();
        var it = waiting.entrySet().iterator();
        while (it.hasNext()) {
            var entry = it.next();
            if (watched.test(entry.getKey())) {
                fetch.accept(entry.getKey());
                count("fetched");
                it.remove();
            } else if (now - entry.getValue() > 0) {
                count("not_watched");
                it.remove();
            }
        }
    }

    private void count(String outcome) {
        Counter.builder("tecko.poller.webhook.handovers.received")
                .description("webhook handovers read by the job's owner: fetched, duplicate, not_watched, stale, unreadable")
                .tag("outcome", outcome).register(meters).increment();
    }

    private static void sleep(Duration timeout) {
        try {
            Thread.sleep(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public void wakeup() {
        consumer.wakeup();
    }

    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
