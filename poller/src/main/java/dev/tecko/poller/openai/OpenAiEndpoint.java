package dev.tecko.poller.openai;

import dev.tecko.platform.secrets.Secret;
import java.util.Locale;
import okhttp3.HttpUrl;

/**
 * Where and how to call one key's batch API. Azure OpenAI hosts ({@code *.openai.azure.com}) take the key in an
 * {@code api-key} header, every other server as {@code Authorization: Bearer}. {@code toString} hides the key.
 *
 * @param name the secret's name: what rate limits and metrics are kept by
 */
public record OpenAiEndpoint(String name, HttpUrl baseUrl, String apiKey) {
    public static final String DEFAULT_BASE_URL = "https://api.openai.com/v1";

    public static OpenAiEndpoint of(Secret secret) {
        String base = secret.baseUrl() == null || secret.baseUrl().isBlank() ? DEFAULT_BASE_URL : secret.baseUrl();
        return new OpenAiEndpoint(secret.name(), parse(base), secret.value());
    }

    public static HttpUrl parse(String base) {
        HttpUrl url = HttpUrl.parse(base);
        if (url == null) {
            throw new IllegalArgumentException("not an http(s) URL: " + base);
        }
        return url;
    }

    public boolean azure() {
        return baseUrl.host().toLowerCase(Locale.ROOT).endsWith(".openai.azure.com");
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

    public String authHeaderName() {
        return azure() ? "api-key" : "Authorization";
    }

    public String authHeaderValue() {
        return azure() ? apiKey : "Bearer " + apiKey;
    }

    @Override
    public String toString() {
        return "OpenAiEndpoint[name=" + name + ", baseUrl=" + baseUrl + ", apiKey=****]";
    }
}
