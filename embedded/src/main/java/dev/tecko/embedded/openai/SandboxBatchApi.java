package dev.tecko.embedded.openai;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tecko.embedded.LoopbackServers;
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
 * What every sandbox batch API shares (OpenAI's, Anthropic's, Gemini's): a loopback server, batches moving through
 * their statuses by a {@link BatchPlan} on the clock it was given (or by {@link #step(String)}), requests counted by
 * path, and the fault switches: injected 429s (with the provider's reset headers or body) and 5xx
 * ({@link #failNext}), redirects to another host ({@link #redirectNext}), a batch that 404s for a while
 * ({@link #hideUntil}), slow answers ({@link #respondSlowly}) and a list that shows new batches late ({@link #lagList}).
 * {@code POST /sandbox/batches} creates a planned batch, optionally with OpenAI {@code metadata} pairs. Each provider's stand-in says how it checks the key and how its batches, lists and errors look.
 */
public abstract class SandboxBatchApi implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SandboxBatchApi.class);

    protected final Clock clock;
    protected final String apiKey;
    private final String name;
    private final String basePath;
    private final String batchesPath;
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
    private final AtomicReference<Duration> listLag = new AtomicReference<>(Duration.ZERO);

    private record Fault(int status, Duration retryAfter, String location) {
    }

    /** An answer: status and JSON body. */
    public record Answer(int status, String body) {
    }

    /**
     * @param name e.g. "sandbox OpenAI", for logs and thread names
     * @param basePath what {@link #baseUrl()} ends with, e.g. {@code /v1}
     * @param batchesPath the batches collection under it, e.g. {@code /v1/batches}
     */
    protected SandboxBatchApi(String name, Clock clock, String apiKey, int port, String basePath, String batchesPath) {
        this.name = name;
        this.clock = clock;
        this.apiKey = apiKey;
        this.basePath = basePath;
        this.batchesPath = batchesPath;
        try {
            server = LoopbackServers.bind(port, 256, name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        executor = Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, name.replace(' ', '-').toLowerCase(java.util.Locale.ROOT));
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext(batchesPath, this::handle);
        server.createContext(PlannedBatches.PATH, exchange -> PlannedBatches.handle(exchange, this));
    }

    /** Starts listening; call once, last thing of a stand-in's factory. */
    protected final void listen() {
        server.start();
        log.info("{} listening at {}", name, baseUrl());
    }

    /** Whether the request carries the key as this provider expects it. */
    protected abstract boolean authorized(HttpExchange exchange);

    /** How this provider answers a missing or wrong key. */
    protected abstract Answer unauthorized();

    /** This provider's error body for {@code status} (404, 405, an injected 5xx or redirect). */
    protected abstract String error(int status, String message);

    /** This provider's 429: its headers added to {@code exchange}, its body returned. */
    protected abstract String rateLimited(HttpExchange exchange, Duration retryAfter);

    /** One batch as this provider's {@code GET …/{id}} returns it. */
    protected abstract String batch(BatchView batch);

    /** One page of this provider's list, from the visible batches newest first. */
    protected abstract String list(List<BatchView> newestFirst, Map<String, String> query);

    /** What to give a client as its base URL, e.g. {@code http://127.0.0.1:54321/v1}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + basePath;
    }

    public void createBatch(String id, BatchPlan plan) {
        createBatch(id, plan, Map.of());
    }

    /**
     * A batch carrying OpenAI {@code metadata} pairs (at most 16, keys of 64 and values of 512 characters, as OpenAI's
     * create takes), shown by GET and in the list; an empty map shows {@code sandbox: true} as before.
     */
    public void createBatch(String id, BatchPlan plan, Map<String, String> metadata) {
        BatchMetadata.check(metadata).ifPresent(why -> {
            throw new IllegalArgumentException("metadata: " + why);
        });
        var batch = new SandboxBatch(id, sequence.incrementAndGet(), plan, clock.instant(), metadata);
        if (batches.putIfAbsent(id, batch) != null) {
            throw new IllegalArgumentException("batch " + id + " exists already");
        }
    }

    /** Moves a batch to its next status now. */
    public void step(String id) {
        batch(id).step(clock.instant());
    }

    /** The batch's status in OpenAI's words (validating … cancelled), whatever this provider calls it. */
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

    /** The next {@code count} requests are answered with {@code status} (e.g. 429 with a reset, or 500). */
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
     * The batch exists, but the API answers {@code 404} for it (and leaves it out of lists) until {@code visibleFrom} on
     * the sandbox's clock, as a batch created moments ago can be.
     */
    public void hideUntil(String id, Instant visibleFrom) {
        batch(id);
        hiddenUntil.put(id, visibleFrom);
    }

    /** Every response waits this long before it is sent (zero to stop). */
    public void respondSlowly(Duration delay) {
        latency.set(delay);
    }

    /**
     * A batch shows in the list only once {@code lag} has passed on the sandbox's clock since its creation, while a GET by
     * id sees it at once: a provider's list may be eventually consistent, so a search of it can miss a batch created
     * moments ago. Zero (the default) to stop.
     */
    public void lagList(Duration lag) {
        if (lag.isNegative()) {
            throw new IllegalArgumentException("the list lag must not be negative");
        }
        listLag.set(lag);
    }

    public void clearFaults() {
        synchronized (faults) {
            faults.clear();
        }
        hiddenUntil.clear();
        latency.set(Duration.ZERO);
        listLag.set(Duration.ZERO);
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
            boolean list = path.equals(batchesPath) || path.equals(batchesPath + "/");
            (list ? listRequests : getRequests).incrementAndGet();
            pause(latency.get());
            if (!"GET".equals(exchange.getRequestMethod())) {
                send(exchange, 405, error(405, "method not allowed"));
                return;
            }
            if (!authorized(exchange)) {
                Answer refusal = unauthorized();
                send(exchange, refusal.status(), refusal.body());
                return;
            }
            Fault fault;
            synchronized (faults) {
                fault = faults.poll();
            }
            if (fault != null && fault.location() != null) {
                String query = exchange.getRequestURI().getRawQuery();
                exchange.getResponseHeaders().add("Location", fault.location() + path.substring(batchesPath.length())
                        + (query == null ? "" : "?" + query));
                send(exchange, 302, error(302, "moved"));
                return;
            }
            if (fault != null) {
                send(exchange, fault.status(), fault.status() == 429
                        ? rateLimited(exchange, fault.retryAfter() == null ? Duration.ZERO : fault.retryAfter())
                        : error(fault.status(), "injected fault"));
                return;
            }
            if (list) {
                send(exchange, 200, list(visibleNewestFirst(), SandboxHttp.query(exchange.getRequestURI().getRawQuery())));
                return;
            }
            SandboxBatch batch = visible(batches.get(path.substring(batchesPath.length() + 1)));
            if (batch == null) {
                send(exchange, 404, error(404, "No batch found"));
            } else {
                send(exchange, 200, batch(batch.view(clock.instant())));
            }
        } catch (RuntimeException e) {
            log.warn("{} failed a request: {}", name, e.toString());
        }
    }

    private List<BatchView> visibleNewestFirst() {
        Instant now = clock.instant();
        Duration lag = listLag.get();
        List<SandboxBatch> newestFirst = new ArrayList<>(batches.values().stream()
                .filter(b -> visible(b) != null && !now.isBefore(b.createdAt.plus(lag))).toList());
        newestFirst.sort(Comparator.comparing((SandboxBatch b) -> b.createdAt).thenComparingLong(b -> b.sequence).reversed());
        return newestFirst.stream().map(b -> b.view(now)).toList();
    }

    /** The index after the batch {@code afterId} in {@code batches}, or 0 when it is null or not there. */
    protected static int indexAfter(List<BatchView> batches, String afterId) {
        if (afterId != null) {
            for (int i = 0; i < batches.size(); i++) {
                if (batches.get(i).id().equals(afterId)) {
                    return i + 1;
                }
            }
        }
        return 0;
    }

    /** A whole number from the query within [1, max], or {@code otherwise}. */
    protected static int limit(Map<String, String> query, String name, int otherwise, int max) {
        try {
            return Math.max(1, Math.min(max, Integer.parseInt(query.getOrDefault(name, Integer.toString(otherwise)))));
        } catch (NumberFormatException e) {
            return otherwise;
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
