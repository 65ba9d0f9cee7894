package dev.tecko.embedded.openai;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tecko.embedded.SandboxHttp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local stand-in for OpenAI's Batch API on 127.0.0.1 and a free port: {@code GET /v1/batches/{id}} and
 * {@code GET /v1/batches?limit&after} (newest first). Batches move through their statuses by a {@link BatchPlan} on the
 * clock it was given (a {@link MutableClock} for tests, the system clock for demos) or by {@link #step(String)}.
 * It checks the API key (bearer or Azure's {@code api-key} header), counts requests by path, and can inject 429s,
 * 5xx and slow responses.
 */
public final class SandboxOpenAi implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SandboxOpenAi.class);
    private static final String PREFIX = "/v1/batches";

    private final Clock clock;
    private final String apiKey;
    private final HttpServer server;
    private final ExecutorService executor;
    private final Map<String, SandboxBatch> batches = new ConcurrentHashMap<>();
    private final Map<String, Instant> hiddenUntil = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();
    private final Map<String, AtomicLong> requestsByPath = new ConcurrentHashMap<>();
    private final AtomicLong listRequests = new AtomicLong();
    private final AtomicLong getRequests = new AtomicLong();
    private final Deque<Fault> faults = new ArrayDeque<>();
    private final AtomicReference<Duration> latency = new AtomicReference<>(Duration.ZERO);

    private record Fault(int status, Duration retryAfter, String location) {
    }

    private SandboxOpenAi(Clock clock, String apiKey, int threads, int port) {
        this.clock = clock;
        this.apiKey = apiKey;
        try {
            server = dev.tecko.embedded.LoopbackServers.bind(port, 256, "sandbox OpenAI");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        executor = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "sandbox-openai");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext(PREFIX, this::handle);
        server.createContext(PlannedBatches.PATH, exchange -> PlannedBatches.handle(exchange, this));
    }

    /** Starts a sandbox that accepts only {@code apiKey}, with batches moving on {@code clock}. */
    public static SandboxOpenAi start(Clock clock, String apiKey) {
        return start(clock, apiKey, 0);
    }

    /** As {@link #start(Clock, String)}, on {@code port} when it is free (0: any), so its address outlives a restart. */
    public static SandboxOpenAi start(Clock clock, String apiKey, int port) {
        var sandbox = new SandboxOpenAi(clock, apiKey, 8, port);
        sandbox.server.start();
        log.info("sandbox OpenAI listening at {}", sandbox.baseUrl());
        return sandbox;
    }

    /** Real-time mode for demos: batches move on the system clock. */
    public static SandboxOpenAi start(String apiKey) {
        return start(Clock.systemUTC(), apiKey);
    }

    /** What to give a client as its base URL, e.g. {@code http://127.0.0.1:54321/v1}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    public void createBatch(String id, BatchPlan plan) {
        var batch = new SandboxBatch(id, sequence.incrementAndGet(), plan, clock.instant());
        if (batches.putIfAbsent(id, batch) != null) {
            throw new IllegalArgumentException("batch " + id + " exists already");
        }
    }

    /** Moves a batch to its next status now. */
    public void step(String id) {
        batch(id).step(clock.instant());
    }

    public String status(String id) {
        return batch(id).status(clock.instant());
    }

    private SandboxBatch batch(String id) {
        SandboxBatch batch = batches.get(id);
        if (batch == null) {
            throw new IllegalArgumentException("no sandbox batch " + id);
        }
        return batch;
    }

    /** The next {@code count} requests are answered with {@code status} (e.g. 429 with a Retry-After, or 500). */
    public void failNext(int count, int status, Duration retryAfter) {
        synchronized (faults) {
            for (int i = 0; i < count; i++) {
                faults.add(new Fault(status, retryAfter, null));
            }
        }
    }

    /**
     * The next {@code count} requests are answered {@code 302 Found} to the same path under {@code otherBaseUrl}: a
     * client that follows would send its key to another host.
     */
    public void redirectNext(int count, String otherBaseUrl) {
        synchronized (faults) {
            for (int i = 0; i < count; i++) {
                faults.add(new Fault(302, null, otherBaseUrl));
            }
        }
    }

    /**
     * The batch exists, but OpenAI answers {@code 404} for it (and leaves it out of lists) until {@code visibleFrom} on the
     * sandbox's clock, as a batch created moments ago can be.
     */
    public void hideUntil(String id, Instant visibleFrom) {
        batch(id);
        hiddenUntil.put(id, visibleFrom);
    }

    /** Every response waits this long before it is sent (zero to stop). */
    public void respondSlowly(Duration delay) {
        latency.set(delay);
    }

    public void clearFaults() {
        synchronized (faults) {
            faults.clear();
        }
        hiddenUntil.clear();
        latency.set(Duration.ZERO);
    }

    public long requests(String path) {
        AtomicLong n = requestsByPath.get(path);
        return n == null ? 0 : n.get();
    }

    public Map<String, Long> requestsByPath() {
        Map<String, Long> copy = new HashMap<>();
        requestsByPath.forEach((k, v) -> copy.put(k, v.get()));
        return copy;
    }

    public long listRequests() {
        return listRequests.get();
    }

    public long getRequests() {
        return getRequests.get();
    }

    public long totalRequests() {
        return listRequests.get() + getRequests.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            requestsByPath.computeIfAbsent(path, p -> new AtomicLong()).incrementAndGet();
            boolean list = path.equals(PREFIX) || path.equals(PREFIX + "/");
            (list ? listRequests : getRequests).incrementAndGet();
            pause(latency.get());
            if (!"GET".equals(exchange.getRequestMethod())) {
                send(exchange, 405, error("method not allowed", "invalid_request_error"));
                return;
            }
            if (!authorized(exchange)) {
                send(exchange, 401, error("Incorrect API key provided.", "invalid_api_key"));
                return;
            }
            Fault fault;
            synchronized (faults) {
                fault = faults.poll();
            }
            if (fault != null && fault.location() != null) {
                String query = exchange.getRequestURI().getRawQuery();
                exchange.getResponseHeaders().add("Location", fault.location() + path.substring(PREFIX.length())
                        + (query == null ? "" : "?" + query));
                send(exchange, 302, error("moved", "moved"));
                return;
            }
            if (fault != null) {
                if (fault.retryAfter() != null) {
                    exchange.getResponseHeaders().add("Retry-After", Long.toString(Math.max(0, fault.retryAfter().toSeconds())));
                }
                send(exchange, fault.status(), error("injected fault", fault.status() == 429 ? "rate_limit_exceeded" : "server_error"));
                return;
            }
            if (list) {
                send(exchange, 200, list(SandboxHttp.query(exchange.getRequestURI().getRawQuery())));
                return;
            }
            SandboxBatch batch = visible(batches.get(path.substring(PREFIX.length() + 1)));
            if (batch == null) {
                send(exchange, 404, error("No batch found", "not_found"));
            } else {
                send(exchange, 200, batch.json(clock.instant()));
            }
        } catch (RuntimeException e) {
            log.warn("sandbox OpenAI failed a request: {}", e.toString());
        }
    }

    /** The batch, or null while it is hidden ({@link #hideUntil}). */
    private SandboxBatch visible(SandboxBatch batch) {
        if (batch == null) {
            return null;
        }
        Instant from = hiddenUntil.get(batch.id);
        return from != null && clock.instant().isBefore(from) ? null : batch;
    }

    private boolean authorized(HttpExchange exchange) {
        String bearer = exchange.getRequestHeaders().getFirst("Authorization");
        String azure = exchange.getRequestHeaders().getFirst("api-key");
        return ("Bearer " + apiKey).equals(bearer) || apiKey.equals(azure);
    }

    private String list(Map<String, String> query) {
        int limit = 20;
        try {
            limit = Math.max(1, Math.min(100, Integer.parseInt(query.getOrDefault("limit", "20"))));
        } catch (NumberFormatException e) {
            // OpenAI ignores a bad limit as well
        }
        List<SandboxBatch> newestFirst = new ArrayList<>(batches.values().stream().filter(b -> visible(b) != null).toList());
        newestFirst.sort(Comparator.comparing((SandboxBatch b) -> b.createdAt).thenComparingLong(b -> b.sequence).reversed());
        int from = 0;
        String after = query.get("after");
        if (after != null) {
            for (int i = 0; i < newestFirst.size(); i++) {
                if (newestFirst.get(i).id.equals(after)) {
                    from = i + 1;
                    break;
                }
            }
        }
        int to = Math.min(newestFirst.size(), from + limit);
        Instant now = clock.instant();
        var data = new StringBuilder("[");
        for (int i = from; i < to; i++) {
            data.append(i > from ? "," : "").append(newestFirst.get(i).json(now));
        }
        data.append(']');
        var json = new JsonWriter().field("object", "list").raw("data", data.toString());
        json.field("first_id", to > from ? newestFirst.get(from).id : null);
        json.field("last_id", to > from ? newestFirst.get(to - 1).id : null);
        return json.raw("has_more", Boolean.toString(to < newestFirst.size())).close();
    }

    private static String error(String message, String code) {
        return "{\"error\":" + new JsonWriter().field("message", message).field("type", "invalid_request_error")
                .raw("param", "null").field("code", code).close() + "}";
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        SandboxHttp.sendJson(exchange, status, body.getBytes(StandardCharsets.UTF_8));
    }

    private static void pause(Duration delay) {
        if (delay.isZero()) {
            return;
        }
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
