package dev.tecko.app.cli;

import dev.tecko.schemas.BatchTag;
import dev.tecko.schemas.TriggerPolicy;
import dev.tecko.schemas.VariableSet;
import java.time.Instant;
import java.util.List;

/** The body of {@code POST /api/jobs} (docs/api.md); null fields are left out, so the API's defaults apply. */
record JobCreateRequest(
        String jobId,
        String name,
        List<String> batchIds,
        String openaiSecret,
        String keboolaSecret,
        String keboolaStackUrl,
        String keboolaComponentId,
        String keboolaConfigId,
        String keboolaBranchId,
        List<String> keboolaConfigRowIds,
        String webhookUrl,
        String webhookSecret,
        Integer pollIntervalSeconds,
        Integer minPollIntervalSeconds,
        Integer maxPollIntervalSeconds,
        Policy triggerPolicy,
        Instant deadline,
        Boolean startPaused,
        VariableSet variables,
        Integer downstreamRetries,
        BatchTag batchTag,
        Instant tagSince,
        Instant sealAt,
        Integer expectedBatches) {

    /** Sent as given: the API, not the CLI, decides whether a ratio is in range. */
    record Policy(TriggerPolicy.Type type, Double minCompletedRatio, Double maxFailedRequestRatio) {
    }
}
