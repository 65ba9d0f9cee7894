package dev.tecko.schemas;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * The whole job as the processor sees it. Value of the compacted {@code job-status} topic (key = job id, tombstone on
 * delete): the poller's work list and the public status for other teams. Names secrets, never holds their values.
 * {@code counts}, {@code requestCounts} (all batches' request counts together) and {@code usage} (their tokens, absent
 * when no batch reported any) are derived from the batches. {@code downstream} is the Keboola job the current trigger
 * created, followed to its end (absent until reported, and for webhook targets); {@code downstreamRetries} is the job's
 * setting and {@code downstreamRetriesUsed} how many automatic retriggers after a Keboola job in {@code error} it has
 * made (both absent when 0). {@code batchSearch} is a tagged job's search for its batches ({@link BatchSearch}); such a
 * job may hold no batch yet, and triggers only once its list is sealed.
 */
public record JobSnapshot(
        int schemaVersion,
        String jobId,
        String name,
        JobStatus status,
        int generation,
        @JsonInclude(JsonInclude.Include.ALWAYS) List<BatchSnapshot> batches,
        BatchCounts counts,
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
        RequestCounts requestCounts,
        TokenUsage usage,
        VariableSet variables,
        Downstream downstream,
        Integer downstreamRetries,
        Integer downstreamRetriesUsed,
        BatchSearch batchSearch) {

    public JobSnapshot {
        schemaVersion = Check.schemaVersion(schemaVersion);
        Check.id(jobId, "jobId");
        Check.text(name, "name", Check.MAX_NAME);
        Check.required(status, "status");
        Check.range(generation, "generation", 1, Integer.MAX_VALUE);
        Check.required(batches, "batches");
        batches = List.copyOf(batches);
        if (batches.isEmpty() && batchSearch == null) {
            throw new InvalidContractException("batches", "must hold at least one batch (a tagged job may hold none yet)");
        }
        counts = BatchCounts.of(batches);
        Check.id(openaiSecret, "openaiSecret");
        Check.required(target, "target");
        JobSpec.pollInterval(pollIntervalSeconds, "pollIntervalSeconds");
        if (minPollIntervalSeconds != null) {
            JobSpec.pollInterval(minPollIntervalSeconds, "minPollIntervalSeconds");
        }
        if (maxPollIntervalSeconds != null) {
            JobSpec.pollInterval(maxPollIntervalSeconds, "maxPollIntervalSeconds");
        }
        triggerPolicy = triggerPolicy == null ? TriggerPolicy.ALWAYS : triggerPolicy;
        Check.required(createdAt, "createdAt");
        Check.required(updatedAt, "updatedAt");
        if (version < 0) {
            throw new InvalidContractException("version", "must not be negative");
        }
        requestCounts = batches.stream().map(BatchSnapshot::requestCounts).reduce(RequestCounts.NONE, RequestCounts::plus);
        usage = TokenUsage.sum(batches, BatchSnapshot::usage);
        variables = VariableSet.normalized(variables);
        downstreamRetries = JobSpec.downstreamRetries(downstreamRetries, "downstreamRetries");
        downstreamRetriesUsed = downstreamRetriesUsed == null || downstreamRetriesUsed == 0 ? null
                : Check.nonNegative(downstreamRetriesUsed, "downstreamRetriesUsed");
    }

    /** A snapshot with TeckoChecker's variables; request counts and usage are derived from the batches. */
    public JobSnapshot(int schemaVersion, String jobId, String name, JobStatus status, int generation, List<BatchSnapshot> batches,
                       BatchCounts counts, String openaiSecret, TriggerTarget target, int pollIntervalSeconds,
                       Integer minPollIntervalSeconds, Integer maxPollIntervalSeconds, TriggerPolicy triggerPolicy, Instant deadline,
                       TriggerSummary lastTrigger, Instant createdAt, Instant updatedAt, Instant finishedAt, long version) {
        this(schemaVersion, jobId, name, status, generation, batches, counts, openaiSecret, target, pollIntervalSeconds,
                minPollIntervalSeconds, maxPollIntervalSeconds, triggerPolicy, deadline, lastTrigger, createdAt, updatedAt, finishedAt,
                version, null, null, null, null, null, null, null);
    }

    /** A snapshot of a job without a batch tag. */
    public JobSnapshot(int schemaVersion, String jobId, String name, JobStatus status, int generation, List<BatchSnapshot> batches,
                       BatchCounts counts, String openaiSecret, TriggerTarget target, int pollIntervalSeconds,
                       Integer minPollIntervalSeconds, Integer maxPollIntervalSeconds, TriggerPolicy triggerPolicy, Instant deadline,
                       TriggerSummary lastTrigger, Instant createdAt, Instant updatedAt, Instant finishedAt, long version,
                       RequestCounts requestCounts, TokenUsage usage, VariableSet variables, Downstream downstream,
                       Integer downstreamRetries, Integer downstreamRetriesUsed) {
        this(schemaVersion, jobId, name, status, generation, batches, counts, openaiSecret, target, pollIntervalSeconds,
                minPollIntervalSeconds, maxPollIntervalSeconds, triggerPolicy, deadline, lastTrigger, createdAt, updatedAt, finishedAt,
                version, requestCounts, usage, variables, downstream, downstreamRetries, downstreamRetriesUsed, null);
    }
}
