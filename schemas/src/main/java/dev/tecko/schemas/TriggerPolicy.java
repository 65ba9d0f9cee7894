package dev.tecko.schemas;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;
import java.util.Optional;

/**
 * When all batches are terminal: trigger always, only if all completed, or if enough completed; and, whatever the type,
 * never when more than {@code maxFailedRequestRatio} of all the job's requests failed (optional). A {@code completed} batch
 * whose every request failed counts as failed here ({@link BatchSnapshot#allRequestsFailed()}).
 */
public record TriggerPolicy(Type type, Double minCompletedRatio, Double maxFailedRequestRatio) {
    public static final TriggerPolicy ALWAYS = new TriggerPolicy(Type.ALWAYS, null);
    public static final TriggerPolicy ALL_COMPLETED = new TriggerPolicy(Type.ALL_COMPLETED, null);

    public enum Type {
        @JsonProperty("always") ALWAYS,
        @JsonProperty("all_completed") ALL_COMPLETED,
        @JsonProperty("min_completed_ratio") MIN_COMPLETED_RATIO;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public TriggerPolicy {
        Check.required(type, "triggerPolicy.type");
        if (type == Type.MIN_COMPLETED_RATIO) {
            Check.required(minCompletedRatio, "triggerPolicy.minCompletedRatio");
            if (!(minCompletedRatio > 0.0 && minCompletedRatio <= 1.0)) {
                throw new InvalidContractException("triggerPolicy.minCompletedRatio", "must be in (0, 1], got " + minCompletedRatio);
            }
        } else if (minCompletedRatio != null) {
            throw new InvalidContractException("triggerPolicy.minCompletedRatio", "only applies to type min_completed_ratio");
        }
        if (maxFailedRequestRatio != null && !(maxFailedRequestRatio >= 0.0 && maxFailedRequestRatio <= 1.0)) {
            throw new InvalidContractException("triggerPolicy.maxFailedRequestRatio", "must be in [0, 1], got " + maxFailedRequestRatio);
        }
    }

    /** A policy without a bound on failed requests. */
    public TriggerPolicy(Type type, Double minCompletedRatio) {
        this(type, minCompletedRatio, null);
    }

    public static TriggerPolicy minCompletedRatio(double ratio) {
        return new TriggerPolicy(Type.MIN_COMPLETED_RATIO, ratio);
    }

    /** This policy, and the job fails when more than {@code ratio} of all its requests failed. */
    public TriggerPolicy withMaxFailedRequestRatio(Double ratio) {
        return new TriggerPolicy(type, minCompletedRatio, ratio);
    }

    /** Whether a job whose batches ended {@code succeeded} of {@code total} may trigger, by the policy's type alone. */
    public boolean allowsTrigger(int succeeded, int total) {
        return switch (type) {
            case ALWAYS -> true;
            case ALL_COMPLETED -> succeeded == total;
            case MIN_COMPLETED_RATIO -> total > 0 && succeeded >= Math.ceil(minCompletedRatio * total - 1e-9);
        };
    }

    /**
     * Why a job whose batches all ended may not trigger, or empty when it may.
     *
     * @param succeeded batches {@code completed} with at least one request that did not fail
     * @param total     the job's batches
     * @param requests  the request counts of all its batches together
     */
    public Optional<String> refusal(int succeeded, int total, RequestCounts requests) {
        if (!allowsTrigger(succeeded, total)) {
            return Optional.of("trigger policy " + type.wire() + " not met: " + succeeded + " of " + total + " batches completed");
        }
        if (maxFailedRequestRatio != null && requests.total() > 0
                && requests.failed() > maxFailedRequestRatio * requests.total() + 1e-9) {
            return Optional.of("trigger policy maxFailedRequestRatio " + maxFailedRequestRatio + " exceeded: " + requests.failed()
                    + " of " + requests.total() + " requests failed");
        }
        return Optional.empty();
    }
}
