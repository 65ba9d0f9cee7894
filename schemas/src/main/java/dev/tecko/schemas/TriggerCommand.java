package dev.tecko.schemas;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Run the downstream target for one job generation. Value of {@code triggers}, key = job id. Emitted exactly once per
 * job generation; {@code triggerId} is deterministic ({@code jobId + ":" + generation}) so the dispatcher can
 * de-duplicate.
 */
public record TriggerCommand(
        int schemaVersion,
        String triggerId,
        String jobId,
        String jobName,
        int generation,
        TriggerTarget target,
        Map<String, String> variables,
        List<BatchOutcome> batches,
        Instant requestedAt) {

    public TriggerCommand {
        schemaVersion = Check.schemaVersion(schemaVersion);
        Check.id(jobId, "jobId");
        Check.triggerId(triggerId, jobId, generation);
        Check.text(jobName, "jobName", 255);
        Check.required(target, "target");
        Check.required(variables, "variables");
        variables = Check.map(variables, "variables");
        if (variables.isEmpty()) {
            throw new InvalidContractException("variables", "must hold at least one variable");
        }
        Check.required(batches, "batches");
        batches = List.copyOf(batches);
        if (batches.isEmpty()) {
            throw new InvalidContractException("batches", "must hold at least one batch");
        }
        Check.required(requestedAt, "requestedAt");
    }

    public static String triggerId(String jobId, int generation) {
        return jobId + ":" + generation;
    }

    /** A trigger whose variables are TeckoChecker's, computed from the batches. */
    public static TriggerCommand of(String jobId, String jobName, int generation, TriggerTarget target,
                                    List<BatchOutcome> batches, Instant requestedAt) {
        return new TriggerCommand(Check.CURRENT_SCHEMA_VERSION, triggerId(jobId, generation), jobId, jobName, generation,
                target, KeboolaVariables.of(batches), batches, requestedAt);
    }
}
