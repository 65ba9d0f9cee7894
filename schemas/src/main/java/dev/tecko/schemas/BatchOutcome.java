package dev.tecko.schemas;

/**
 * Per-batch detail carried by a trigger: how each batch ended and where its output is; the tokens it used when known, and
 * whether it is a {@code completed} batch with every request failed (see {@link BatchSnapshot}; omitted when false).
 */
public record BatchOutcome(
        String batchId,
        BatchStatus status,
        RequestCounts requestCounts,
        String outputFileId,
        String errorFileId,
        TokenUsage usage,
        Boolean allRequestsFailed) {

    public BatchOutcome {
        Check.id(batchId, "batches.batchId");
        Check.required(status, "batches.status");
        if (!status.isTerminal()) {
            throw new InvalidContractException("batches.status", "a triggered batch must be terminal, got " + status.wire());
        }
        requestCounts = requestCounts == null ? RequestCounts.NONE : requestCounts;
        outputFileId = Check.optionalText(outputFileId, "batches.outputFileId", Check.MAX_NAME);
        errorFileId = Check.optionalText(errorFileId, "batches.errorFileId", Check.MAX_NAME);
        allRequestsFailed = status.isCompleted() && requestCounts.allFailed() ? Boolean.TRUE : null;
    }

    /** Without usage, as triggers were written before it. */
    public BatchOutcome(String batchId, BatchStatus status, RequestCounts requestCounts, String outputFileId, String errorFileId) {
        this(batchId, status, requestCounts, outputFileId, errorFileId, null, null);
    }

    public static BatchOutcome of(BatchSnapshot batch) {
        return new BatchOutcome(batch.batchId(), batch.status(), batch.requestCounts(), batch.outputFileId(), batch.errorFileId(),
                batch.usage(), null);
    }
}
