package dev.tecko.app.cli;

import dev.tecko.app.ApiTokenFile;
import dev.tecko.platform.config.ConfigException;
import dev.tecko.platform.config.TeckoConfig;
import okhttp3.HttpUrl;

/** Where the tecko API is and the bearer token it wants. {@link #toString()} never shows the token. */
public final class ApiEndpoint {
    static final String URL_ENV = "TECKO_API_URL";
    static final String TOKEN_ENV = ApiTokenFile.TOKEN;
    public static final String DEFAULT_URL = "http://127.0.0.1:8080";

    private final HttpUrl url;
    private final String token;

    private ApiEndpoint(HttpUrl url, String token) {
        this.url = url;
        this.token = token;
    }

    /** {@code urlOverride} is the {@code --api-url} flag, or null. */
    static ApiEndpoint resolve(TeckoConfig config, String urlOverride) {
        return new ApiEndpoint(url(config, urlOverride), token(config));
    }

    private static HttpUrl url(TeckoConfig config, String urlOverride) {
        String source = urlOverride != null ? "--api-url" : URL_ENV;
        String raw = urlOverride != null ? urlOverride : config.string(URL_ENV, DEFAULT_URL);
        HttpUrl parsed = HttpUrl.parse(raw);
        if (parsed == null) {
            throw new ConfigException(source + " must be an http or https URL, got '" + raw + "'");
        }
        return parsed;
    }

    private static String token(TeckoConfig config) {
        return config.optional(TOKEN_ENV)
                .or(() -> ApiTokenFile.find(config))
                .orElseThrow(() -> new ConfigException(TOKEN_ENV + " is not set and " + ApiTokenFile.location(config)
                        + " does not exist; set " + TOKEN_ENV + " to the API's token (tecko up writes it to that file)"));
    }

    HttpUrl url() {
        return url;
    }

    String token() {
        return token;
    }

    /** The base URL with these path segments appended, each encoded (job ids and secret names are user input). */
    HttpUrl.Builder path(String... segments) {
        HttpUrl.Builder builder = url.newBuilder();
        for (String segment : segments) {
            builder.addPathSegment(segment);
        }
        return builder;
    }

    @Override
    public String toString() {
        return "tecko API at " + url;
    }
}
