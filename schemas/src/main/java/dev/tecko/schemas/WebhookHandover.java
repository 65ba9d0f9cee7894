package dev.tecko.schemas;

import java.time.Instant;

/**
 * A verified provider webhook about a batch, handed from the poller that received it to the poller that owns the job:
 * value of {@code webhook-handover}, key = job id (co-partitioned with {@code job-status}, so the record lands on the
 * partition whose owner polls the job). One record per job holding the batch. The owner fetches the batch and publishes
 * what changed; a duplicate, replayed or reordered handover only causes one more fetch, and one for a batch the job no
 * longer watches does nothing.
 *
 * @param eventId   the webhook's {@code webhook-id} header: the same for every retry of one event
 * @param eventType the event's {@code type}, e.g. {@code batch.completed}
 * @param receivedAt when the receiving poller verified it
 */
public record WebhookHandover(
        int schemaVersion,
        String jobId,
        String batchId,
        String eventId,
        String eventType,
        Instant receivedAt) {

    public WebhookHandover {
        schemaVersion = Check.schemaVersion(schemaVersion);
        Check.id(jobId, "jobId");
        Check.id(batchId, "batchId");
        eventId = Check.text(eventId, "eventId", Check.MAX_NAME);
        eventType = Check.text(eventType, "eventType", Check.MAX_NAME);
        Check.required(receivedAt, "receivedAt");
    }
}
