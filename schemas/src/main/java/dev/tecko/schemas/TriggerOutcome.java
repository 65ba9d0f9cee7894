package dev.tecko.schemas;

import com.fasterxml.jackson.annotation.JsonProperty;

public enum TriggerOutcome {
    /** The downstream job was created (Keboola 201) or the webhook answered 2xx. */
    @JsonProperty("ok") OK,
    /** Permanently refused, or retries ran out; nothing was created downstream. */
    @JsonProperty("failed") FAILED,
    /** The dispatcher cannot tell whether the downstream job exists; an operator decides (retrigger or not). */
    @JsonProperty("unknown") UNKNOWN,
    /** Refused before any request: the target or its secret breaks a rule (host not allowed, wrong secret type). */
    @JsonProperty("refused") REFUSED,
    /** Already delivered by an earlier run (the dispatcher's ledger says so); answered again so no job waits for good. */
    @JsonProperty("skipped") SKIPPED
}
