package dev.tecko.schemas;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the poller (or a webhook) saw of one batch at {@code observedAt}. Value of {@code batch-status}, key = job id.
 * The processor applies it only if it is newer than what it holds for that batch.
 */
public record BatchObservation(
        int schemaVersion,
        String jobId,
        String batchId,
        BatchStatus status,
        RequestCounts requestCounts,
        String outputFileId,
        String errorFileId,
        List<BatchError> errors,
        ProviderTimestamps providerTimestamps,
        Map<String, String> metadata,
        Instant observedAt,
        ObservationSource source,
        PollError pollError) {

    public BatchObservation {
        schemaVersion = Check.schemaVersion(schemaVersion);
        Check.id(jobId, "jobId");
        Check.id(batchId, "batchId");
        Check.required(status, "status");
        requestCounts = requestCounts == null ? RequestCounts.NONE : requestCounts;
        outputFileId = Check.optionalText(outputFileId, "outputFileId", 255);
        errorFileId = Check.optionalText(errorFileId, "errorFileId", 255);
        errors = Check.list(errors);
        Check.noNulls(errors, "errors");
        providerTimestamps = providerTimestamps == null ? ProviderTimestamps.NONE : providerTimestamps;
        metadata = Check.map(metadata, "metadata");
        Check.required(observedAt, "observedAt");
        Check.required(source, "source");
    }

    /** The common case: a status (and counts) seen by polling, nothing else known. */
    public static BatchObservation polled(String jobId, String batchId, BatchStatus status, RequestCounts counts, Instant observedAt) {
        return new BatchObservation(Check.CURRENT_SCHEMA_VERSION, jobId, batchId, status, counts, null, null, List.of(),
                null, Map.of(), observedAt, ObservationSource.POLL, null);
    }
}
