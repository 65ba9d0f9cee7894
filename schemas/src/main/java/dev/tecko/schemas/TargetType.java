package dev.tecko.schemas;

import com.fasterxml.jackson.annotation.JsonProperty;

public enum TargetType {
    @JsonProperty("keboola") KEBOOLA,
    @JsonProperty("webhook") WEBHOOK
}
