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
    @JsonProperty("downstream_failed") DOWNSTREAM_FAILED,
    /** A tagged job gained the batches named in {@code batchIds}, found by their tag. */
    @JsonProperty("batches_added") BATCHES_ADDED,
    /** Batches found by the tag after the list was sealed (or beyond the job's limit), not added: {@code batchIds}. */
    @JsonProperty("batches_refused") BATCHES_REFUSED,
    /** A seal command came: the list seals once a search covered every batch created before it. */
    @JsonProperty("seal_requested") SEAL_REQUESTED,
    /** A tagged job's batch list is final; the message says what sealed it. */
    @JsonProperty("sealed") SEALED
}
