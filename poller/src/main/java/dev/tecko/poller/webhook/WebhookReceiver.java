package dev.tecko.poller.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tecko.platform.webhooks.StandardWebhooks;
import dev.tecko.schemas.json.Json;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives OpenAI's webhooks at {@code POST /webhooks/openai}: verifies the Standard Webhooks signature, and for
 * {@code batch.completed|failed|expired|cancelled} hands the batch id on (the poller then fetches and publishes it).
 * Answers 401 to a bad, missing or stale signature, 400 to a body that is not an event, 200 otherwise.
 */
public final class WebhookReceiver implements AutoCloseable {
    public static final String PATH = "/webhooks/openai";
    static final Set<String> BATCH_EVENTS = Set.of("batch.completed", "batch.failed", "batch.expired", "batch.cancelled");
    private static final Logger log = LoggerFactory.getLogger(WebhookReceiver.class);
    private static final int MAX_BODY = 1 << 20;

    private final HttpServer server;
    private final ExecutorService executor;
    private final StandardWebhooks verifier;
    private final Clock clock;
    private final Consumer<String> onBatchEvent;
    private final MeterRegistry meters;

    /** @param port 0 for any free port */
    public WebhookReceiver(int port, StandardWebhooks verifier, Clock clock, Consumer<String> onBatchEvent, MeterRegistry meters) {
        this.verifier = verifier;
        this.clock = clock;
        this.onBatchEvent = onBatchEvent;
        this.meters = meters;
        try {
            server = HttpServer.create(new InetSocketAddress(port), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen for webhooks on port " + port, e);
        }
        executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "tecko-poller-webhooks");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext(PATH, this::handle);
    }

    public WebhookReceiver start() {
        server.start();
        log.info("OpenAI webhooks accepted on port {} at {}", port(), PATH);
        return this;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                respond(exchange, 405, "method_not_allowed");
                return;
            }
            byte[] body = read(exchange.getRequestBody());
            if (body == null) {
                respond(exchange, 413, "too_large");
                return;
            }
            var headers = exchange.getRequestHeaders();
            var verdict = verifier.verify(headers.getFirst(StandardWebhooks.ID_HEADER), headers.getFirst(StandardWebhooks.TIMESTAMP_HEADER),
                    headers.getFirst(StandardWebhooks.SIGNATURE_HEADER), body, clock.instant());
            if (verdict != StandardWebhooks.Verdict.OK) {
                log.warn("webhook refused: {}", verdict);
                respond(exchange, 401, "rejected_" + verdict.name().toLowerCase(java.util.Locale.ROOT));
                return;
            }
            JsonNode event;
            try {
                event = Json.mapper().readTree(body);
            } catch (IOException e) {
                event = null;
            }
            String type = event == null ? null : event.path("type").asText(null);
            String batchId = event == null ? null : event.path("data").path("id").asText(null);
            if (type == null) {
                respond(exchange, 400, "bad_request");
                return;
            }
            if (!BATCH_EVENTS.contains(type) || batchId == null || batchId.isBlank()) {
                respond(exchange, 200, "ignored");
                return;
            }
            respond(exchange, 200, "accepted");
            try {
                onBatchEvent.accept(batchId);
            } catch (RuntimeException e) {
                log.warn("handling webhook for batch {} failed: {}", batchId, e.toString());
            }
        }
    }

    private static byte[] read(InputStream in) throws IOException {
        byte[] body = in.readNBytes(MAX_BODY + 1);
        return body.length > MAX_BODY ? null : body;
    }

    private void respond(HttpExchange exchange, int status, String result) throws IOException {
        Counter.builder("tecko.poller.webhooks").description("OpenAI webhook requests by result").tag("result", result)
                .register(meters).increment();
        byte[] bytes = ("{\"result\":\"" + result + "\"}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
