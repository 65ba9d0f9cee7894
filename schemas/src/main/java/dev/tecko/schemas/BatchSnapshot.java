package dev.tecko.schemas;

import java.time.Instant;
import java.util.List;

/** One batch of a job as the processor holds it: last applied observation, or {@code pending} when none yet. */
public record BatchSnapshot(
        String batchId,
        BatchStatus status,
        RequestCounts requestCounts,
        String outputFileId,
        String errorFileId,
        List<BatchError> errors,
        Instant observedAt,
        PollError pollError) {

    public BatchSnapshot {
        Check.id(batchId, "batches.batchId");
        Check.required(status, "batches.status");
        requestCounts = requestCounts == null ? RequestCounts.NONE : requestCounts;
        outputFileId = Check.optionalText(outputFileId, "batches.outputFileId", Check.MAX_NAME);
        errorFileId = Check.optionalText(errorFileId, "batches.errorFileId", Check.MAX_NAME);
        errors = Check.list(errors);
    }

    public static BatchSnapshot pending(String batchId) {
        return new BatchSnapshot(batchId, BatchStatus.PENDING, RequestCounts.NONE, null, null, List.of(), null, null);
    }
}
