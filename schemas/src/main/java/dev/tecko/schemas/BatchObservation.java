package dev.tecko.schemas;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the poller (or a webhook) saw of one batch at {@code observedAt}. Value of {@code batch-status}, key = job id.
 * The processor applies it only if it is newer than what it holds for that batch.
 *
 * <p>Bounded whoever builds it, so no observation can outgrow the broker's record limit however long the provider's
 * error list is: at most {@link #MAX_ERRORS} errors are kept (each text already capped by {@link BatchError}); the
 * number of the others is in {@code errorsDropped}.
 *
 * <p>{@code usage} (the tokens the batch used, when the provider reports them) and {@code model} are additive and optional,
 * and so are {@code provider} (where the batch lives) and {@code providerStatus} (the provider's own word for its status,
 * e.g. Anthropic's {@code ended} or Gemini's {@code BATCH_STATE_RUNNING}, which {@code status} maps).
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
        PollError pollError,
        Integer errorsDropped,
        TokenUsage usage,
        String model,
        Provider provider,
        String providerStatus) {

    /** The first errors of a batch are kept; the provider's error file has them all. */
    public static final int MAX_ERRORS = 20;

    public BatchObservation {
        schemaVersion = Check.schemaVersion(schemaVersion);
        Check.id(jobId, "jobId");
        Check.id(batchId, "batchId");
        Check.required(status, "status");
        requestCounts = requestCounts == null ? RequestCounts.NONE : requestCounts;
        outputFileId = Check.optionalText(outputFileId, "outputFileId", Check.MAX_NAME);
        errorFileId = Check.optionalText(errorFileId, "errorFileId", Check.MAX_NAME);
        errors = Check.list(errors);
        Check.noNulls(errors, "errors");
        int dropped = errorsDropped == null ? 0 : Check.nonNegative(errorsDropped, "errorsDropped");
        if (errors.size() > MAX_ERRORS) {
            dropped += errors.size() - MAX_ERRORS;
            errors = List.copyOf(errors.subList(0, MAX_ERRORS));
        }
        errorsDropped = dropped == 0 ? null : dropped;
        providerTimestamps = providerTimestamps == null ? ProviderTimestamps.NONE : providerTimestamps;
        metadata = Check.map(metadata, "metadata");
        Check.required(observedAt, "observedAt");
        Check.required(source, "source");
        model = Check.optionalText(model, "model", Check.MAX_NAME);
        providerStatus = Check.optionalText(providerStatus, "providerStatus", MAX_PROVIDER_STATUS);
    }

    /** A provider's status word is short; more is no status. */
    public static final int MAX_PROVIDER_STATUS = 64;

    /** Without the provider and its own status, as observations were written before them. */
    public BatchObservation(int schemaVersion, String jobId, String batchId, BatchStatus status, RequestCounts requestCounts,
                            String outputFileId, String errorFileId, List<BatchError> errors, ProviderTimestamps providerTimestamps,
                            Map<String, String> metadata, Instant observedAt, ObservationSource source, PollError pollError,
                            Integer errorsDropped, TokenUsage usage, String model) {
        this(schemaVersion, jobId, batchId, status, requestCounts, outputFileId, errorFileId, errors, providerTimestamps, metadata,
                observedAt, source, pollError, errorsDropped, usage, model, null, null);
    }

    /** Without usage and model, as observations were written before them. */
    public BatchObservation(int schemaVersion, String jobId, String batchId, BatchStatus status, RequestCounts requestCounts,
                            String outputFileId, String errorFileId, List<BatchError> errors, ProviderTimestamps providerTimestamps,
                            Map<String, String> metadata, Instant observedAt, ObservationSource source, PollError pollError,
                            Integer errorsDropped) {
        this(schemaVersion, jobId, batchId, status, requestCounts, outputFileId, errorFileId, errors, providerTimestamps, metadata,
                observedAt, source, pollError, errorsDropped, null, null);
    }

    /** Without a count of dropped errors: every error the provider reported is in {@code errors} (up to the bound). */
    public BatchObservation(int schemaVersion, String jobId, String batchId, BatchStatus status, RequestCounts requestCounts,
                            String outputFileId, String errorFileId, List<BatchError> errors, ProviderTimestamps providerTimestamps,
                            Map<String, String> metadata, Instant observedAt, ObservationSource source, PollError pollError) {
        this(schemaVersion, jobId, batchId, status, requestCounts, outputFileId, errorFileId, errors, providerTimestamps, metadata,
                observedAt, source, pollError, null);
    }

    /** The common case: a status (and counts) seen by polling, nothing else known. */
    public static BatchObservation polled(String jobId, String batchId, BatchStatus status, RequestCounts counts, Instant observedAt) {
        return new BatchObservation(Check.CURRENT_SCHEMA_VERSION, jobId, batchId, status, counts, null, null, List.of(),
                null, Map.of(), observedAt, ObservationSource.POLL, null);
    }
}
