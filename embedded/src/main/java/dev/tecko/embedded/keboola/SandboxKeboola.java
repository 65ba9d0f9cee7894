package dev.tecko.embedded.keboola;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tecko.embedded.SandboxHttp;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local stand-in for Keboola's Job Queue API on 127.0.0.1 (a free port): {@code POST /jobs} (201 with a Job object),
 * {@code GET /jobs/{id}} and {@code GET /search/jobs} (filters {@code component}, {@code config},
 * {@code createdTimeFrom}; {@code limit}, {@code offset}, {@code sortOrder}). Every call must carry one of the configured
 * {@code X-StorageApi-Token}s, otherwise 401. Faults ({@link Fault}) are switched on for a number of calls or until
 * cleared. What it received is listed by {@link #received()}; tokens are never kept or logged.
 *
 * <p>Its base URL is used as a stack URL as is: it is already the queue endpoint.
 */
public final class SandboxKeboola implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SandboxKeboola.class);
    private static final String TOKEN_HEADER = "X-StorageApi-Token";
    private static final DateTimeFormatter KEBOOLA_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Set<String> tokens = ConcurrentHashMap.newKeySet();
    private final SandboxJobStore store;
    private final List<ReceivedJobRequest> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger postAttempts = new AtomicInteger();
    private final AtomicInteger searches = new AtomicInteger();
    private final AtomicInteger jobReads = new AtomicInteger();
    private final Clock clock;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "sandbox-keboola");
        t.setDaemon(true);
        return t;
    });
    private volatile CountDownLatch hangRelease = new CountDownLatch(1);
    private volatile Fault fault;
    private volatile int faultRemaining;
    private volatile int retryAfterSeconds = 1;
    private volatile String badRequestMessage = "Invalid configuration";
    private volatile Duration searchLag = Duration.ZERO;
    private volatile Duration slowAnswer = Duration.ofSeconds(20);
    private volatile JobLifecycle lifecycle = JobLifecycle.DEFAULT;
    private final PlannedEnds plannedEnds = new PlannedEnds();

    private SandboxKeboola(Set<String> tokens, Clock clock, int port, long lastJobId) throws IOException {
        this.tokens.addAll(tokens);
        this.clock = clock;
        this.store = new SandboxJobStore(lastJobId);
        this.server = dev.tecko.embedded.LoopbackServers.bind(port, 0, "sandbox Keboola");
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Starts a sandbox accepting these Storage API tokens. */
    public static SandboxKeboola start(String... tokens) {
        return start(Clock.systemUTC(), tokens);
    }

    public static SandboxKeboola start(Clock clock, String... tokens) {
        return start(clock, 0, SandboxJobStore.FIRST_ID, tokens);
    }

    /**
     * As {@link #start(Clock, String...)}, on {@code port} when it is free (0: any) and numbering its jobs after
     * {@code lastJobId}, so that a restarted sandbox keeps its address and never hands out a job number twice.
     */
    public static SandboxKeboola start(Clock clock, int port, long lastJobId, String... tokens) {
        try {
            var sandbox = new SandboxKeboola(Set.of(tokens), clock, port, lastJobId);
            log.info("sandbox Keboola Queue API at {}", sandbox.url());
            return sandbox;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the sandbox Keboola: " + e.getMessage(), e);
        }
    }

    /** The base URL, e.g. {@code http://127.0.0.1:40123}; use it as a trigger target's stack URL. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public void addToken(String token) {
        tokens.add(token);
    }

    /** Every accepted {@code POST /jobs}, in arrival order. */
    public List<ReceivedJobRequest> received() {
        return Collections.unmodifiableList(new ArrayList<>(received));
    }

    /** Every {@code POST /jobs} that reached the sandbox, accepted or not. */
    public int postAttempts() {
        return postAttempts.get();
    }

    /** Every {@code GET /search/jobs} that reached the sandbox: how often a client had to look for a job it may have made. */
    /** Every {@code GET /jobs/{id}} that reached the sandbox. */
    public int jobReads() {
        return jobReads.get();
    }

    public int searches() {
        return searches.get();
    }

    /** Misbehave on every {@code POST /jobs} until {@link #clearFault()}. */
    public void fault(Fault fault) {
        fault(fault, Integer.MAX_VALUE);
    }

    /** Misbehave on the next {@code times} {@code POST /jobs}, then behave again. */
    public synchronized void fault(Fault fault, int times) {
        this.faultRemaining = times;
        this.fault = fault;
    }

    public synchronized void clearFault() {
        fault = null;
        faultRemaining = 0;
        hangRelease.countDown();
        hangRelease = new CountDownLatch(1);
    }

    public void retryAfterSeconds(int seconds) {
        this.retryAfterSeconds = seconds;
    }

    /**
     * How long a created job stays invisible to {@code GET /search/jobs} (on the sandbox's clock). Keboola documents its
     * search as eventually consistent; 8 s have been seen. {@code GET /jobs/{id}} finds it at once.
     */
    public void searchLag(Duration lag) {
        this.searchLag = lag;
    }

    /** How the jobs created from now on run (on the sandbox's clock): when they wait, process and finish. */
    public void lifecycle(JobLifecycle value) {
        lifecycle = value;
    }

    /**
     * The next {@code times} jobs created for configuration {@code config} end in {@code status} ({@code success},
     * {@code warning}, {@code error}, {@code terminated} or {@code cancelled}) instead of {@code success}.
     */
    public void endNextJobs(String config, String status, int times) {
        plannedEnds.plan(config, status, times);
    }

    /** The Job object as a client reading it now sees it: the job runs on the sandbox's clock. */
    private ObjectNode render(SandboxJobStore.StoredJob job) {
        ObjectNode copy = job.json().deepCopy();
        lifecycle.render(copy, job.started(), clock.instant(), job.end());
        return copy;
    }

    /** How long {@link Fault#SLOW} holds its answer, in real time. */
    public void slowAnswer(Duration delay) {
        this.slowAnswer = delay;
    }

    /** The highest job number handed out so far (or the one it started after). */
    public long lastJobId() {
        return store.lastId();
    }

    /** Every job created, whether or not its answer reached the client: what Keboola would run. */
    public int jobsCreated() {
        return store.size();
    }

    public void badRequestMessage(String message) {
        this.badRequestMessage = message;
    }

    private synchronized Fault takeFault() {
        if (fault == null || faultRemaining <= 0) {
            return null;
        }
        Fault current = fault;
        if (--faultRemaining == 0) {
            fault = null;
        }
        return current;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            var page = JOB_PAGE.matcher(exchange.getRequestURI().getPath());
            if (exchange.getRequestMethod().equals("GET") && page.matches()) {
                // the job's link, opened in a browser: Keboola's UI asks for a login there, the local sandbox does not
                jobPage(exchange, page.group(1));
                return;
            }
            String token = exchange.getRequestHeaders().getFirst(TOKEN_HEADER);
            if (token == null || !tokens.contains(token)) {
                error(exchange, 401, "Invalid access token");
                return;
            }
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            if (method.equals("POST") && path.equals("/jobs")) {
                createJob(exchange);
            } else if (method.equals("GET") && path.startsWith("/jobs/")) {
                getJob(exchange, path.substring("/jobs/".length()));
            } else if (method.equals("GET") && path.equals("/search/jobs")) {
                search(exchange);
            } else {
                error(exchange, 404, "Route " + method + " " + path + " not found");
            }
        } catch (RuntimeException e) {
            log.warn("sandbox Keboola failed to answer: {}", e.toString());
        }
    }

    private void createJob(HttpExchange exchange) throws IOException {
        postAttempts.incrementAndGet();
        byte[] raw = readBody(exchange.getRequestBody());
        Fault current = takeFault();
        if (current != null) {
            switch (current) {
                case UNAVAILABLE -> {
                    error(exchange, 503, "Service Unavailable");
                    return;
                }
                case TOO_MANY_REQUESTS -> {
                    exchange.getResponseHeaders().add("Retry-After", Integer.toString(retryAfterSeconds));
                    error(exchange, 429, "Too Many Requests");
                    return;
                }
                case BAD_REQUEST -> {
                    error(exchange, 400, badRequestMessage);
                    return;
                }
                case HANG -> {
                    hang();
                    return;
                }
                default -> {
                    // the faults below act after the job was created
                }
            }
        }
        JsonNode body;
        try {
            body = JSON.readTree(raw);
        } catch (IOException e) {
            error(exchange, 400, "Request body is not valid JSON");
            return;
        }
        String component = text(body, "component");
        String config = text(body, "config");
        if (component == null || !"run".equals(text(body, "mode"))) {
            error(exchange, 400, "Invalid request: 'mode' must be 'run' and 'component' is required");
            return;
        }
        Map<String, String> variables = new LinkedHashMap<>();
        for (JsonNode value : body.path("variableValuesData").path("values")) {
            variables.put(value.path("name").asText(), value.path("value").asText());
        }
        List<String> rowIds = new ArrayList<>();
        body.path("configRowIds").forEach(id -> rowIds.add(id.asText()));

        long id = store.nextId();
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        ObjectNode job = jobObject(id, body, component, config, now);
        store.add(new SandboxJobStore.StoredJob(id, component, config, now, job, clock.instant().plus(searchLag), clock.instant(),
                plannedEnds.take(config)));
        received.add(new ReceivedJobRequest(Long.toString(id), text(body, "mode"), component, config, List.copyOf(rowIds),
                text(body, "branchId"), text(body, "tag"), Collections.unmodifiableMap(variables),
                new String(raw, StandardCharsets.UTF_8), clock.instant()));
        if (current == Fault.CREATE_THEN_DROP) {
            // no status line at all: the client sees the connection end, as when a proxy drops it after the work was done
            exchange.getResponseBody().close();
            exchange.close();
            return;
        }
        if (current == Fault.CREATE_THEN_500) {
            error(exchange, 500, "Internal Server Error");
            return;
        }
        if (current == Fault.CREATE_THEN_GARBAGE) {
            respond(exchange, 201, JSON.createObjectNode().put("status", "created"));
            return;
        }
        if (current == Fault.SLOW) {
            try {
                hangRelease.await(slowAnswer.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        respond(exchange, 201, job);
    }

    /** The Job object as the Queue API answers it (the fields clients read, plus a few for realism). */
    private ObjectNode jobObject(long id, JsonNode body, String component, String config, Instant created) {
        ObjectNode job = JSON.createObjectNode();
        job.put("id", Long.toString(id));
        job.put("runId", Long.toString(id));
        job.putNull("parentRunId");
        job.putObject("project").put("id", "1").put("name", "sandbox");
        job.putObject("token").put("id", "1").put("description", "sandbox token");
        job.put("status", "created");
        job.put("desiredStatus", "processing");
        job.put("mode", "run");
        job.put("component", component);
        job.put("config", config);
        job.set("configRowIds", body.has("configRowIds") ? body.get("configRowIds") : JSON.createArrayNode());
        job.put("tag", text(body, "tag"));
        job.put("branchId", text(body, "branchId"));
        job.put("createdTime", KEBOOLA_TIME.format(OffsetDateTime.ofInstant(created, ZoneOffset.UTC)));
        job.putNull("startTime");
        job.putNull("endTime");
        job.put("isFinished", false);
        job.put("url", url() + "/jobs/" + id);
        job.putNull("variableValuesId");
        job.set("variableValuesData", body.has("variableValuesData") ? body.get("variableValuesData")
                : JSON.createObjectNode().set("values", JSON.createArrayNode()));
        return job;
    }

    private void hang() {
        try {
            hangRelease.await(10, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Keboola's UI link of a job: {@code <stack>/admin/projects/<project>/queue/<job id>}. */
    private static final java.util.regex.Pattern JOB_PAGE = java.util.regex.Pattern.compile("/admin/projects/[^/]+/queue/(\\d{1,18})");

    private void jobPage(HttpExchange exchange, String id) throws IOException {
        var job = store.find(Long.parseLong(id));
        if (job.isEmpty()) {
            SandboxHttp.sendHtml(exchange, 404, "<!doctype html><title>Not found</title><p>The sandbox Keboola has no job "
                    + JobPage.escape(id) + " (it keeps its jobs in memory: a restart forgets them).</p>");
            return;
        }
        SandboxHttp.sendHtml(exchange, 200, JobPage.of(render(job.get())));
    }

    private void getJob(HttpExchange exchange, String id) throws IOException {
        jobReads.incrementAndGet();
        try {
            var job = store.find(Long.parseLong(id));
            if (job.isPresent()) {
                respond(exchange, 200, render(job.get()));
                return;
            }
        } catch (NumberFormatException e) {
            // falls through to 404, as Keboola answers for an id that is not a number
        }
        error(exchange, 404, "Job \"" + id + "\" not found");
    }

    private void search(HttpExchange exchange) throws IOException {
        searches.incrementAndGet();
        Map<String, String> query = SandboxHttp.query(exchange.getRequestURI().getRawQuery());
        Instant from = null;
        if (query.containsKey("createdTimeFrom")) {
            try {
                from = OffsetDateTime.parse(query.get("createdTimeFrom"), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
            } catch (DateTimeParseException e) {
                error(exchange, 400, "Invalid createdTimeFrom");
                return;
            }
        }
        int limit = Math.max(1, Math.min(500, intParam(query, "limit", 100)));
        int offset = Math.max(0, intParam(query, "offset", 0));
        boolean ascending = "asc".equalsIgnoreCase(query.get("sortOrder"));
        ArrayNode page = JSON.createArrayNode();
        for (var job : store.search(query.get("component"), query.get("config"), from, ascending, offset, limit, clock.instant())) {
            page.add(render(job));
        }
        respond(exchange, 200, page);
    }

    private static int intParam(Map<String, String> query, String name, int defaultValue) {
        try {
            return query.containsKey(name) ? Integer.parseInt(query.get(name)) : defaultValue;
        } catch (NumberFormatException e) {
            return defaultValue;
        }
    }

    /** Keboola's error body. */
    private static void error(HttpExchange exchange, int status, String message) throws IOException {
        ObjectNode body = JSON.createObjectNode();
        body.put("error", message);
        body.put("code", status);
        body.put("status", "error");
        body.put("exceptionId", "exception-" + UUID.randomUUID().toString().replace("-", "").substring(0, 16));
        respond(exchange, status, body);
    }

    private static void respond(HttpExchange exchange, int status, JsonNode body) throws IOException {
        SandboxHttp.sendJson(exchange, status, JSON.writeValueAsBytes(body));
    }

    private static byte[] readBody(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    @Override
    public void close() {
        hangRelease.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
