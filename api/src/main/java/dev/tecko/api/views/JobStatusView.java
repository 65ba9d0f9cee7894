package dev.tecko.api.views;

import dev.tecko.platform.kafka.CompactedTopicView;
import dev.tecko.schemas.JobEvent;
import dev.tecko.schemas.JobSnapshot;
import dev.tecko.schemas.topics.Topic;
import java.time.Duration;
import java.util.Collection;
import java.util.Optional;
import java.util.Properties;

/**
 * Every job of the compacted {@code job-status} topic, on every instance: what lists, stats and the secret-in-use
 * check read, and where a single read falls back when the owning instance cannot answer. Eventually consistent.
 */
public final class JobStatusView implements AutoCloseable {
    private final CompactedTopicView<String, JobSnapshot> jobs;

    public JobStatusView(Properties kafka, Topic<String, JobSnapshot> topic) {
        this.jobs = CompactedTopicView.of(kafka, topic, "job-status-view");
    }

    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return jobs.awaitCaughtUp(timeout);
    }

    public Optional<JobSnapshot> get(String jobId) {
        return jobs.get(jobId);
    }

    public Collection<JobSnapshot> all() {
        return jobs.values();
    }

    /** Jobs by status and batches tracked, counted now. */
    public JobCounts counts() {
        return JobCounts.of(jobs.asMap().values());
    }

    /**
     * Waits, bounded, until this view shows the change the event reports: the job stamped at or after the event, or
     * gone after a delete. The processor writes both in one transaction, but a reader sees the two topics in no
     * particular order, so a client that wrote and then lists would otherwise miss its own change.
     */
    public boolean awaitReflects(JobEvent event, Duration timeout) {
        return jobs.awaitUntil(byId -> {
            JobSnapshot job = byId.get(event.jobId());
            return switch (event.type()) {
                case DELETED -> job == null || job.createdAt().isAfter(event.at());
                default -> job != null && !job.updatedAt().isBefore(event.at());
            };
        }, timeout);
    }

    @Override
    public void close() {
        jobs.close();
    }
}
