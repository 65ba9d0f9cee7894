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
        Boolean clearDeadline) {

    public JobPatch {
        name = Check.optionalText(name, "name", 255);
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
        clearDeadline = Boolean.TRUE.equals(clearDeadline) ? Boolean.TRUE : null;
        if (clearDeadline != null && deadline != null) {
            throw new InvalidContractException("clearDeadline", "cannot be combined with a new deadline");
        }
        if (name == null && openaiSecret == null && target == null && pollIntervalSeconds == null
                && minPollIntervalSeconds == null && maxPollIntervalSeconds == null && triggerPolicy == null
                && deadline == null && clearDeadline == null) {
            throw new InvalidContractException("patch", "must change at least one field");
        }
    }
}
