package dev.tecko.schemas;

import java.time.Instant;

/**
 * One transition of one job. Value of {@code job-events}, key = job id; {@code sequence} grows by one per event of a
 * job, so consumers can order and de-duplicate.
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
        String message) {

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
    }
}
