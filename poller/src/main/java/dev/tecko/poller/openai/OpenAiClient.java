package dev.tecko.poller.openai;

import dev.tecko.poller.openai.OpenAiException.Kind;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The two calls the poller makes: {@code GET {base}/batches/{id}} and {@code GET {base}/batches?limit=100&after=…}.
 * Retries IO errors and 5xx with exponential backoff and full jitter; a 429 blocks the key in the {@link RateLimitGate}
 * until the time the response names, and no request for that key leaves before then. Thread-safe.
 */
public final class OpenAiClient {
    public static final int PAGE_LIMIT = 100;

    /** How the client waits between attempts; tests pass one that does not. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final OkHttpClient http;
    private final ClientSettings settings;
    private final RateLimitGate gate;
    private final MeterRegistry meters;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Random random;

    public OpenAiClient(ClientSettings settings, int maxConnections, RateLimitGate gate, MeterRegistry meters, Clock clock,
                        Sleeper sleeper, Random random) {
        this.settings = settings;
        this.gate = gate;
        this.meters = meters;
        this.clock = clock;
        this.sleeper = sleeper;
        this.random = random;
        this.http = new OkHttpClient.Builder()
                .connectTimeout(settings.connectTimeout())
                .readTimeout(settings.readTimeout())
                .callTimeout(settings.connectTimeout().plus(settings.readTimeout()))
                .retryOnConnectionFailure(false)
                .connectionPool(new ConnectionPool(Math.max(5, maxConnections), 5, TimeUnit.MINUTES))
                .build();
    }

    public OpenAiClient(ClientSettings settings, RateLimitGate gate, MeterRegistry meters, Clock clock) {
        this(settings, 16, gate, meters, clock, d -> Thread.sleep(d.toMillis()), new Random());
    }

    public OpenAiBatch getBatch(OpenAiEndpoint endpoint, String batchId) throws OpenAiException {
        HttpUrl url = endpoint.url("batches", batchId).build();
        byte[] body = call(endpoint, url, "get", "GET /batches/" + batchId);
        try {
            OpenAiBatch batch = BatchParser.batch(body);
            if (!batch.id().equals(batchId)) {
                throw new OpenAiException(Kind.MALFORMED, "GET /batches/" + batchId + " answered batch " + batch.id(), 200, null);
            }
            return batch;
        } catch (BatchParser.MalformedBatchException e) {
            throw new OpenAiException(Kind.MALFORMED, "GET /batches/" + batchId + ": " + e.getMessage(), 200, null);
        }
    }

    /** One page of the key's batches, newest first; {@code after} is the previous page's last id, or null. */
    public BatchPage listBatches(OpenAiEndpoint endpoint, String after) throws OpenAiException {
        HttpUrl.Builder url = endpoint.url("batches").addQueryParameter("limit", Integer.toString(PAGE_LIMIT));
        if (after != null) {
            url.addQueryParameter("after", after);
        }
        byte[] body = call(endpoint, url.build(), "list", "GET /batches");
        try {
            return BatchParser.page(body);
        } catch (BatchParser.MalformedBatchException e) {
            throw new OpenAiException(Kind.MALFORMED, "GET /batches: " + e.getMessage(), 200, null);
        }
    }

    private byte[] call(OpenAiEndpoint endpoint, HttpUrl url, String kind, String what) throws OpenAiException {
        Request request = new Request.Builder().url(url).get()
                .header(endpoint.authHeaderName(), endpoint.authHeaderValue())
                .header("Accept", "application/json")
                .build();
        OpenAiException last = null;
        for (int attempt = 1; attempt <= settings.maxAttempts(); attempt++) {
            var blocked = gate.blockedUntil(endpoint.name(), clock.instant());
            if (blocked.isPresent()) {
                throw new OpenAiException(Kind.RATE_LIMITED, what + ": key '" + endpoint.name() + "' is rate limited until "
                        + blocked.get(), null, blocked.get());
            }
            try (Response response = http.newCall(request).execute()) {
                int code = response.code();
                count(kind, outcome(code));
                if (code >= 200 && code < 300) {
                    return response.body().bytes();
                }
                if (code == 429) {
                    Instant until = RateLimitReset.until(response.header("Retry-After"), response.header("x-ratelimit-reset-requests"),
                            clock.instant(), settings.defaultRateLimitWait());
                    gate.block(endpoint.name(), until);
                    throw new OpenAiException(Kind.RATE_LIMITED, what + " answered 429; no request before " + until, 429, until);
                }
                if (code == 401 || code == 403) {
                    throw new OpenAiException(Kind.UNAUTHORIZED, what + " answered " + code + ": the key of '" + endpoint.name()
                            + "' was refused", code, null);
                }
                if (code == 404) {
                    throw new OpenAiException(Kind.NOT_FOUND, what + " answered 404", code, null);
                }
                if (code < 500) {
                    throw new OpenAiException(Kind.CLIENT_ERROR, what + " answered " + code, code, null);
                }
                last = new OpenAiException(Kind.SERVER_ERROR, what + " answered " + code + " after " + attempt + " attempt(s)",
                        code, null);
            } catch (IOException e) {
                count(kind, "io_error");
                last = new OpenAiException(Kind.IO_ERROR, what + " failed after " + attempt + " attempt(s): "
                        + e.getClass().getSimpleName(), null, null);
            }
            if (attempt < settings.maxAttempts()) {
                backoff(attempt);
            }
        }
        throw last;
    }

    private void backoff(int attempt) throws OpenAiException {
        long cap = Math.min(settings.maxBackoff().toMillis(), settings.backoff().toMillis() << Math.min(20, attempt - 1));
        long delay = cap <= 0 ? 0 : (long) (random.nextDouble() * cap);
        try {
            sleeper.sleep(Duration.ofMillis(delay));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OpenAiException(Kind.IO_ERROR, "interrupted while backing off", null, null);
        }
    }

    private static String outcome(int code) {
        if (code == 429) {
            return "429";
        }
        return (code / 100) + "xx";
    }

    private void count(String kind, String outcome) {
        Counter.builder("tecko.poller.http.calls").description("HTTP calls to batch APIs")
                .tag("call", kind).tag("outcome", outcome).register(meters).increment();
    }

    public void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
