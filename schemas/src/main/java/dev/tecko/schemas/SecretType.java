package dev.tecko.schemas;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;

public enum SecretType {
    @JsonProperty("openai") OPENAI,
    @JsonProperty("keboola") KEBOOLA,
    @JsonProperty("webhook") WEBHOOK;

    /** As written on the wire and shown to users. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
