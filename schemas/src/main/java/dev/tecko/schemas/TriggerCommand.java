package dev.tecko.schemas;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Run the downstream target for one job generation. Value of {@code triggers}, key = job id. Emitted exactly once per
 * job generation; {@code triggerId} is deterministic ({@code jobId + ":" + generation}) so the dispatcher can
 * de-duplicate. {@code jobCreatedAt} (optional, additive) tells incarnations of a job id apart: a job deleted and created
 * again, or created again after a reset of the processor's state that lost the old one, starts at generation 1 again,
 * and only this shows that its trigger {@code jobId:1} is not the old one's.
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
        Instant requestedAt,
        Instant jobCreatedAt) {

    public TriggerCommand {
        schemaVersion = Check.schemaVersion(schemaVersion);
        Check.id(jobId, "jobId");
        Check.triggerId(triggerId, jobId, generation);
        Check.text(jobName, "jobName", Check.MAX_NAME);
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

    /** A trigger without {@code jobCreatedAt}, as written before that field was added. */
    public TriggerCommand(int schemaVersion, String triggerId, String jobId, String jobName, int generation, TriggerTarget target,
                          Map<String, String> variables, List<BatchOutcome> batches, Instant requestedAt) {
        this(schemaVersion, triggerId, jobId, jobName, generation, target, variables, batches, requestedAt, null);
    }

    public static String triggerId(String jobId, int generation) {
        return jobId + ":" + generation;
    }

    /** A trigger whose variables are TeckoChecker's, computed from the batches. */
    public static TriggerCommand of(String jobId, String jobName, int generation, TriggerTarget target,
                                    List<BatchOutcome> batches, Instant requestedAt) {
        return of(jobId, jobName, generation, target, batches, requestedAt, null);
    }

    /** @param jobCreatedAt when this job (this incarnation of its id) was created: with the trigger id it names one trigger */
    public static TriggerCommand of(String jobId, String jobName, int generation, TriggerTarget target,
                                    List<BatchOutcome> batches, Instant requestedAt, Instant jobCreatedAt) {
        return of(jobId, jobName, generation, target, batches, requestedAt, jobCreatedAt, VariableSet.TECKOCHECKER);
    }

    /** @param variables which Keboola variables to compute from the batches: TeckoChecker's five, or those and more */
    public static TriggerCommand of(String jobId, String jobName, int generation, TriggerTarget target,
                                    List<BatchOutcome> batches, Instant requestedAt, Instant jobCreatedAt, VariableSet variables) {
        return new TriggerCommand(Check.CURRENT_SCHEMA_VERSION, triggerId(jobId, generation), jobId, jobName, generation,
                target, variables == VariableSet.EXTENDED ? KeboolaVariables.extended(batches) : KeboolaVariables.of(batches),
                batches, requestedAt, jobCreatedAt);
    }
}
