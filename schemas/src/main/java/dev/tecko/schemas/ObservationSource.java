package dev.tecko.schemas;

import com.fasterxml.jackson.annotation.JsonProperty;

public enum ObservationSource {
    @JsonProperty("poll") POLL,
    @JsonProperty("webhook") WEBHOOK
}
