package dev.tecko.schemas;

import com.fasterxml.jackson.annotation.JsonProperty;

/** When all batches are terminal: trigger always, only if all completed, or if enough completed. */
public record TriggerPolicy(Type type, Double minCompletedRatio) {
    public static final TriggerPolicy ALWAYS = new TriggerPolicy(Type.ALWAYS, null);
    public static final TriggerPolicy ALL_COMPLETED = new TriggerPolicy(Type.ALL_COMPLETED, null);

    public enum Type {
        @JsonProperty("always") ALWAYS,
        @JsonProperty("all_completed") ALL_COMPLETED,
        @JsonProperty("min_completed_ratio") MIN_COMPLETED_RATIO
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
    }

    public static TriggerPolicy minCompletedRatio(double ratio) {
        return new TriggerPolicy(Type.MIN_COMPLETED_RATIO, ratio);
    }

    /** Whether a job whose batches ended {@code completed} of {@code total} may trigger. */
    public boolean allowsTrigger(int completed, int total) {
        return switch (type) {
            case ALWAYS -> true;
            case ALL_COMPLETED -> completed == total;
            case MIN_COMPLETED_RATIO -> total > 0 && completed >= Math.ceil(minCompletedRatio * total - 1e-9);
        };
    }
}
