package dev.tecko.poller.provider;

import dev.tecko.poller.provider.ProviderException.Kind;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.ConnectionPool;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The HTTP plumbing every batch provider's client shares: one OkHttp client (explicit timeouts, no redirects, bounded
 * bodies), a resilience4j {@link Retry} for IO errors and 5xx (exponential backoff, full jitter), the {@link RateLimitGate}
 * (a 429 blocks the key until the latest reset the provider names, and no request for that key leaves before then), the
 * answer's kind (401/403, 404, other 4xx) and the {@code tecko.poller.http.*} metrics. Thread-safe.
 */
public final class ProviderHttp implements AutoCloseable {
    /** A batch object is a few KB, a list page a few MB at most: more is no answer worth holding in memory. */
    public static final long MAX_BODY_BYTES = 32L * 1024 * 1024;
    /** How much of an error answer is read: enough for Google's {@code RetryInfo} and {@code API_KEY_INVALID}. */
    static final long MAX_ERROR_BYTES = 64L * 1024;

    private final OkHttpClient http;
    private final ClientSettings settings;
    private final RateLimitGate gate;
    private final MeterRegistry meters;
    private final Clock clock;
    private final Retry retry;

    public ProviderHttp(ClientSettings settings, int maxConnections, RateLimitGate gate, MeterRegistry meters, Clock clock) {
        this.settings = settings;
        this.gate = gate;
        this.meters = meters;
        this.clock = clock;
        this.retry = retry(settings);
        rateLimitWaits(); // at zero from the start, so "no 429 yet" reads as 0 rather than as a missing series
        this.http = new OkHttpClient.Builder()
                .connectTimeout(settings.connectTimeout())
                .readTimeout(settings.readTimeout())
                .callTimeout(settings.connectTimeout().plus(settings.readTimeout()))
                .retryOnConnectionFailure(false)
                // a redirect would carry the key to wherever it points: OkHttp drops Authorization on a cross-host
                // redirect but not api-key, x-api-key or x-goog-api-key, so none is followed (a 3xx is a client error)
                .followRedirects(false)
                .followSslRedirects(false)
                .connectionPool(new ConnectionPool(Math.max(5, maxConnections), 5, TimeUnit.MINUTES))
                .build();
    }

    /** Parses a 2xx body: each provider's own parser. */
    @FunctionalInterface
    public interface BodyParser<T> {
        T parse(byte[] body) throws ProviderJson.MalformedException;
    }

    /**
     * {@code GET url} and the batch it answers: a body that is no batch, or another batch than {@code batchId}, is
     * {@code MALFORMED}.
     */
    public ProviderBatch getBatch(ProviderEndpoint endpoint, HttpUrl url, String what, String batchId,
                                  BodyParser<ProviderBatch> parser) throws ProviderException {
        ProviderBatch batch = parse(get(endpoint, url, "get", what), what, parser);
        if (!batch.id().equals(batchId)) {
            throw new ProviderException(ProviderException.Kind.MALFORMED, what + " answered batch " + batch.id(), 200, null);
        }
        return batch;
    }

    /** {@code GET url} and the list page it answers; a body that is no page is {@code MALFORMED}. */
    public BatchPage getPage(ProviderEndpoint endpoint, HttpUrl url, String what, BodyParser<BatchPage> parser)
            throws ProviderException {
        return parse(get(endpoint, url, "list", what), what, parser);
    }

    private static <T> T parse(byte[] body, String what, BodyParser<T> parser) throws ProviderException {
        try {
            return parser.parse(body);
        } catch (ProviderJson.MalformedException e) {
            throw new ProviderException(ProviderException.Kind.MALFORMED, what + ": " + e.getMessage(), 200, null);
        }
    }

    /**
     * {@code GET url} with the endpoint's auth headers; the body of a 2xx.
     *
     * @param call the {@code call} tag of the metrics ({@code get}, {@code list})
     * @param what how messages name the request ({@code GET /batches/…}): never the key
     */
    public byte[] get(ProviderEndpoint endpoint, HttpUrl url, String call, String what) throws ProviderException {
        Request request = new Request.Builder().url(url).get()
                .headers(endpoint.authHeaders())
                .header("Accept", "application/json")
                .build();
        AtomicInteger attempts = new AtomicInteger();
        try {
            return retry.executeCallable(() -> attempt(endpoint, request, call, what, attempts.incrementAndGet()));
        } catch (ProviderException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("unexpected " + e.getClass().getName(), e);
        }
    }

