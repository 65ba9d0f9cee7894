package dev.tecko.embedded.anthropic;

import com.sun.net.httpserver.HttpExchange;
import dev.tecko.embedded.openai.BatchView;
import dev.tecko.embedded.openai.JsonWriter;
import dev.tecko.embedded.openai.SandboxBatchApi;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A local stand-in for Anthropic's Message Batches API: {@code GET /v1/messages/batches/{id}} and
 * {@code GET /v1/messages/batches?limit&after_id} (newest first), answering Anthropic's {@code message_batch} objects:
 * {@code processing_status} {@code in_progress} / {@code canceling} / {@code ended}, {@code request_counts}
 * (processing, succeeded, errored, canceled, expired), RFC 3339 times and {@code results_url}. It wants
 * {@code x-api-key} and {@code anthropic-version}; a 429 carries {@code retry-after} and
 * {@code anthropic-ratelimit-requests-reset}. Plans map as: validating, in_progress and finalizing are in_progress;
 * cancelling is canceling; every end is ended, with the requests not run counted as canceled or expired (a plan that
 * fails validation ends with every request errored). Fault switches are {@link SandboxBatchApi}'s.
 */
public final class SandboxAnthropic extends SandboxBatchApi {
    private SandboxAnthropic(Clock clock, String apiKey, int port) {
        super("sandbox Anthropic", clock, apiKey, port, "/v1", "/v1/messages/batches");
    }

    /** Starts a stand-in that accepts only {@code apiKey}, on {@code port} when it is free (0: any). */
    public static SandboxAnthropic start(Clock clock, String apiKey, int port) {
        var sandbox = new SandboxAnthropic(clock, apiKey, port);
        sandbox.listen();
        return sandbox;
    }

    public static SandboxAnthropic start(Clock clock, String apiKey) {
        return start(clock, apiKey, 0);
    }

    @Override
    protected boolean authorized(HttpExchange exchange) {
        return apiKey.equals(exchange.getRequestHeaders().getFirst("x-api-key"))
                && exchange.getRequestHeaders().getFirst("anthropic-version") != null;
    }

    @Override
    protected Answer unauthorized() {
        return new Answer(401, error("authentication_error", "invalid x-api-key"));
    }

    @Override
    protected String error(int status, String message) {
        return error(switch (status) {
            case 404 -> "not_found_error";
            case 405, 302 -> "invalid_request_error";
            case 529 -> "overloaded_error";
            default -> "api_error";
        }, message);
    }

    @Override
    protected String rateLimited(HttpExchange exchange, Duration retryAfter) {
        exchange.getResponseHeaders().add("retry-after", Long.toString(Math.max(0, retryAfter.toSeconds())));
        exchange.getResponseHeaders().add("anthropic-ratelimit-requests-reset", clock.instant().plus(retryAfter).toString());
        return error("rate_limit_error", "Number of request tokens has exceeded your per-minute rate limit");
    }

    @Override
    protected String batch(BatchView batch) {
        String ending = batch.terminal() ? batch.status() : null;
        int planned = batch.planned();
        int succeeded = batch.completed();
        int errored = "failed".equals(ending) ? Math.max(1, planned) : batch.failed();
        int notRun = Math.max(0, planned - succeeded - errored);
        var counts = new JsonWriter()
                .number("processing", (long) (ending == null ? notRun : 0))
                .number("succeeded", (long) succeeded)
                .number("errored", (long) errored)
                .number("canceled", (long) ("cancelled".equals(ending) ? notRun : 0))
                .number("expired", (long) ("expired".equals(ending) ? notRun : 0)).close();
        String processing = ending != null ? "ended" : "cancelling".equals(batch.status()) ? "canceling" : "in_progress";
        var json = new JsonWriter().field("id", batch.id()).field("type", "message_batch").field("processing_status", processing)
                .raw("request_counts", counts)
                .field("ended_at", time(ending == null ? null : batch.entered(ending)))
                .field("created_at", time(batch.createdAt()))
                .field("expires_at", time(batch.createdAt().plus(Duration.ofHours(24))))
                .field("archived_at", null)
                .field("cancel_initiated_at", time(batch.entered("cancelling")))
                .field("results_url", ending == null ? null : baseUrl() + "/messages/batches/" + batch.id() + "/results");
        return json.close();
    }

    @Override
    protected String list(List<BatchView> newestFirst, Map<String, String> query) {
        int limit = limit(query, "limit", 20, 1000);
        int from = indexAfter(newestFirst, query.get("after_id"));
        int to = Math.min(newestFirst.size(), from + limit);
        var data = new StringBuilder("[");
        for (int i = from; i < to; i++) {
            data.append(i > from ? "," : "").append(batch(newestFirst.get(i)));
        }
        data.append(']');
        return new JsonWriter().raw("data", data.toString()).raw("has_more", Boolean.toString(to < newestFirst.size()))
                .field("first_id", to > from ? newestFirst.get(from).id() : null)
                .field("last_id", to > from ? newestFirst.get(to - 1).id() : null).close();
    }

    private static String time(Instant at) {
        return at == null ? null : at.toString();
    }

    private static String error(String type, String message) {
        return new JsonWriter().field("type", "error").raw("error", new JsonWriter().field("type", type).field("message", message).close())
                .close();
    }
}
