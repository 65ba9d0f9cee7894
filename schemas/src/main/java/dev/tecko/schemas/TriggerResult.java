package dev.tecko.schemas;

import java.time.Instant;

/** How the dispatcher's delivery of one trigger ended. Value of {@code trigger-results}, key = job id. */
public record TriggerResult(
        int schemaVersion,
        String triggerId,
        String jobId,
        int generation,
        TriggerOutcome outcome,
        String keboolaJobId,
        String keboolaJobUrl,
        String keboolaJobStatus,
        String keboolaRunId,
        Integer httpStatus,
        int attempts,
        String error,
        Instant completedAt) {

    public TriggerResult {
        schemaVersion = Check.schemaVersion(schemaVersion);
        Check.id(jobId, "jobId");
        Check.triggerId(triggerId, jobId, generation);
        Check.required(outcome, "outcome");
        keboolaJobId = Check.optionalText(keboolaJobId, "keboolaJobId", Check.MAX_NAME);
        keboolaJobUrl = Check.optionalText(keboolaJobUrl, "keboolaJobUrl", 2048);
        keboolaJobStatus = Check.optionalText(keboolaJobStatus, "keboolaJobStatus", Check.MAX_NAME);
        keboolaRunId = Check.optionalText(keboolaRunId, "keboolaRunId", Check.MAX_NAME);
        Check.nonNegative(attempts, "attempts");
        error = Check.optionalText(error, "error", Check.MAX_TEXT);
        Check.required(completedAt, "completedAt");
        if (outcome != TriggerOutcome.OK && error == null) {
            throw new InvalidContractException("error", "is required when outcome is " + outcome.name().toLowerCase(java.util.Locale.ROOT));
        }
    }

    public boolean ok() {
        return outcome == TriggerOutcome.OK;
    }
}
