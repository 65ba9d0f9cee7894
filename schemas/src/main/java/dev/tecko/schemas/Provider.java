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
