package dev.tecko.schemas;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What sealed a tagged job's batch list ({@link BatchSearch#sealedBy()}). */
public enum SealReason {
    /** A {@code seal} command, once a search of the provider's list covered every batch created before it. */
    @JsonProperty("command") COMMAND,
    /** The job's {@code sealAt}, once a search of the provider's list covered every batch created before it. */
    @JsonProperty("seal_at") SEAL_AT,
    /** The job holds {@code expectedBatches} batches. */
    @JsonProperty("expected_batches") EXPECTED_BATCHES,
    /** The job's deadline passed: what it holds then is what it triggers with. */
    @JsonProperty("deadline") DEADLINE
}
