package dev.tecko.poller.check;

import dev.tecko.platform.secrets.Secret;
import dev.tecko.platform.secrets.SecretException;
import dev.tecko.platform.secrets.SecretSource;
import dev.tecko.platform.targets.TargetAllowList;
import dev.tecko.poller.provider.ProviderEndpoint;
import dev.tecko.schemas.SecretType;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns a job's {@code openaiSecret} name into an endpoint: the provider (by the secret's type: {@code openai},
 * {@code anthropic} or {@code gemini}), the secret's base URL (or the provider's default) and its key. Other teams can
 * write the {@code secrets} topic, so the rules the API applies are applied here again, where the key is used: only a
 * batch provider's secret, and only a base URL on that provider's allow-list. The configured default OpenAI base URL
 * ({@code TECKO_OPENAI_BASE_URL}) is the operator's own and is not checked; Anthropic and Gemini default to their APIs.
 */
public final class EndpointResolver {
    private final SecretSource secrets;
    private final String defaultBaseUrl;
    private final TargetAllowList allowList;

    public EndpointResolver(SecretSource secrets, String defaultBaseUrl, TargetAllowList allowList) {
        this.secrets = secrets;
        this.defaultBaseUrl = defaultBaseUrl;
        this.allowList = allowList;
    }

    /**
     * Empty when the secret is unknown; a {@link SecretException} when it cannot be decrypted; a {@link RefusedException}
     * when it must not be sent where it says.
     */
    public Optional<ProviderEndpoint> resolve(String secretName) {
        return secrets.find(secretName).map(s -> ProviderEndpoint.of(checked(s)));
    }

    private Secret checked(Secret secret) {
        if (!secret.type().isBatchProvider()) {
            throw new RefusedException("secret '" + secret.name() + "' is a " + secret.type().name().toLowerCase(Locale.ROOT)
                    + " secret, not a batch provider's (openai, anthropic or gemini): it is not sent to a batch API");
        }
        if (secret.baseUrl() == null || secret.baseUrl().isBlank()) {
            return secret.type() == SecretType.OPENAI ? new Secret(secret.name(), secret.type(), defaultBaseUrl, secret.value()) : secret;
        }
        allowList.refuseProviderBaseUrl(secret.type(), secret.baseUrl()).ifPresent(why -> {
            throw new RefusedException("secret '" + secret.name() + "' has base URL " + secret.baseUrl() + ", which is refused: " + why);
        });
        return secret;
    }

    /** The secret must not be used: its reason names the secret and the rule, never the value. */
    public static final class RefusedException extends RuntimeException {
        RefusedException(String message) {
            super(message, null, false, false);
        }
    }
}
