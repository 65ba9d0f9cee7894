package dev.tecko.schemas;

import com.fasterxml.jackson.annotation.JsonProperty;

public enum SecretType {
    @JsonProperty("openai") OPENAI,
    @JsonProperty("keboola") KEBOOLA,
    @JsonProperty("webhook") WEBHOOK
}
