package dev.tecko.api.system;

import io.javalin.config.RoutesConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/** {@code GET /metrics}: every meter of the registry the processor and the API share, in Prometheus text format. */
public final class MetricsRoute {
    private static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry;

    public MetricsRoute(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    public void register(RoutesConfig routes) {
        routes.get("/metrics", ctx -> ctx.contentType(CONTENT_TYPE).result(registry.scrape()));
    }
}