    private byte[] attempt(ProviderEndpoint endpoint, Request request, String call, String what, int attempt) throws ProviderException {
        var blocked = gate.blockedUntil(endpoint.name(), clock.instant());
        if (blocked.isPresent()) {
            throw new ProviderException(Kind.RATE_LIMITED, what + ": key '" + endpoint.name() + "' is rate limited until "
                    + blocked.get(), null, blocked.get());
        }
        long started = System.nanoTime();
        try (Response response = http.newCall(request).execute()) {
            int code = response.code();
            byte[] body = code >= 200 && code < 300 ? bounded(response, what) : null;
            String error = code == 429 || code == 400 ? errorText(response) : null;
            count(call, outcome(code), started);
            if (body != null) {
                return body;
            }
            if (code == 429) {
                Instant now = clock.instant();
                Instant until = RateLimitReset.until(response.header("Retry-After"), response.header("x-ratelimit-reset-requests"),
                        response.header("anthropic-ratelimit-requests-reset"), error, now, settings.defaultRateLimitWait());
                gate.block(endpoint.name(), until);
                rateLimitWait(Duration.between(now, until));
                throw new ProviderException(Kind.RATE_LIMITED, what + " answered 429; no request before " + until, 429, until);
            }
            // Google answers a wrong key with 400 INVALID_ARGUMENT, reason API_KEY_INVALID
            if (code == 401 || code == 403 || (code == 400 && error != null && error.contains("API_KEY_INVALID"))) {
                throw new ProviderException(Kind.UNAUTHORIZED, what + " answered " + code + ": the key of '" + endpoint.name()
                        + "' was refused", code, null);
            }
            if (code == 404) {
                throw new ProviderException(Kind.NOT_FOUND, what + " answered 404", code, null);
            }
            if (code < 500) {
                throw new ProviderException(Kind.CLIENT_ERROR, what + " answered " + code, code, null);
            }
            throw new ProviderException(Kind.SERVER_ERROR, what + " answered " + code + " after " + attempt + " attempt(s)",
                    code, null);
        } catch (IOException e) {
            count(call, "io_error", started);
            throw new ProviderException(Kind.IO_ERROR, what + " failed after " + attempt + " attempt(s): "
                    + e.getClass().getSimpleName(), null, null);
        }
    }

    private static byte[] bounded(Response response, String what) throws IOException, ProviderException {
        var source = response.body().source();
        if (source.request(MAX_BODY_BYTES + 1)) {
            throw new ProviderException(Kind.MALFORMED, what + " answered more than " + MAX_BODY_BYTES / (1024 * 1024) + " MiB",
                    response.code(), null);
        }
        return source.readByteArray();
    }

    /** The start of an error answer, or null when it cannot be read. */
    private static String errorText(Response response) {
        try {
            return response.peekBody(MAX_ERROR_BYTES).string();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The retry, so tests can watch its waits through its event publisher. */
    public Retry retry() {
        return retry;
    }

    /** IO errors and 5xx are retried, {@code maxAttempts} attempts in all; the last attempt's exception is thrown. */
    private static Retry retry(ClientSettings settings) {
        long backoff = settings.backoff().toMillis();
        long maxBackoff = settings.maxBackoff().toMillis();
        return Retry.of("batch-provider", RetryConfig.custom()
                .maxAttempts(settings.maxAttempts())
                .retryOnException(e -> e instanceof ProviderException o && (o.kind() == Kind.IO_ERROR || o.kind() == Kind.SERVER_ERROR))
                .intervalBiFunction((attempt, outcome) -> fullJitter(backoff, maxBackoff, attempt))
                .build());
    }

    /** Exponential backoff with full jitter: uniform in [0, min(maxBackoff, backoff * 2^(attempt-1))) milliseconds. */
    private static long fullJitter(long backoff, long maxBackoff, int attempt) {
        long cap = Math.min(maxBackoff, backoff << Math.min(20, attempt - 1));
        return cap <= 0 ? 0 : (long) (ThreadLocalRandom.current().nextDouble() * cap);
    }

    private static String outcome(int code) {
        if (code == 429) {
            return "429";
        }
        return (code / 100) + "xx";
    }

    /** One answered (or failed) request: counted, and its latency recorded, both by call and outcome. */
    private void count(String call, String outcome, long startedNanos) {
        Counter.builder("tecko.poller.http.calls").description("HTTP calls to batch APIs")
                .tag("call", call).tag("outcome", outcome).register(meters).increment();
        Timer.builder("tecko.poller.http.latency").description("latency of HTTP calls to batch APIs, body read included")
                .tag("call", call).tag("outcome", outcome).publishPercentileHistogram()
                .register(meters).record(System.nanoTime() - startedNanos, TimeUnit.NANOSECONDS);
    }

    /** How long a 429 holds its key back: the count is the number of rate-limit waits, the sum the time spent waiting. */
    private void rateLimitWait(Duration wait) {
        rateLimitWaits().record(wait.isNegative() ? Duration.ZERO : wait);
    }

    private Timer rateLimitWaits() {
        return Timer.builder("tecko.poller.rate.limit.waits").description("waits imposed by 429 answers (until Retry-After / reset)")
                .register(meters);
    }

    @Override
    public void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
