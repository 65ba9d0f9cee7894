package dev.tecko.api.http;

import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * {@code tecko_api_requests_total{method,route,status}} and {@code tecko_api_request_duration_seconds{method,route}}.
 * The route is the matched path template ({@code /api/jobs/{id}}), never the raw path, so job ids do not explode the
 * number of series; requests no route matched count as {@code unmatched}.
 */
public final class RequestMetrics {
    public static final String REQUESTS = "tecko.api.requests";
    public static final String DURATION = "tecko.api.request.duration";

    private final MeterRegistry registry;

    public RequestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void record(Context ctx, float millis) {
        String method = ctx.method().name();
        String route = route(ctx);
        Counter.builder(REQUESTS).description("API requests answered").tag("method", method).tag("route", route)
                .tag("status", Integer.toString(ctx.statusCode())).register(registry).increment();
        Timer.builder(DURATION).description("API request latency").tag("method", method).tag("route", route)
                .register(registry).record(Duration.ofNanos((long) (millis * 1_000_000)));
    }

    private static String route(Context ctx) {
        try {
            Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
            return endpoint == null ? "unmatched" : endpoint.path;
        } catch (RuntimeException e) {
            return "unmatched";
        }
    }
}
