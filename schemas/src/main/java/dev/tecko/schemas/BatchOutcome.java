package dev.tecko.schemas;

/** Per-batch detail carried by a trigger: how each batch ended and where its output is. */
public record BatchOutcome(
        String batchId,
        BatchStatus status,
        RequestCounts requestCounts,
        String outputFileId,
        String errorFileId) {

    public BatchOutcome {
        Check.id(batchId, "batches.batchId");
        Check.required(status, "batches.status");
        if (!status.isTerminal()) {
            throw new InvalidContractException("batches.status", "a triggered batch must be terminal, got " + status.wire());
        }
        requestCounts = requestCounts == null ? RequestCounts.NONE : requestCounts;
        outputFileId = Check.optionalText(outputFileId, "batches.outputFileId", Check.MAX_NAME);
        errorFileId = Check.optionalText(errorFileId, "batches.errorFileId", Check.MAX_NAME);
    }

    public static BatchOutcome of(BatchSnapshot batch) {
        return new BatchOutcome(batch.batchId(), batch.status(), batch.requestCounts(), batch.outputFileId(), batch.errorFileId());
    }
}
