package dev.tecko.schemas;

import java.time.Instant;

/**
 * What an {@code update} command changes; absent fields stay as they are. The batch list is fixed at creation
 * (as in TeckoChecker); {@code clearDeadline} removes a deadline.
 */
public record JobPatch(
        String name,
        String openaiSecret,
        TriggerTarget target,
        Integer pollIntervalSeconds,
        Integer minPollIntervalSeconds,
        Integer maxPollIntervalSeconds,
        TriggerPolicy triggerPolicy,
        Instant deadline,
        Boolean clearDeadline,
        VariableSet variables,
        Integer downstreamRetries) {

    public JobPatch {
        name = Check.optionalText(name, "name", Check.MAX_NAME);
        openaiSecret = Check.optionalId(openaiSecret, "openaiSecret");
        if (pollIntervalSeconds != null) {
            JobSpec.pollInterval(pollIntervalSeconds, "pollIntervalSeconds");
        }
        if (minPollIntervalSeconds != null) {
            JobSpec.pollInterval(minPollIntervalSeconds, "minPollIntervalSeconds");
        }
        if (maxPollIntervalSeconds != null) {
            JobSpec.pollInterval(maxPollIntervalSeconds, "maxPollIntervalSeconds");
        }
        Check.optionalInstant(deadline, "deadline");
        if (downstreamRetries != null) {
            Check.range(downstreamRetries, "downstreamRetries", 0, JobSpec.MAX_DOWNSTREAM_RETRIES);
        }
        clearDeadline = Boolean.TRUE.equals(clearDeadline) ? Boolean.TRUE : null;
        if (clearDeadline != null && deadline != null) {
            throw new InvalidContractException("clearDeadline", "cannot be combined with a new deadline");
        }
        if (name == null && openaiSecret == null && target == null && pollIntervalSeconds == null
                && minPollIntervalSeconds == null && maxPollIntervalSeconds == null && triggerPolicy == null
                && deadline == null && clearDeadline == null && variables == null && downstreamRetries == null) {
            throw new InvalidContractException("patch", "must change at least one field");
        }
    }

    /** A patch that leaves the variables as they are. */
    public JobPatch(String name, String openaiSecret, TriggerTarget target, Integer pollIntervalSeconds,
                    Integer minPollIntervalSeconds, Integer maxPollIntervalSeconds, TriggerPolicy triggerPolicy, Instant deadline,
                    Boolean clearDeadline) {
        this(name, openaiSecret, target, pollIntervalSeconds, minPollIntervalSeconds, maxPollIntervalSeconds, triggerPolicy,
                deadline, clearDeadline, null, null);
    }

    /** A patch that leaves the automatic retriggers as they are. */
    public JobPatch(String name, String openaiSecret, TriggerTarget target, Integer pollIntervalSeconds,
                    Integer minPollIntervalSeconds, Integer maxPollIntervalSeconds, TriggerPolicy triggerPolicy, Instant deadline,
                    Boolean clearDeadline, VariableSet variables) {
        this(name, openaiSecret, target, pollIntervalSeconds, minPollIntervalSeconds, maxPollIntervalSeconds, triggerPolicy,
                deadline, clearDeadline, variables, null);
    }

    /**
     * What an update makes of a job's settings: this patch over {@code current}, checked as a create would be (the
     * merged poll intervals must hold together, min &lt;= poll &lt;= max). The one rule for both the processor, which applies
     * updates, and the API, which answers 400 at once for an update the processor would reject.
     *
     * @throws InvalidContractException naming the field at fault
     */
    public JobSpec applyTo(JobSpec current) {
        return new JobSpec(or(name, current.name()), current.batchIds(), or(openaiSecret, current.openaiSecret()),
                or(target, current.target()), or(pollIntervalSeconds, current.pollIntervalSeconds()),
                or(minPollIntervalSeconds, current.minPollIntervalSeconds()), or(maxPollIntervalSeconds, current.maxPollIntervalSeconds()),
                or(triggerPolicy, current.triggerPolicy()), Boolean.TRUE.equals(clearDeadline) ? null : or(deadline, current.deadline()),
                current.startPaused(), or(variables, current.variables()), or(downstreamRetries, current.downstreamRetries()),
                // a tagged job's search is fixed at creation: kept as it is
                current.batchTag(), current.tagSince(), current.sealAt(), current.expectedBatches());
    }

    private static <T> T or(T value, T otherwise) {
        return value != null ? value : otherwise;
    }
}
