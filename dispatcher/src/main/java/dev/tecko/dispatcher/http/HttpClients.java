package dev.tecko.dispatcher.http;

import java.time.Duration;
import okhttp3.OkHttpClient;

/** The one way the dispatcher builds an HTTP client: explicit timeouts, no automatic retries (ours decide). */
public final class HttpClients {
    private HttpClients() {
    }

    public static OkHttpClient create(Duration connectTimeout, Duration callTimeout) {
        return new OkHttpClient.Builder()
                .connectTimeout(connectTimeout)
                .readTimeout(callTimeout)
                .writeTimeout(callTimeout)
                .callTimeout(callTimeout)
                .retryOnConnectionFailure(false)
                .followRedirects(false)
                .build();
    }
}
