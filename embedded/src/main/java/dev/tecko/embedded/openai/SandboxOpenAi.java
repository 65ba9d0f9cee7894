package dev.tecko.embedded.openai;

import com.sun.net.httpserver.HttpExchange;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A local stand-in for OpenAI's Batch API on 127.0.0.1 and a free port: {@code GET /v1/batches/{id}} and
 * {@code GET /v1/batches?limit&after} (newest first). It checks the API key (bearer or Azure's {@code api-key} header);
 * a 429 carries {@code Retry-After}. Plans, counting and fault switches are {@link SandboxBatchApi}'s.
 */
public final class SandboxOpenAi extends SandboxBatchApi {
    private SandboxOpenAi(Clock clock, String apiKey, int port) {
        super("sandbox OpenAI", clock, apiKey, port, "/v1", "/v1/batches");
    }

    /** Starts a sandbox that accepts only {@code apiKey}, with batches moving on {@code clock}. */
    public static SandboxOpenAi start(Clock clock, String apiKey) {
        return start(clock, apiKey, 0);
    }

    /** As {@link #start(Clock, String)}, on {@code port} when it is free (0: any), so its address outlives a restart. */
    public static SandboxOpenAi start(Clock clock, String apiKey, int port) {
        var sandbox = new SandboxOpenAi(clock, apiKey, port);
        sandbox.listen();
        return sandbox;
    }

    /** Real-time mode for demos: batches move on the system clock. */
    public static SandboxOpenAi start(String apiKey) {
        return start(Clock.systemUTC(), apiKey);
    }

    @Override
    protected boolean authorized(HttpExchange exchange) {
        String bearer = exchange.getRequestHeaders().getFirst("Authorization");
        String azure = exchange.getRequestHeaders().getFirst("api-key");
        return ("Bearer " + apiKey).equals(bearer) || apiKey.equals(azure);
    }

    @Override
    protected Answer unauthorized() {
        return new Answer(401, error("Incorrect API key provided.", "invalid_api_key"));
    }

    @Override
    protected String error(int status, String message) {
        return error(message, switch (status) {
            case 404 -> "not_found";
            case 302 -> "moved";
            case 405 -> "invalid_request_error";
            default -> "server_error";
        });
    }

    @Override
    protected String rateLimited(HttpExchange exchange, Duration retryAfter) {
        exchange.getResponseHeaders().add("Retry-After", Long.toString(Math.max(0, retryAfter.toSeconds())));
        return error("injected fault", "rate_limit_exceeded");
    }

    @Override
    protected String batch(BatchView batch) {
        return SandboxBatch.json(batch);
    }

    @Override
    protected String list(List<BatchView> newestFirst, Map<String, String> query) {
        int limit = limit(query, "limit", 20, 100);
        int from = indexAfter(newestFirst, query.get("after"));
        int to = Math.min(newestFirst.size(), from + limit);
        var data = new StringBuilder("[");
        for (int i = from; i < to; i++) {
            data.append(i > from ? "," : "").append(SandboxBatch.json(newestFirst.get(i)));
        }
        data.append(']');
        var json = new JsonWriter().field("object", "list").raw("data", data.toString());
        json.field("first_id", to > from ? newestFirst.get(from).id() : null);
        json.field("last_id", to > from ? newestFirst.get(to - 1).id() : null);
        return json.raw("has_more", Boolean.toString(to < newestFirst.size())).close();
    }

    private static String error(String message, String code) {
        return "{\"error\":" + new JsonWriter().field("message", message).field("type", "invalid_request_error")
                .raw("param", "null").field("code", code).close() + "}";
    }
}
