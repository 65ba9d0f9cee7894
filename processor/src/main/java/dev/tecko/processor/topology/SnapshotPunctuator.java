package dev.tecko.processor.topology;

import dev.tecko.schemas.JobSnapshot;
import org.apache.kafka.streams.processor.Punctuator;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Publishes the snapshot of every job whose change is due ({@link UnpublishedSnapshots}), once each, as the job is now
 * (a tombstone for a deleted job): its header and one scan of its batch rows, however many times it changed. Wall-clock, at the snapshot interval: the public {@code job-status} topic lags a change by at most that
 * interval, while the events and triggers of the change were forwarded when it happened. The snapshot and the unmarking
 * are in the same transaction (exactly_once_v2), so a crash between them publishes the snapshot again, never loses it.
 */
final class SnapshotPunctuator implements Punctuator {
    private final ProcessorContext<String, JobOutput> context;
    private final JobStore store;
    private final UnpublishedSnapshots unpublished;

    SnapshotPunctuator(ProcessorContext<String, JobOutput> context, JobStore store, UnpublishedSnapshots unpublished) {
        this.context = context;
        this.store = store;
        this.unpublished = unpublished;
    }

    @Override
    public void punctuate(long timestamp) {
        for (String jobId : unpublished.due(timestamp)) {
            JobSnapshot snapshot = store.snapshot(jobId);
            // the job's own time of change, so job-status and job-events agree on when it happened
            long at = snapshot == null || snapshot.updatedAt() == null ? timestamp : snapshot.updatedAt().toEpochMilli();
            context.forward(new Record<>(jobId, new JobOutput.Snapshot(snapshot), at));
            unpublished.unmark(jobId);
        }
    }
}
