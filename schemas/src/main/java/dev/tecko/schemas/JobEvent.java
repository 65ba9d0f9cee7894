package dev.tecko.schemas;

import java.time.Instant;

/**
 * One transition of one job. Value of {@code job-events}, key = job id; {@code sequence} grows by one per event of a
 * job, so consumers can order and de-duplicate. A {@code command_rejected} event says why in {@code rejectionCode}
 * (additive: absent in events written before it, so a reader treats a missing code as "not known").
 */
public record JobEvent(
        int schemaVersion,
        String jobId,
        long sequence,
        EventType type,
        Instant at,
        JobStatus status,
        int generation,
        String batchId,
        BatchStatus batchStatus,
        BatchStatus previousBatchStatus,
        String triggerId,
        String commandId,
        String message,
        RejectionCode rejectionCode) {

    public JobEvent {
        schemaVersion = Check.schemaVersion(schemaVersion);
        Check.id(jobId, "jobId");
        if (sequence < 0) {
            throw new InvalidContractException("sequence", "must not be negative");
        }
        Check.required(type, "type");
        Check.required(at, "at");
        if (type != EventType.COMMAND_REJECTED && type != EventType.DELETED) {
            Check.required(status, "status");
        }
        Check.nonNegative(generation, "generation");
        batchId = Check.optionalId(batchId, "batchId");
        message = Check.optionalText(message, "message", Check.MAX_TEXT);
        if (rejectionCode != null && type != EventType.COMMAND_REJECTED) {
            throw new InvalidContractException("rejectionCode", "only a command_rejected event has one");
        }
    }

    /** An event without a rejection code: every type but {@code command_rejected}, and rejections written before it. */
    public JobEvent(int schemaVersion, String jobId, long sequence, EventType type, Instant at, JobStatus status, int generation,
                    String batchId, BatchStatus batchStatus, BatchStatus previousBatchStatus, String triggerId, String commandId,
                    String message) {
        this(schemaVersion, jobId, sequence, type, at, status, generation, batchId, batchStatus, previousBatchStatus, triggerId,
                commandId, message, null);
    }
}
