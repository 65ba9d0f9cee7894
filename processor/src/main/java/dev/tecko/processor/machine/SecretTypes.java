package dev.tecko.processor.machine;

import dev.tecko.schemas.SecretType;
import dev.tecko.schemas.TriggerTarget;
import java.util.Optional;

/**
 * The types of the secrets known so far, by name: what a job's secret references are checked against where commands
 * are applied ({@code job-commands} is open to any client, not only the API).
 */
@FunctionalInterface
public interface SecretTypes {
    /** Knows no secret: every reference passes (tests, benchmarks). */
    SecretTypes UNKNOWN = name -> Optional.empty();

    Optional<SecretType> typeOf(String name);

    /**
     * Why a job may not use these secrets: a secret known to be of another type than its field needs. A secret not
     * known (yet) passes: the API checks that it exists, and the dispatcher and the poller refuse a wrong type where
     * the credential would be sent.
     *
     * @param openaiSecret the job's batch provider secret (openai, anthropic or gemini), or null when not changed
     * @param target       the job's target, or null when not changed
     */
    default Optional<String> refuse(String openaiSecret, TriggerTarget target) {
        // any batch provider's key: its type chooses the provider
        Optional<String> openai = openaiSecret == null ? Optional.empty() : typeOf(openaiSecret).filter(type -> !type.isBatchProvider())
                .map(type -> "openaiSecret: secret '" + openaiSecret + "' is of type " + type.wire()
                        + ", not a batch provider's key (openai, anthropic or gemini)");
        if (openai.isPresent() || target == null) {
            return openai;
        }
        return refuse("target.secret", target.secret(), target.type().secretType());
    }

    private Optional<String> refuse(String field, String name, SecretType needed) {
        if (name == null) {
            return Optional.empty();
        }
        return typeOf(name).filter(type -> type != needed).map(type -> field + ": secret '" + name + "' is of type " + type.wire()
                + ", not " + needed.wire());
    }
}
