package dev.tecko.processor.machine;

import dev.tecko.schemas.BatchSnapshot;
import dev.tecko.schemas.BatchStatus;
import dev.tecko.schemas.RequestCounts;
import dev.tecko.schemas.JobStatus;
import dev.tecko.schemas.RejectionCode;
import java.util.List;

/** The optional parts of one event. */
final class EventDraft {
    JobStatus status;
    String batchId;
    BatchStatus batchStatus;
    BatchStatus previousBatchStatus;
    String triggerId;
    String commandId;
    String message;
    RejectionCode rejectionCode;
    RequestCounts requestCounts;
    Boolean allRequestsFailed;
    List<String> batchIds;

    EventDraft(JobStatus status) {
        this.status = status;
    }

    EventDraft status(JobStatus value) {
        status = value;
        return this;
    }

    EventDraft batch(String id, BatchStatus now, BatchStatus before) {
        batchId = id;
        batchStatus = now;
        previousBatchStatus = before;
        return this;
    }

    /** A batch's change: its status before and now, and its request counts now (so the event says what changed). */
    EventDraft batch(BatchSnapshot now, BatchStatus before) {
        batch(now.batchId(), now.status(), before);
        requestCounts = now.requestCounts();
        allRequestsFailed = now.allRequestsFailed();
        return this;
    }

    EventDraft triggerId(String value) {
        triggerId = value;
        return this;
    }

    EventDraft commandId(String value) {
        commandId = value;
        return this;
    }

    EventDraft message(String value) {
        message = value;
        return this;
    }

    /** The batches a {@code batches_added} or {@code batches_refused} event names. */
    EventDraft batchIds(List<String> ids) {
        batchIds = ids;
        return this;
    }

    EventDraft rejected(RejectionCode code, String reason) {
        rejectionCode = code;
        message = reason;
        return this;
    }
}
