package dev.tecko.observability.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tecko.observability.health.CheckResult;
import dev.tecko.observability.health.Readiness;
import dev.tecko.schemas.json.Json;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The small HTTP endpoint of a runtime that has no API of its own (poller, dispatcher), on the JDK's HTTP server:
 * <ul>
 *   <li>{@code GET /metrics}: the Prometheus text format;</li>
 *   <li>{@code GET /health/live}: 200 while the process is not stopping, else 503 (a liveness probe restarts on it);</li>
 *   <li>{@code GET /health/ready}: 200 when every readiness check passes, else 503; both with a JSON body naming each
 *       check and, on 503, the failing ones.</li>
 * </ul>
 */
public final class OpsServer implements AutoCloseable {
    public static final String METRICS = "/metrics";
    public static final String LIVE = "/health/live";
    public static final String READY = "/health/ready";
    private static final Logger log = LoggerFactory.getLogger(OpsServer.class);
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final HttpServer server;
    private final ExecutorService executor;
    private final PrometheusMeterRegistry registry;
    private final Readiness readiness;
    private final BooleanSupplier stopping;

    /**
     * @param port     0 for any free port
     * @param stopping true once the runtime is shutting down
     * @throws BindException when the port is taken
     */
    public OpsServer(int port, PrometheusMeterRegistry registry, Readiness readiness, BooleanSupplier stopping, String runtime)
            throws IOException {
        this.registry = registry;
        this.readiness = readiness;
        this.stopping = stopping;
        this.server = HttpServer.create(new InetSocketAddress(port), 16);
        // two threads: a slow scrape must not hold up a probe, whose timeout restarts the container
        this.executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "tecko-" + runtime + "-ops-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
    }

    public OpsServer start() {
        server.start();
        return this;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod())) {
                respond(exchange, 405, "application/json", "{\"error\":\"method not allowed\"}");
                return;
            }
            switch (exchange.getRequestURI().getPath()) {
                case METRICS -> respond(exchange, 200, PROMETHEUS_TEXT, registry.scrape());
                case LIVE -> live(exchange);
                case READY -> ready(exchange);
                default -> respond(exchange, 404, "application/json", "{\"error\":\"not found\"}");
            }
        } catch (RuntimeException e) {
            log.warn("ops endpoint {} failed: {}", exchange.getRequestURI().getPath(), e.toString());
        }
    }

    private void live(HttpExchange exchange) throws IOException {
        boolean up = !stopping.getAsBoolean();
        ObjectNode body = Json.mapper().createObjectNode().put("status", up ? "UP" : "DOWN");
        if (!up) {
            body.putArray("failing").add("stopping");
        }
        respond(exchange, up ? 200 : 503, "application/json", body.toString());
    }

    private void ready(HttpExchange exchange) throws IOException {
        Readiness.Report report = readiness.report();
        if (stopping.getAsBoolean()) {
            report = report.with("stopping", CheckResult.down("the runtime is shutting down"));
        }
        respond(exchange, report.up() ? 200 : 503, "application/json", report.toJson().toString());
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", contentType);
        exchange.getResponseHeaders().add("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
