package dev.tecko.poller.provider;

import dev.tecko.schemas.BatchError;
import dev.tecko.schemas.BatchObservation;
import dev.tecko.schemas.BatchStatus;
import dev.tecko.schemas.Check;
import dev.tecko.schemas.ObservationSource;
import dev.tecko.schemas.Provider;
import dev.tecko.schemas.ProviderTimestamps;
import dev.tecko.schemas.RequestCounts;
import dev.tecko.schemas.TokenUsage;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything the poller reads from one provider's batch object, mapped onto the one {@link BatchStatus} and
 * {@link RequestCounts}; {@code usage} and {@code model} only when it has them; {@code provider} and
 * {@code providerStatus} (the provider's own word, e.g. {@code ended}) as the provider said them.
 */
public record ProviderBatch(
        String id,
        BatchStatus status,
        RequestCounts requestCounts,
        String outputFileId,
        String errorFileId,
        List<BatchError> errors,
        ProviderTimestamps timestamps,
        Map<String, String> metadata,
        int errorsDropped,
        TokenUsage usage,
        String model,
        Provider provider,
        String providerStatus) {

    public ProviderBatch(String id, BatchStatus status, RequestCounts requestCounts, String outputFileId, String errorFileId,
                       List<BatchError> errors, ProviderTimestamps timestamps, Map<String, String> metadata) {
        this(id, status, requestCounts, outputFileId, errorFileId, errors, timestamps, metadata, 0, null, null);
    }

    /** Without the provider and its own status word. */
    public ProviderBatch(String id, BatchStatus status, RequestCounts requestCounts, String outputFileId, String errorFileId,
                         List<BatchError> errors, ProviderTimestamps timestamps, Map<String, String> metadata, int errorsDropped,
                         TokenUsage usage, String model) {
        this(id, status, requestCounts, outputFileId, errorFileId, errors, timestamps, metadata, errorsDropped, usage, model, null, null);
    }

    public ProviderBatch {
        requestCounts = requestCounts == null ? RequestCounts.NONE : requestCounts;
        errors = errors == null ? List.of() : List.copyOf(errors);
        timestamps = timestamps == null ? ProviderTimestamps.NONE : timestamps;
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        providerStatus = providerStatus == null || providerStatus.length() <= BatchObservation.MAX_PROVIDER_STATUS ? providerStatus
                : providerStatus.substring(0, BatchObservation.MAX_PROVIDER_STATUS);
    }

    public Instant createdAt() {
        return timestamps.createdAt();
    }

    public BatchObservation toObservation(String jobId, Instant observedAt, ObservationSource source) {
        return new BatchObservation(Check.CURRENT_SCHEMA_VERSION, jobId, id, status, requestCounts, outputFileId, errorFileId,
                errors, timestamps, metadata, observedAt, source, null,
                errorsDropped == 0 ? null : errorsDropped, usage, model, provider, providerStatus);
    }
}
