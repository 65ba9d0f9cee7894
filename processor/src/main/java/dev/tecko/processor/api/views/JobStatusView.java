package dev.tecko.processor.api.views;

import dev.tecko.schemas.JobEvent;
import dev.tecko.schemas.JobSnapshot;
import dev.tecko.schemas.topics.Topic;
import dev.tecko.schemas.topics.TopicTail;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Every job of the compacted {@code job-status} topic, on every instance: what lists, stats and the secret-in-use
 * check read, and where a single read falls back when the owning instance cannot answer. Eventually consistent.
 */
public final class JobStatusView implements AutoCloseable {
    private final Map<String, JobSnapshot> jobs = new ConcurrentHashMap<>();
    private final Topic<String, JobSnapshot> topic;
    private final ChangeSignal signal = new ChangeSignal();
    private final TopicTail tail;

    public JobStatusView(Properties kafka, Topic<String, JobSnapshot> topic) {
        this.topic = topic;
        this.tail = new TopicTail(kafka, List.of(topic.name()), "job-status-view", this::apply);
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        if (record.key() == null) {
            return;
        }
        if (record.value() == null) {
            jobs.remove(record.key());
        } else {
            jobs.put(record.key(), topic.valueSerde().deserializer().deserialize(record.topic(), record.value()));
        }
        signal.changed();
    }

    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return tail.awaitCaughtUp(timeout);
    }

    public Optional<JobSnapshot> get(String jobId) {
        return Optional.ofNullable(jobs.get(jobId));
    }

    public Collection<JobSnapshot> all() {
        return new ArrayList<>(jobs.values());
    }

    /** Jobs by status and batches tracked, counted now. */
    public JobCounts counts() {
        return JobCounts.of(jobs.values());
    }

    /**
     * Waits, bounded, until this view shows the change the event reports: the job stamped at or after the event, or
     * gone after a delete. The processor writes both in one transaction, but a reader sees the two topics in no
     * particular order, so a client that wrote and then lists would otherwise miss its own change.
     */
    public boolean awaitReflects(JobEvent event, Duration timeout) {
        return signal.awaitUntil(() -> {
            JobSnapshot job = jobs.get(event.jobId());
            return switch (event.type()) {
                case DELETED -> job == null || job.createdAt().isAfter(event.at());
                default -> job != null && !job.updatedAt().isBefore(event.at());
            };
        }, timeout);
    }

    @Override
    public void close() {
        tail.close();
    }
}
