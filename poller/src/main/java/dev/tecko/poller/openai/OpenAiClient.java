package dev.tecko.poller.openai;

import dev.tecko.poller.openai.OpenAiException.Kind;
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
 * The two calls the poller makes: {@code GET {base}/batches/{id}} and {@code GET {base}/batches?limit=100&after=…}.
 * Retries IO errors and 5xx with a resilience4j {@link Retry} (exponential backoff, full jitter); a 429 blocks the key
 * in the {@link RateLimitGate} until the time the response names, and no request for that key leaves before then.
 * Thread-safe.
 */
public final class OpenAiClient {
    public static final int PAGE_LIMIT = 100;

    private final OkHttpClient http;
    private final ClientSettings settings;
    private final RateLimitGate gate;
    private final MeterRegistry meters;
    private final Clock clock;
    private final Retry retry;

    public OpenAiClient(ClientSettings settings, int maxConnections, RateLimitGate gate, MeterRegistry meters, Clock clock) {
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
                // redirect but not Azure's api-key header, so none is followed (a 3xx is a client error, polled again)
                .followRedirects(false)
                .followSslRedirects(false)
                .connectionPool(new ConnectionPool(Math.max(5, maxConnections), 5, TimeUnit.MINUTES))
                .build();
    }

    public OpenAiClient(ClientSettings settings, RateLimitGate gate, MeterRegistry meters, Clock clock) {
        this(settings, 16, gate, meters, clock);
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
        AtomicInteger attempts = new AtomicInteger();
        try {
            return retry.executeCallable(() -> attempt(endpoint, request, kind, what, attempts.incrementAndGet()));
        } catch (OpenAiException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("unexpected " + e.getClass().getName(), e);
        }
    }

    /** A batch object is a few KB, a list page a few MB at most: more is no answer worth holding in memory. */
    static final long MAX_BODY_BYTES = 32L * 1024 * 1024;

    private static byte[] bounded(Response response, String what) throws IOException, OpenAiException {
        var source = response.body().source();
        if (source.request(MAX_BODY_BYTES + 1)) {
            throw new OpenAiException(Kind.MALFORMED, what + " answered more than " + MAX_BODY_BYTES / (1024 * 1024) + " MiB",
                    response.code(), null);
        }
        return source.readByteArray();
    }

    private byte[] attempt(OpenAiEndpoint endpoint, Request request, String kind, String what, int attempt) throws OpenAiException {
        var blocked = gate.blockedUntil(endpoint.name(), clock.instant());
        if (blocked.isPresent()) {
            throw new OpenAiException(Kind.RATE_LIMITED, what + ": key '" + endpoint.name() + "' is rate limited until "
                    + blocked.get(), null, blocked.get());
        }
        long started = System.nanoTime();
        try (Response response = http.newCall(request).execute()) {
            int code = response.code();
            byte[] body = code >= 200 && code < 300 ? bounded(response, what) : null;
            count(kind, outcome(code), started);
            if (body != null) {
                return body;
            }
            if (code == 429) {
                Instant now = clock.instant();
                Instant until = RateLimitReset.until(response.header("Retry-After"), response.header("x-ratelimit-reset-requests"),
                        now, settings.defaultRateLimitWait());
                gate.block(endpoint.name(), until);
                rateLimitWait(Duration.between(now, until));
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
            throw new OpenAiException(Kind.SERVER_ERROR, what + " answered " + code + " after " + attempt + " attempt(s)",
                    code, null);
        } catch (IOException e) {
            count(kind, "io_error", started);
            throw new OpenAiException(Kind.IO_ERROR, what + " failed after " + attempt + " attempt(s): "
                    + e.getClass().getSimpleName(), null, null);
        }
    }

    /** The retry, so tests can watch its waits through its event publisher. */
    Retry retry() {
        return retry;
    }

    /** IO errors and 5xx are retried, {@code maxAttempts} attempts in all; the last attempt's exception is thrown. */
    private static Retry retry(ClientSettings settings) {
        long backoff = settings.backoff().toMillis();
        long maxBackoff = settings.maxBackoff().toMillis();
        return Retry.of("openai", RetryConfig.custom()
                .maxAttempts(settings.maxAttempts())
                .retryOnException(e -> e instanceof OpenAiException o && (o.kind() == Kind.IO_ERROR || o.kind() == Kind.SERVER_ERROR))
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
    private void count(String kind, String outcome, long startedNanos) {
        Counter.builder("tecko.poller.http.calls").description("HTTP calls to batch APIs")
                .tag("call", kind).tag("outcome", outcome).register(meters).increment();
        Timer.builder("tecko.poller.http.latency").description("latency of HTTP calls to batch APIs, body read included")
                .tag("call", kind).tag("outcome", outcome).publishPercentileHistogram()
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

    public void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
