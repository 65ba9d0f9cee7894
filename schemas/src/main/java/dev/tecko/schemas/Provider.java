package dev.tecko.schemas;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;
import java.util.Optional;

/** The batch provider a batch lives at, chosen by the type of the job's provider secret. */
public enum Provider {
    @JsonProperty("openai") OPENAI,
    @JsonProperty("anthropic") ANTHROPIC,
    @JsonProperty("gemini") GEMINI;

    /** As written on the wire and shown to users. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Whether the provider's batches carry user metadata that a job's {@code batchTag} can find: OpenAI's (and compatible
     * servers') do; Anthropic's Message Batches and Gemini's batches have none.
     */
    public boolean keepsBatchMetadata() {
        return this == OPENAI;
    }

    /** Why a job with a {@code batchTag} cannot watch this provider's batches; empty when it can. */
    public Optional<String> refuseBatchTag() {
        return keepsBatchMetadata() ? Optional.empty() : Optional.of("batchTag needs an openai secret: " + wire()
                + " batches carry no metadata to find them by; name their batch ids instead");
    }

    /** The provider whose key a secret of this type is; empty for a secret that is no batch provider's key. */
    public static Optional<Provider> of(SecretType type) {
        return switch (type) {
            case OPENAI -> Optional.of(OPENAI);
            case ANTHROPIC -> Optional.of(ANTHROPIC);
            case GEMINI -> Optional.of(GEMINI);
            default -> Optional.empty();
        };
    }
}
