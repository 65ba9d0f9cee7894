package dev.tecko.schemas;

import com.fasterxml.jackson.annotation.JsonProperty;

/** One job event per transition; the audit trail TeckoChecker kept in {@code polling_logs}. */
public enum EventType {
    @JsonProperty("created") CREATED,
    @JsonProperty("updated") UPDATED,
    @JsonProperty("batch_changed") BATCH_CHANGED,
    @JsonProperty("paused") PAUSED,
    @JsonProperty("resumed") RESUMED,
    @JsonProperty("trigger_requested") TRIGGER_REQUESTED,
    @JsonProperty("triggered") TRIGGERED,
    @JsonProperty("trigger_failed") TRIGGER_FAILED,
    @JsonProperty("completed") COMPLETED,
    @JsonProperty("failed") FAILED,
    @JsonProperty("timed_out") TIMED_OUT,
    @JsonProperty("cancelled") CANCELLED,
    @JsonProperty("retriggered") RETRIGGERED,
    @JsonProperty("deleted") DELETED,
    @JsonProperty("command_rejected") COMMAND_REJECTED,
    /** The Keboola job a trigger created is running (first seen processing). */
    @JsonProperty("downstream_started") DOWNSTREAM_STARTED,
    /** That Keboola job ended in success or warning. */
    @JsonProperty("downstream_succeeded") DOWNSTREAM_SUCCEEDED,
    /** That Keboola job ended in error, terminated or cancelled. */
    @JsonProperty("downstream_failed") DOWNSTREAM_FAILED
}
