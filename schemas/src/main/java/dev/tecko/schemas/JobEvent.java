package dev.tecko.schemas;

import java.time.Instant;
import java.util.List;

/**
 * One transition of one job. Value of {@code job-events}, key = job id; {@code sequence} grows by one per event of a
 * job, so consumers can order and de-duplicate. A {@code command_rejected} event says why in {@code rejectionCode}
 * (additive: absent in events written before it, so a reader treats a missing code as "not known"). A
 * {@code batch_changed} event carries the batch's request counts as they are now and flags a batch {@code completed} with
 * every request failed (both additive, absent in events written before them). {@code batches_added} and
 * {@code batches_refused} name the batches in {@code batchIds}.
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
        RejectionCode rejectionCode,
        RequestCounts requestCounts,
        Boolean allRequestsFailed,
        List<String> batchIds) {

    /** At most this many ids per event, so an event of 255-character ids stays well inside the 1 MiB of job-events. */
    public static final int MAX_BATCH_IDS = 1_000;

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
        allRequestsFailed = Boolean.TRUE.equals(allRequestsFailed) ? Boolean.TRUE : null;
        batchIds = batchIds == null || batchIds.isEmpty() ? null
                : Check.distinctIds(batchIds, "batchIds", 1, MAX_BATCH_IDS);
    }

    /** An event that names no batch list: every type but {@code batches_added} and {@code batches_refused}. */
    public JobEvent(int schemaVersion, String jobId, long sequence, EventType type, Instant at, JobStatus status, int generation,
                    String batchId, BatchStatus batchStatus, BatchStatus previousBatchStatus, String triggerId, String commandId,
                    String message, RejectionCode rejectionCode, RequestCounts requestCounts, Boolean allRequestsFailed) {
        this(schemaVersion, jobId, sequence, type, at, status, generation, batchId, batchStatus, previousBatchStatus, triggerId,
                commandId, message, rejectionCode, requestCounts, allRequestsFailed, null);
    }

    /** An event without the batch's request counts, as events were written before them. */
    public JobEvent(int schemaVersion, String jobId, long sequence, EventType type, Instant at, JobStatus status, int generation,
                    String batchId, BatchStatus batchStatus, BatchStatus previousBatchStatus, String triggerId, String commandId,
                    String message, RejectionCode rejectionCode) {
        this(schemaVersion, jobId, sequence, type, at, status, generation, batchId, batchStatus, previousBatchStatus, triggerId,
                commandId, message, rejectionCode, null, null);
    }

    /** An event without a rejection code: every type but {@code command_rejected}, and rejections written before it. */
    public JobEvent(int schemaVersion, String jobId, long sequence, EventType type, Instant at, JobStatus status, int generation,
                    String batchId, BatchStatus batchStatus, BatchStatus previousBatchStatus, String triggerId, String commandId,
                    String message) {
        this(schemaVersion, jobId, sequence, type, at, status, generation, batchId, batchStatus, previousBatchStatus, triggerId,
                commandId, message, null);
    }
}
