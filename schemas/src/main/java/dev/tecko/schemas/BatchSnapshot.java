package dev.tecko.schemas;

import java.time.Instant;
import java.util.List;

/**
 * One batch of a job as the processor holds it: last applied observation, or {@code pending} when none yet.
 * {@code usage} and {@code model} are the provider's, when it reports them. {@code allRequestsFailed} is true exactly when
 * the batch is {@code completed} and its request counts say every request failed ({@link RequestCounts#allFailed()}): a
 * failure for the trigger policy. It is derived, so a reader may rely on it; it is omitted when false.
 */
public record BatchSnapshot(
        String batchId,
        BatchStatus status,
        RequestCounts requestCounts,
        String outputFileId,
        String errorFileId,
        List<BatchError> errors,
        Instant observedAt,
        PollError pollError,
        TokenUsage usage,
        String model,
        Boolean allRequestsFailed,
        Provider provider,
        String providerStatus) {

    public BatchSnapshot {
        Check.id(batchId, "batches.batchId");
        Check.required(status, "batches.status");
        requestCounts = requestCounts == null ? RequestCounts.NONE : requestCounts;
        outputFileId = Check.optionalText(outputFileId, "batches.outputFileId", Check.MAX_NAME);
        errorFileId = Check.optionalText(errorFileId, "batches.errorFileId", Check.MAX_NAME);
        errors = Check.list(errors);
        model = Check.optionalText(model, "batches.model", Check.MAX_NAME);
        providerStatus = Check.optionalText(providerStatus, "batches.providerStatus", BatchObservation.MAX_PROVIDER_STATUS);
        allRequestsFailed = status.isCompleted() && requestCounts.allFailed() ? Boolean.TRUE : null;
    }

    /** Without the provider and its own status. */
    public BatchSnapshot(String batchId, BatchStatus status, RequestCounts requestCounts, String outputFileId, String errorFileId,
                         List<BatchError> errors, Instant observedAt, PollError pollError, TokenUsage usage, String model,
                         Boolean allRequestsFailed) {
        this(batchId, status, requestCounts, outputFileId, errorFileId, errors, observedAt, pollError, usage, model, allRequestsFailed,
                null, null);
    }

    /** Without usage and model. */
    public BatchSnapshot(String batchId, BatchStatus status, RequestCounts requestCounts, String outputFileId, String errorFileId,
                         List<BatchError> errors, Instant observedAt, PollError pollError) {
        this(batchId, status, requestCounts, outputFileId, errorFileId, errors, observedAt, pollError, null, null, null);
    }

    public static BatchSnapshot pending(String batchId) {
        return new BatchSnapshot(batchId, BatchStatus.PENDING, RequestCounts.NONE, null, null, List.of(), null, null);
    }

    /** Completed with at least one request that did not fail: what every policy counts as success. */
    public boolean succeeded() {
        return status.isCompleted() && allRequestsFailed == null;
    }

    /** This batch with another status and observation time, everything else kept (a deadline timing it out). */
    public BatchSnapshot withStatus(BatchStatus newStatus, Instant at) {
        return new BatchSnapshot(batchId, newStatus, requestCounts, outputFileId, errorFileId, errors, at, pollError, usage, model,
                null, provider, providerStatus);
    }
}
