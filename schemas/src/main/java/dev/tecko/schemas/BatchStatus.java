package dev.tecko.schemas;

import com.fasterxml.jackson.annotation.JsonProperty;

/** OpenAI's batch statuses, plus {@code pending} (not observed yet) and {@code timed_out} (job deadline passed). */
public enum BatchStatus {
    @JsonProperty("pending") PENDING,
    @JsonProperty("validating") VALIDATING,
    @JsonProperty("in_progress") IN_PROGRESS,
    @JsonProperty("finalizing") FINALIZING,
    @JsonProperty("completed") COMPLETED,
    @JsonProperty("failed") FAILED,
    @JsonProperty("expired") EXPIRED,
    @JsonProperty("cancelling") CANCELLING,
    @JsonProperty("cancelled") CANCELLED,
    @JsonProperty("timed_out") TIMED_OUT;

    /** Terminal statuses are absorbing: once a batch reaches one, no observation changes it. */
    public boolean isTerminal() {
        return switch (this) {
            case COMPLETED, FAILED, EXPIRED, CANCELLED, TIMED_OUT -> true;
            default -> false;
        };
    }

    /** Only {@code completed} counts as success; every other terminal status counts as failed. */
    public boolean isCompleted() {
        return this == COMPLETED;
    }

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static BatchStatus fromWire(String value) {
        for (BatchStatus s : values()) {
            if (s.wire().equals(value)) {
                return s;
            }
        }
        throw new InvalidContractException("status", "unknown batch status '" + value + "'");
    }
}
