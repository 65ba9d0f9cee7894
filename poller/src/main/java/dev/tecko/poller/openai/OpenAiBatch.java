package dev.tecko.poller.openai;

import dev.tecko.schemas.BatchError;
import dev.tecko.schemas.BatchObservation;
import dev.tecko.schemas.BatchStatus;
import dev.tecko.schemas.Check;
import dev.tecko.schemas.ObservationSource;
import dev.tecko.schemas.ProviderTimestamps;
import dev.tecko.schemas.RequestCounts;
import dev.tecko.schemas.TokenUsage;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Everything the poller reads from one OpenAI batch object; {@code usage} and {@code model} only when it has them. */
public record OpenAiBatch(
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
        String model) {

    public OpenAiBatch(String id, BatchStatus status, RequestCounts requestCounts, String outputFileId, String errorFileId,
                       List<BatchError> errors, ProviderTimestamps timestamps, Map<String, String> metadata) {
        this(id, status, requestCounts, outputFileId, errorFileId, errors, timestamps, metadata, 0, null, null);
    }

    public OpenAiBatch {
        requestCounts = requestCounts == null ? RequestCounts.NONE : requestCounts;
        errors = errors == null ? List.of() : List.copyOf(errors);
        timestamps = timestamps == null ? ProviderTimestamps.NONE : timestamps;
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    public Instant createdAt() {
        return timestamps.createdAt();
    }

    public BatchObservation toObservation(String jobId, Instant observedAt, ObservationSource source) {
        return new BatchObservation(Check.CURRENT_SCHEMA_VERSION, jobId, id, status, requestCounts, outputFileId, errorFileId,
                errors, timestamps, metadata, observedAt, source, null,
                errorsDropped == 0 ? null : errorsDropped, usage, model);
    }
}
