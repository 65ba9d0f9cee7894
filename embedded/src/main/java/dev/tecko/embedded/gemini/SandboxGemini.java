package dev.tecko.embedded.gemini;

import com.sun.net.httpserver.HttpExchange;
import dev.tecko.embedded.SandboxHttp;
import dev.tecko.embedded.openai.BatchView;
import dev.tecko.embedded.openai.JsonWriter;
import dev.tecko.embedded.openai.SandboxBatchApi;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A local stand-in for Gemini batch mode: {@code GET /v1beta/batches/{id}} answers a long-running operation
 * ({@code name: batches/{id}}, {@code done}, {@code error}, {@code response}) whose {@code metadata} is the
 * GenerateContentBatch ({@code state} {@code BATCH_STATE_*}, {@code batchStats} with int64 counts written as strings,
 * {@code createTime}, {@code endTime}, {@code output.responsesFile}); {@code GET /v1beta/batches?pageSize&pageToken}
 * lists operations. It wants {@code x-goog-api-key} (or {@code ?key=}) and answers a wrong key as Google does, 400
 * {@code API_KEY_INVALID}; a 429 carries a {@code RetryInfo} with the delay in its body, and no header. Plans map as:
 * validating is PENDING, in_progress, finalizing and cancelling are RUNNING, then SUCCEEDED, FAILED, EXPIRED or
 * CANCELLED. Fault switches are {@link SandboxBatchApi}'s.
 */
public final class SandboxGemini extends SandboxBatchApi {
    static final String MODEL = "models/gemini-2.5-flash";

    private SandboxGemini(Clock clock, String apiKey, int port) {
        super("sandbox Gemini", clock, apiKey, port, "/v1beta", "/v1beta/batches");
    }

    /** Starts a stand-in that accepts only {@code apiKey}, on {@code port} when it is free (0: any). */
    public static SandboxGemini start(Clock clock, String apiKey, int port) {
        var sandbox = new SandboxGemini(clock, apiKey, port);
        sandbox.listen();
        return sandbox;
    }

    public static SandboxGemini start(Clock clock, String apiKey) {
        return start(clock, apiKey, 0);
    }

    @Override
    protected boolean authorized(HttpExchange exchange) {
        return apiKey.equals(exchange.getRequestHeaders().getFirst("x-goog-api-key"))
                || apiKey.equals(SandboxHttp.query(exchange.getRequestURI().getRawQuery()).get("key"));
    }

    @Override
    protected Answer unauthorized() {
        return new Answer(400, error(400, "INVALID_ARGUMENT", "API key not valid. Please pass a valid API key.",
                "{\"@type\":\"type.googleapis.com/google.rpc.ErrorInfo\",\"reason\":\"API_KEY_INVALID\",\"domain\":\"googleapis.com\"}"));
    }

    @Override
    protected String error(int status, String message) {
        return error(status, switch (status) {
            case 404 -> "NOT_FOUND";
            case 405, 302 -> "INVALID_ARGUMENT";
            case 503 -> "UNAVAILABLE";
            default -> "INTERNAL";
        }, message, null);
    }

    @Override
    protected String rateLimited(HttpExchange exchange, Duration retryAfter) {
        return error(429, "RESOURCE_EXHAUSTED", "Resource has been exhausted (e.g. check quota).",
                "{\"@type\":\"type.googleapis.com/google.rpc.RetryInfo\",\"retryDelay\":\"" + Math.max(0, retryAfter.toSeconds()) + "s\"}");
    }

    @Override
    protected String batch(BatchView batch) {
        String state = switch (batch.status()) {
            case "validating" -> "BATCH_STATE_PENDING";
            case "completed" -> "BATCH_STATE_SUCCEEDED";
            case "failed" -> "BATCH_STATE_FAILED";
            case "expired" -> "BATCH_STATE_EXPIRED";
            case "cancelled" -> "BATCH_STATE_CANCELLED";
            default -> "BATCH_STATE_RUNNING";
        };
        String name = "batches/" + batch.id();
        boolean succeeded = "completed".equals(batch.status());
        int total = batch.planned();
        var stats = new JsonWriter().field("requestCount", Integer.toString(total))
                .field("successfulRequestCount", Integer.toString(batch.completed()))
                .field("failedRequestCount", Integer.toString(batch.failed()))
                .field("pendingRequestCount", Integer.toString(batch.terminal() ? 0 : Math.max(0, total - batch.completed() - batch.failed())))
                .close();
        Instant ended = batch.terminal() ? batch.entered(batch.status()) : null;
        var metadata = new JsonWriter().field("@type", "type.googleapis.com/google.ai.generativelanguage.v1beta.GenerateContentBatch")
                .field("model", MODEL).field("displayName", "sandbox " + batch.id())
                .field("createTime", batch.createdAt().toString())
                .field("updateTime", (ended != null ? ended : batch.createdAt()).toString())
                .raw("batchStats", stats).field("state", state).field("name", name);
        if (ended != null) {
            metadata.field("endTime", ended.toString());
        }
        if (succeeded) {
            metadata.raw("output", "{\"responsesFile\":\"files/batch-" + batch.id() + "\"}");
        }
        var json = new JsonWriter().field("name", name).raw("metadata", metadata.close()).raw("done", Boolean.toString(batch.terminal()));
        if (succeeded) {
            json.raw("response", "{\"@type\":\"type.googleapis.com/google.ai.generativelanguage.v1beta.GenerateContentBatchOutput\","
                    + "\"responsesFile\":\"files/batch-" + batch.id() + "\"}");
        } else if ("failed".equals(batch.status())) {
            json.raw("error", "{\"code\":3,\"message\":\"The input file is not valid JSONL.\",\"status\":\"INVALID_ARGUMENT\"}");
        }
        return json.close();
    }

    @Override
    protected String list(List<BatchView> newestFirst, Map<String, String> query) {
        int size = limit(query, "pageSize", 50, 1000);
        int from = 0;
        try {
            from = Math.max(0, Integer.parseInt(query.getOrDefault("pageToken", "0")));
        } catch (NumberFormatException e) {
            // an unknown token starts over, which a client that follows tokens never sends
        }
        int to = Math.min(newestFirst.size(), from + size);
        var data = new StringBuilder("[");
        for (int i = from; i < to; i++) {
            data.append(i > from ? "," : "").append(batch(newestFirst.get(i)));
        }
        data.append(']');
        var json = new JsonWriter().raw("operations", data.toString());
        if (to < newestFirst.size()) {
            json.field("nextPageToken", Integer.toString(to));
        }
        return json.close();
    }

    private static String error(int code, String status, String message, String detail) {
        var error = new JsonWriter().number("code", (long) code).field("message", message).field("status", status);
        if (detail != null) {
            error.raw("details", "[" + detail + "]");
        }
        return "{\"error\":" + error.close() + "}";
    }
}
