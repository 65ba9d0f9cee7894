package dev.tecko.schemas;

import com.fasterxml.jackson.annotation.JsonProperty;

public enum TargetType {
    @JsonProperty("keboola") KEBOOLA,
    @JsonProperty("webhook") WEBHOOK;

    /** The type of secret a target of this type is sent with: a credential goes only to its own kind of service. */
    public SecretType secretType() {
        return this == KEBOOLA ? SecretType.KEBOOLA : SecretType.WEBHOOK;
    }
}
