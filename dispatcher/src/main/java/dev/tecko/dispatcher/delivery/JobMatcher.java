package dev.tecko.dispatcher.delivery;

import dev.tecko.dispatcher.keboola.KeboolaJob;
import dev.tecko.schemas.TriggerCommand;
import dev.tecko.schemas.TriggerTarget;
import java.util.List;
import java.util.Objects;

/**
 * Which Keboola jobs a trigger could have created: same component, configuration, rows, branch and variables, other than
 * the job's previous generation's. The Queue API has no idempotency key, so this is the only way to recognise our own.
 */
final class JobMatcher {
    private JobMatcher() {
    }

    static List<KeboolaJob> matching(TriggerCommand trigger, List<KeboolaJob> candidates, String excludedJobId) {
        TriggerTarget target = trigger.target();
        return candidates.stream()
                .filter(job -> !job.id().equals(excludedJobId))
                .filter(job -> Objects.equals(job.component(), target.componentId()))
                .filter(job -> Objects.equals(job.config(), target.configId()))
                .filter(job -> job.configRowIds().equals(target.configRowIds()))
                .filter(job -> Objects.equals(emptyToNull(job.branchId()), target.branchId()))
                .filter(job -> job.variables().equals(trigger.variables()))
                .toList();
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
