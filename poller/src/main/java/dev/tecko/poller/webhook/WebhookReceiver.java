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
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives OpenAI's webhooks at {@code POST /webhooks/openai}: verifies the Standard Webhooks signature, and for
 * {@code batch.completed|failed|expired|cancelled} hands the event to the {@link Handler} (which hands it over to the
 * poller owning the job) and answers as the handler says: 2xx only once the event is safely handed over or needs
 * nothing, 503 otherwise, so that OpenAI delivers it again (it retries for up to 72 hours). Answers 401 to a bad,
 * missing or stale signature, 400 to a body that is not an event, 200 to events that are not about a batch.
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
    private final Handler handler;
    private final MeterRegistry meters;

    /** A verified event about a batch; {@code eventId} is the {@code webhook-id} header, the same for every retry. */
    public record BatchEvent(String batchId, String eventId, String eventType, Instant receivedAt) {
    }

    /** What became of a batch event, and so the answer OpenAI gets. */
    public enum Outcome {
        /** Handed over durably (or acted on): 200. */
        ACCEPTED(200, "accepted"),
        /** No job holds the batch, and the index of jobs is complete: nothing to do, 200. */
        UNKNOWN_BATCH(200, "unknown_batch"),
        /** The index of jobs is still being read: 503, OpenAI retries. */
        NOT_READY(503, "not_ready"),
        /** The handover could not be written: 503, OpenAI retries. */
        FAILED(503, "handover_failed");

        final int status;
        final String result;

        Outcome(int status, String result) {
            this.status = status;
            this.result = result;
        }
    }

    /** Called on a request thread, before the answer: the answer waits for it. */
    @FunctionalInterface
    public interface Handler {
        Outcome handle(BatchEvent event);
    }

    /** @param port 0 for any free port */
    public WebhookReceiver(int port, StandardWebhooks verifier, Clock clock, Handler handler, MeterRegistry meters) {
        this.verifier = verifier;
        this.clock = clock;
        this.handler = handler;
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
            Instant receivedAt = clock.instant();
            String eventId = headers.getFirst(StandardWebhooks.ID_HEADER);
            var verdict = verifier.verify(eventId, headers.getFirst(StandardWebhooks.TIMESTAMP_HEADER),
                    headers.getFirst(StandardWebhooks.SIGNATURE_HEADER), body, receivedAt);
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
            Outcome outcome;
            try {
                outcome = handler.handle(new BatchEvent(batchId, eventId, type, receivedAt));
            } catch (RuntimeException e) {
                // an answer of 2xx would lose the event: OpenAI retries what got a 5xx
                log.warn("handling webhook for batch {} failed: {}", batchId, e.toString());
                outcome = Outcome.FAILED;
            }
            respond(exchange, outcome.status, outcome.result);
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
