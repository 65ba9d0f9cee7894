package dev.tecko.schemas;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;

public enum SecretType {
    @JsonProperty("openai") OPENAI,
    @JsonProperty("keboola") KEBOOLA,
    @JsonProperty("webhook") WEBHOOK,
    /** An Anthropic API key (Message Batches). */
    @JsonProperty("anthropic") ANTHROPIC,
    /** A Google Gemini API key (Gemini batch mode). */
    @JsonProperty("gemini") GEMINI;

    /** A key of a batch provider: what a job's {@code openaiSecret} may name; its type chooses the provider. */
    public boolean isBatchProvider() {
        // one list of the batch providers' key types: Provider's
        return Provider.of(this).isPresent();
    }

    /** As written on the wire and shown to users. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
