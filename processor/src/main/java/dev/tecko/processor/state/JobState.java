package dev.tecko.processor.state;

import dev.tecko.schemas.BatchCounts;
import dev.tecko.schemas.BatchSnapshot;
import dev.tecko.schemas.Check;
import dev.tecko.schemas.JobSnapshot;
import dev.tecko.schemas.JobSpec;
import dev.tecko.schemas.JobStatus;
import dev.tecko.schemas.TriggerPolicy;
import dev.tecko.schemas.TriggerSummary;
import dev.tecko.schemas.TriggerTarget;
import java.time.Instant;
import java.util.List;

/**
 * What the processor keeps per job in its store: the public snapshot's content plus {@code lastSequence}, the
 * sequence number of the job's latest event (so the next event gets {@code lastSequence + 1}). Internal: the public
 * contract is {@link JobSnapshot}, made by {@link #toSnapshot()}.
 */
public record JobState(
        String jobId,
        String name,
        JobStatus status,
        int generation,
        List<BatchSnapshot> batches,
        String openaiSecret,
        TriggerTarget target,
        int pollIntervalSeconds,
        Integer minPollIntervalSeconds,
        Integer maxPollIntervalSeconds,
        TriggerPolicy triggerPolicy,
        Instant deadline,
        TriggerSummary lastTrigger,
        Instant createdAt,
        Instant updatedAt,
        Instant finishedAt,
        long version,
        long lastSequence) {

    public JobState {
        batches = Check.list(batches);
        triggerPolicy = triggerPolicy == null ? TriggerPolicy.ALWAYS : triggerPolicy;
    }

    /**
     * What a deleted job leaves in the store: no job, only its last generation and event sequence, so a job created
     * again under the same id continues both, and its trigger ids ({@code jobId:generation}) never repeat one the
     * dispatcher has already delivered.
     */
    public static JobState retired(String jobId, int generation, long lastSequence) {
        return new JobState(jobId, null, null, generation, List.of(), null, null, 0, null, null, null, null, null, null, null,
                null, 0, lastSequence);
    }

    /** A deleted job's marker ({@link #retired}): to every reader but {@code create}, no job at all. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isRetired() {
        return status == null;
    }

    public BatchCounts counts() {
        return BatchCounts.of(batches);
    }

    public JobSnapshot toSnapshot() {
        return new JobSnapshot(Check.CURRENT_SCHEMA_VERSION, jobId, name, status, generation, batches, null, openaiSecret,
                target, pollIntervalSeconds, minPollIntervalSeconds, maxPollIntervalSeconds, triggerPolicy, deadline,
                lastTrigger, createdAt, updatedAt, finishedAt, version);
    }

    /** Index of a batch in {@link #batches()}, or -1 when the job has no such batch. */
    public int indexOf(String batchId) {
        for (int i = 0; i < batches.size(); i++) {
            if (batches.get(i).batchId().equals(batchId)) {
                return i;
            }
        }
        return -1;
    }

    public JobState withStatus(JobStatus newStatus) {
        return new JobState(jobId, name, newStatus, generation, batches, openaiSecret, target, pollIntervalSeconds,
                minPollIntervalSeconds, maxPollIntervalSeconds, triggerPolicy, deadline, lastTrigger, createdAt, updatedAt,
                finishedAt, version, lastSequence);
    }

    public JobState withBatches(List<BatchSnapshot> newBatches) {
        return new JobState(jobId, name, status, generation, newBatches, openaiSecret, target, pollIntervalSeconds,
                minPollIntervalSeconds, maxPollIntervalSeconds, triggerPolicy, deadline, lastTrigger, createdAt, updatedAt,
                finishedAt, version, lastSequence);
    }

    public JobState withGeneration(int newGeneration) {
        return new JobState(jobId, name, status, newGeneration, batches, openaiSecret, target, pollIntervalSeconds,
                minPollIntervalSeconds, maxPollIntervalSeconds, triggerPolicy, deadline, lastTrigger, createdAt, updatedAt,
                finishedAt, version, lastSequence);
    }

    public JobState withLastTrigger(TriggerSummary trigger) {
        return new JobState(jobId, name, status, generation, batches, openaiSecret, target, pollIntervalSeconds,
                minPollIntervalSeconds, maxPollIntervalSeconds, triggerPolicy, deadline, trigger, createdAt, updatedAt,
                finishedAt, version, lastSequence);
    }

    public JobState withFinishedAt(Instant at) {
        return new JobState(jobId, name, status, generation, batches, openaiSecret, target, pollIntervalSeconds,
                minPollIntervalSeconds, maxPollIntervalSeconds, triggerPolicy, deadline, lastTrigger, createdAt, updatedAt,
                at, version, lastSequence);
    }

    /** The job's settings as a spec, for an update to apply its patch to. */
    public JobSpec settings() {
        return new JobSpec(name, batches.stream().map(BatchSnapshot::batchId).toList(), openaiSecret, target, pollIntervalSeconds,
                minPollIntervalSeconds, maxPollIntervalSeconds, triggerPolicy, deadline, null);
    }

    /** The job's settings after an {@code update}; status, batches and history stay. */
    public JobState withSettings(JobSpec spec) {
        return new JobState(jobId, spec.name(), status, generation, batches, spec.openaiSecret(), spec.target(),
                spec.pollIntervalSeconds(), spec.minPollIntervalSeconds(), spec.maxPollIntervalSeconds(), spec.triggerPolicy(),
                spec.deadline(), lastTrigger, createdAt, updatedAt, finishedAt, version, lastSequence);
    }

    /** Marks a published change: one more version, stamped {@code at}. */
    public JobState published(Instant at) {
        return new JobState(jobId, name, status, generation, batches, openaiSecret, target, pollIntervalSeconds,
                minPollIntervalSeconds, maxPollIntervalSeconds, triggerPolicy, deadline, lastTrigger, createdAt, at,
                finishedAt, version + 1, lastSequence);
    }

    public JobState withLastSequence(long sequence) {
        return new JobState(jobId, name, status, generation, batches, openaiSecret, target, pollIntervalSeconds,
                minPollIntervalSeconds, maxPollIntervalSeconds, triggerPolicy, deadline, lastTrigger, createdAt, updatedAt,
                finishedAt, version, sequence);
    }
}
