package dev.tecko.processor.state;

import dev.tecko.schemas.BatchCounts;
import dev.tecko.schemas.BatchSearch;
import dev.tecko.schemas.BatchSnapshot;
import dev.tecko.schemas.Downstream;
import dev.tecko.schemas.Check;
import dev.tecko.schemas.JobSnapshot;
import dev.tecko.schemas.JobSpec;
import dev.tecko.schemas.JobStatus;
import dev.tecko.schemas.TriggerPolicy;
import dev.tecko.schemas.TriggerSummary;
import dev.tecko.schemas.TriggerTarget;
import dev.tecko.schemas.VariableSet;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What the processor keeps per job in its {@code jobs} store: everything of the public snapshot but the batches, which
 * are rows of their own ({@link BatchRow}, one per batch), plus what the job needs to decide without reading them: how
 * its batches stand ({@link #counts()}), how many provider errors they keep ({@link #errorsKept()}) and
 * {@code lastSequence}, the sequence number of the job's latest event; and how many of its batches are {@code completed}
 * with every request failed ({@link #allFailedBatches()}), which the policy counts as failures. {@code variables} is the
 * job's choice of Keboola variables (null: TeckoChecker's five). {@code downstream} is the Keboola job the current
 * trigger created, as the dispatcher last reported it; {@code downstreamRetries} the job's setting and
 * {@code downstreamRetriesUsed} the automatic retriggers made after a Keboola job ended in {@code error}; {@code batchSearch}
 * is a tagged job's search for its batches (null for a job whose batch ids are all named). So an observation reads and writes this small
 * header and one batch row, whatever the size of the job. Internal: the public contract is {@link JobSnapshot}, made by
 * {@link #toSnapshot(List)} with the job's batches.
 */
public record JobState(
        String jobId,
        String name,
        JobStatus status,
        int generation,
        BatchCounts counts,
        int errorsKept,
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
        long lastSequence,
        VariableSet variables,
        int allFailedBatches,
        Downstream downstream,
        int downstreamRetries,
        int downstreamRetriesUsed,
        BatchSearch batchSearch) {

    private static final BatchCounts NO_BATCHES = new BatchCounts(0, 0, 0, 0);

    public JobState {
        Objects.requireNonNull(jobId, "jobId");
        counts = counts == null ? NO_BATCHES : counts;
        triggerPolicy = triggerPolicy == null ? TriggerPolicy.ALWAYS : triggerPolicy;
        variables = variables == VariableSet.EXTENDED ? variables : null;
    }

    /** A job without a batch tag: its batch ids are all named at creation. */
    public JobState(String jobId, String name, JobStatus status, int generation, BatchCounts counts, int errorsKept,
                    String openaiSecret, TriggerTarget target, int pollIntervalSeconds, Integer minPollIntervalSeconds,
                    Integer maxPollIntervalSeconds, TriggerPolicy triggerPolicy, Instant deadline, TriggerSummary lastTrigger,
                    Instant createdAt, Instant updatedAt, Instant finishedAt, long version, long lastSequence,
                    VariableSet variables, int allFailedBatches, Downstream downstream, int downstreamRetries,
                    int downstreamRetriesUsed) {
        this(jobId, name, status, generation, counts, errorsKept, openaiSecret, target, pollIntervalSeconds,
                minPollIntervalSeconds, maxPollIntervalSeconds, triggerPolicy, deadline, lastTrigger, createdAt, updatedAt,
                finishedAt, version, lastSequence, variables, allFailedBatches, downstream, downstreamRetries,
                downstreamRetriesUsed, null);
    }

    /**
     * What a deleted job leaves in the store: no job, only its last generation and event sequence, so a job created
     * again under the same id continues both, and its trigger ids ({@code jobId:generation}) never repeat one the
     * dispatcher has already delivered. Its batch rows are gone.
     */
    public static JobState retired(String jobId, int generation, long lastSequence) {
        return new JobState(jobId, null, null, generation, NO_BATCHES, 0, null, null, 0, null, null, null, null, null, null, null,
                null, 0, lastSequence, null, 0, null, 0, 0, null);
    }

    /** A deleted job's marker ({@link #retired}): to every reader but {@code create}, no job at all. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isRetired() {
        return status == null;
    }

    /** The public snapshot, with the job's batches in the job's order. */
    public JobSnapshot toSnapshot(List<BatchSnapshot> batches) {
        return new JobSnapshot(Check.CURRENT_SCHEMA_VERSION, jobId, name, status, generation, batches, null, openaiSecret,
                target, pollIntervalSeconds, minPollIntervalSeconds, maxPollIntervalSeconds, triggerPolicy, deadline,
                lastTrigger, createdAt, updatedAt, finishedAt, version, null, null, variables, downstream, downstreamRetries,
                downstreamRetriesUsed, batchSearch);
    }

    public JobState withStatus(JobStatus newStatus) {
        return new JobState(jobId, name, newStatus, generation, counts, errorsKept, openaiSecret, target, pollIntervalSeconds,
                minPollIntervalSeconds, maxPollIntervalSeconds, triggerPolicy, deadline, lastTrigger, createdAt, updatedAt,
                finishedAt, version, lastSequence, variables, allFailedBatches, downstream, downstreamRetries, downstreamRetriesUsed, batchSearch);
    }

    /**
     * How the batches stand after a change of theirs, the errors they keep now, and how many of them are {@code completed}
     * with every request failed.
     */
    public JobState withBatchTotals(BatchCounts newCounts, int newErrorsKept, int newAllFailedBatches) {
        return new JobState(jobId, name, status, generation, newCounts, newErrorsKept, openaiSecret, target, pollIntervalSeconds,
                minPollIntervalSeconds, maxPollIntervalSeconds, triggerPolicy, deadline, lastTrigger, createdAt, updatedAt,
                finishedAt, version, lastSequence, variables, newAllFailedBatches, downstream, downstreamRetries, downstreamRetriesUsed, batchSearch);
    }

    /** Batches that count as successes for the policy: completed, with at least one request that did not fail. */
    public int succeededBatches() {
        return counts.completed() - allFailedBatches;
    }

    public JobState withGeneration(int newGeneration) {
        return new JobState(jobId, name, status, newGeneration, counts, errorsKept, openaiSecret, target, pollIntervalSeconds,
                minPollIntervalSeconds, maxPollIntervalSeconds, triggerPolicy, deadline, lastTrigger, createdAt, updatedAt,
                finishedAt, version, lastSequence, variables, allFailedBatches, downstream, downstreamRetries, downstreamRetriesUsed, batchSearch);
    }

    public JobState withLastTrigger(TriggerSummary trigger) {
        return new JobState(jobId, name, status, generation, counts, errorsKept, openaiSecret, target, pollIntervalSeconds,
                minPollIntervalSeconds, maxPollIntervalSeconds, triggerPolicy, deadline, trigger, createdAt, updatedAt,
                finishedAt, version, lastSequence, variables, allFailedBatches, downstream, downstreamRetries, downstreamRetriesUsed, batchSearch);
    }

    public JobState withFinishedAt(Instant at) {
        return new JobState(jobId, name, status, generation, counts, errorsKept, openaiSecret, target, pollIntervalSeconds,
                minPollIntervalSeconds, maxPollIntervalSeconds, triggerPolicy, deadline, lastTrigger, createdAt, updatedAt,
                at, version, lastSequence, variables, allFailedBatches, downstream, downstreamRetries, downstreamRetriesUsed, batchSearch);
    }

    /** The job's settings as a spec, for an update to apply its patch to; a tagged job's tag settings as it was created. */
    public JobSpec settings(List<String> batchIds) {
        BatchSearch search = batchSearch;
        return new JobSpec(name, batchIds, openaiSecret, target, pollIntervalSeconds, minPollIntervalSeconds,
                maxPollIntervalSeconds, triggerPolicy, deadline, null, variables, downstreamRetries,
                search == null ? null : search.tag(), search == null ? null : search.since(),
                search == null ? null : search.sealAt(), search == null ? null : search.expectedBatches());
    }

    /**
     * The job's settings after an {@code update}; status, batches and history stay, and so does the batch search: its tag
     * settings are fixed at creation, whatever the spec says.
     */
    public JobState withSettings(JobSpec spec) {
        return new JobState(jobId, spec.name(), status, generation, counts, errorsKept, spec.openaiSecret(), spec.target(),
                spec.pollIntervalSeconds(), spec.minPollIntervalSeconds(), spec.maxPollIntervalSeconds(), spec.triggerPolicy(),
                spec.deadline(), lastTrigger, createdAt, updatedAt, finishedAt, version, lastSequence, spec.variables(), allFailedBatches, downstream, spec.retriesDownstream(), downstreamRetriesUsed, batchSearch);
    }

    /** Marks a published change: one more version, stamped {@code at}. */
    public JobState published(Instant at) {
        return new JobState(jobId, name, status, generation, counts, errorsKept, openaiSecret, target, pollIntervalSeconds,
                minPollIntervalSeconds, maxPollIntervalSeconds, triggerPolicy, deadline, lastTrigger, createdAt, at,
                finishedAt, version + 1, lastSequence, variables, allFailedBatches, downstream, downstreamRetries, downstreamRetriesUsed, batchSearch);
    }

    /** The Keboola job the current trigger created, as last reported; null for none (a new trigger starts with none). */
    public JobState withDownstream(Downstream newDownstream) {
        return new JobState(jobId, name, status, generation, counts, errorsKept, openaiSecret, target, pollIntervalSeconds,
                minPollIntervalSeconds, maxPollIntervalSeconds, triggerPolicy, deadline, lastTrigger, createdAt, updatedAt,
                finishedAt, version, lastSequence, variables, allFailedBatches, newDownstream, downstreamRetries, downstreamRetriesUsed, batchSearch);
    }

    /** How many automatic retriggers after a Keboola job in error the job has made. */
    public JobState withDownstreamRetriesUsed(int used) {
        return new JobState(jobId, name, status, generation, counts, errorsKept, openaiSecret, target, pollIntervalSeconds,
                minPollIntervalSeconds, maxPollIntervalSeconds, triggerPolicy, deadline, lastTrigger, createdAt, updatedAt,
                finishedAt, version, lastSequence, variables, allFailedBatches, downstream, downstreamRetries, used, batchSearch);
    }

    /** A tagged job's search for its batches as it stands now (found, listed, sealing, sealed). */
    public JobState withBatchSearch(BatchSearch search) {
        return new JobState(jobId, name, status, generation, counts, errorsKept, openaiSecret, target, pollIntervalSeconds,
                minPollIntervalSeconds, maxPollIntervalSeconds, triggerPolicy, deadline, lastTrigger, createdAt, updatedAt,
                finishedAt, version, lastSequence, variables, allFailedBatches, downstream, downstreamRetries, downstreamRetriesUsed,
                search);
    }

    /** Whether the job's batch list is final: named at creation (no tag), or sealed. Only then may it trigger or fail. */
    public boolean batchListFinal() {
        return batchSearch == null || batchSearch.sealed();
    }

    public JobState withLastSequence(long sequence) {
        return new JobState(jobId, name, status, generation, counts, errorsKept, openaiSecret, target, pollIntervalSeconds,
                minPollIntervalSeconds, maxPollIntervalSeconds, triggerPolicy, deadline, lastTrigger, createdAt, updatedAt,
                finishedAt, version, sequence, variables, allFailedBatches, downstream, downstreamRetries, downstreamRetriesUsed, batchSearch);
    }
}
