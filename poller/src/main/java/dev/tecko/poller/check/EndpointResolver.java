package dev.tecko.poller.check;

import dev.tecko.poller.openai.OpenAiEndpoint;
import dev.tecko.secrets.Secret;
import dev.tecko.secrets.SecretException;
import dev.tecko.secrets.SecretSource;
import java.util.Optional;

/** Turns a job's {@code openaiSecret} name into an endpoint: the secret's base URL (or the default) and its key. */
public final class EndpointResolver {
    private final SecretSource secrets;
    private final String defaultBaseUrl;

    public EndpointResolver(SecretSource secrets, String defaultBaseUrl) {
        this.secrets = secrets;
        this.defaultBaseUrl = defaultBaseUrl;
    }

    /** Empty when the secret is unknown; a {@link SecretException} when it cannot be decrypted. */
    public Optional<OpenAiEndpoint> resolve(String secretName) {
        return secrets.find(secretName).map(s -> OpenAiEndpoint.of(
                s.baseUrl() == null || s.baseUrl().isBlank() ? new Secret(s.name(), s.type(), defaultBaseUrl, s.value()) : s));
    }
}
