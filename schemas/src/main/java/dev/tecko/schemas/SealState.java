package dev.tecko.schemas;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Where a tagged job's batch list stands: {@code open} (batches carrying the tag are still added; the job cannot trigger),
 * {@code sealing} (a {@code seal} command came; added batches are still accepted until a search of the provider's list
 * covers every batch created before it), {@code sealed} (the list is final; a tagged batch found later is refused, with a
 * {@code batches_refused} event, and the job triggers once every batch it holds is terminal).
 */
public enum SealState {
    @JsonProperty("open") OPEN,
    @JsonProperty("sealing") SEALING,
    @JsonProperty("sealed") SEALED
}
