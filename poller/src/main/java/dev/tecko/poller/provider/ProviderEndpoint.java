package dev.tecko.poller.provider;

import dev.tecko.platform.secrets.Secret;
import dev.tecko.schemas.Provider;
import java.util.Locale;
import okhttp3.Headers;
import okhttp3.HttpUrl;

/**
 * Where and how to call one key's batch API. The provider (from the secret's type) decides the auth headers and the
 * default base URL: OpenAI {@code Authorization: Bearer} (Azure OpenAI hosts, {@code *.openai.azure.com}, an
 * {@code api-key} header), Anthropic {@code x-api-key} with {@code anthropic-version}, Gemini {@code x-goog-api-key}.
 * {@code toString} hides the key.
 *
 * @param name the secret's name: what rate limits and metrics are kept by
 */
public record ProviderEndpoint(String name, Provider provider, HttpUrl baseUrl, String apiKey) {
    public static final String DEFAULT_BASE_URL = "https://api.openai.com/v1";
    public static final String ANTHROPIC_BASE_URL = "https://api.anthropic.com/v1";
    public static final String GEMINI_BASE_URL = "https://generativelanguage.googleapis.com/v1beta";
    /** The Messages API version the Message Batches endpoints are called with. */
    public static final String ANTHROPIC_VERSION = "2023-06-01";

    public ProviderEndpoint {
        provider = provider == null ? Provider.OPENAI : provider;
    }

    /** An OpenAI (or compatible) endpoint. */
    public ProviderEndpoint(String name, HttpUrl baseUrl, String apiKey) {
        this(name, Provider.OPENAI, baseUrl, apiKey);
    }

    /** The secret's provider (by its type), base URL (or the provider's own) and key. */
    public static ProviderEndpoint of(Secret secret) {
        Provider provider = Provider.of(secret.type())
                .orElseThrow(() -> new IllegalArgumentException("secret '" + secret.name() + "' is no batch provider's key"));
        String base = secret.baseUrl() == null || secret.baseUrl().isBlank() ? defaultBaseUrl(provider) : secret.baseUrl();
        return new ProviderEndpoint(secret.name(), provider, parse(base), secret.value());
    }

    public static String defaultBaseUrl(Provider provider) {
        return switch (provider) {
            case OPENAI -> DEFAULT_BASE_URL;
            case ANTHROPIC -> ANTHROPIC_BASE_URL;
            case GEMINI -> GEMINI_BASE_URL;
        };
    }

    public static HttpUrl parse(String base) {
        HttpUrl url = HttpUrl.parse(base);
        if (url == null) {
            throw new IllegalArgumentException("not an http(s) URL: " + base);
        }
        return url;
    }

    public boolean azure() {
        return provider == Provider.OPENAI && baseUrl.host().toLowerCase(Locale.ROOT).endsWith(".openai.azure.com");
    }

    /** {@code base/segments…}, keeping the base's query (Azure's {@code api-version}). */
    public HttpUrl.Builder url(String... segments) {
        // OkHttp replaces an empty last segment (a base ending in '/'), so this never produces '//'
        HttpUrl.Builder builder = baseUrl.newBuilder();
        for (String segment : segments) {
            builder.addPathSegment(segment);
        }
        return builder;
    }

    /** The headers that carry the key (and, for Anthropic, the API version). */
    public Headers authHeaders() {
        return switch (provider) {
            case OPENAI -> azure() ? Headers.of("api-key", apiKey) : Headers.of("Authorization", "Bearer " + apiKey);
            case ANTHROPIC -> Headers.of("x-api-key", apiKey, "anthropic-version", ANTHROPIC_VERSION);
            case GEMINI -> Headers.of("x-goog-api-key", apiKey);
        };
    }

    @Override
    public String toString() {
        return "ProviderEndpoint[name=" + name + ", provider=" + provider.wire() + ", baseUrl=" + baseUrl + ", apiKey=****]";
    }
}
