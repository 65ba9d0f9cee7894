package dev.tecko.embedded.openai;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One sandbox batch: its plan, the phase it reached and when it entered each phase. Guarded by its own lock. */
final class SandboxBatch {
    final String id;
    final long sequence;
    final Instant createdAt;
    /** OpenAI's {@code metadata} pairs, as given at creation (insertion order kept, so the JSON reads as it was sent) */
    final Map<String, String> metadata;
    private final BatchPlan plan;
    private final List<BatchPlan.Phase> phases;
    private final Map<String, Instant> enteredAt = new LinkedHashMap<>();
    private int phase;
    private Instant phaseStart;
    private int frozenCompleted;
    private int frozenFailed;

    SandboxBatch(String id, long sequence, BatchPlan plan, Instant createdAt, Map<String, String> metadata) {
        this.id = id;
        this.metadata = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        this.sequence = sequence;
        this.plan = plan;
        this.phases = plan.phases();
        this.createdAt = createdAt;
        this.phaseStart = createdAt;
        enteredAt.put(phases.get(0).status(), createdAt);
    }

    synchronized String status(Instant now) {
        advance(now);
        return phases.get(phase).status();
    }

    /** Moves to the next phase now, whatever the plan's durations say. */
    synchronized void step(Instant now) {
        advance(now);
        if (phase < phases.size() - 1) {
            enter(phase + 1, now);
        }
    }

    private void advance(Instant now) {
        while (phase < phases.size() - 1) {
            Instant end = phaseStart.plus(phases.get(phase).duration());
            if (now.isBefore(end)) {
                return;
            }
            enter(phase + 1, end);
        }
    }

    private void enter(int next, Instant at) {
        if ("in_progress".equals(phases.get(phase).status())) {
            // counts stop where they were when the batch left in_progress (expired, cancelling keep partial counts)
            double f = phases.get(next).status().equals("finalizing") ? 1.0 : 0.5;
            frozenCompleted = (int) Math.floor(f * (plan.totalRequests() - plan.failedRequests()));
            frozenFailed = (int) Math.floor(f * plan.failedRequests());
        }
        phase = next;
        phaseStart = at;
        enteredAt.put(phases.get(phase).status(), at);
    }

    synchronized BatchView view(Instant now) {
        advance(now);
        String status = phases.get(phase).status();
        int total = plan.totalRequests();
        int completed;
        int failed;
        switch (status) {
            case "validating", "failed" -> {
                total = 0;
                completed = 0;
                failed = 0;
            }
            case "in_progress" -> {
                Duration length = phases.get(phase).duration();
                double f = length.isZero() ? 1.0
                        : Math.min(1.0, Duration.between(phaseStart, now).toMillis() / (double) length.toMillis());
                completed = (int) Math.floor(f * (total - plan.failedRequests()));
                failed = (int) Math.floor(f * plan.failedRequests());
            }
            default -> {
                completed = frozenCompleted;
                failed = frozenFailed;
            }
        }
        return new BatchView(id, status, total, completed, failed, plan.totalRequests(), createdAt, Map.copyOf(enteredAt),
                plan.validationErrors(), metadata);
    }

    /** The batch object as OpenAI's {@code GET /v1/batches/{id}} returns it. */
    static String json(BatchView view) {
        String id = view.id();
        String status = view.status();
        int total = view.total();
        int completed = view.completed();
        int failed = view.failed();
        var json = new JsonWriter();
        json.field("id", id).field("object", "batch").field("endpoint", "/v1/chat/completions");
        if ("failed".equals(status)) {
            json.raw("errors", errors(view.validationErrors()));
        } else {
            json.raw("errors", "null");
        }
        json.field("input_file_id", "file-in-" + id).field("completion_window", "24h").field("status", status);
        boolean done = "completed".equals(status);
        json.field("output_file_id", done ? "file-out-" + id : null);
        json.field("error_file_id", done && failed > 0 ? "file-err-" + id : null);
        json.number("created_at", view.createdAt().getEpochSecond());
        json.number("in_progress_at", seconds(view, "in_progress"));
        json.number("expires_at", view.createdAt().plus(Duration.ofHours(24)).getEpochSecond());
        json.number("finalizing_at", seconds(view, "finalizing"));
        json.number("completed_at", seconds(view, "completed"));
        json.number("failed_at", seconds(view, "failed"));
        json.number("expired_at", seconds(view, "expired"));
        json.number("cancelling_at", seconds(view, "cancelling"));
        json.number("cancelled_at", seconds(view, "cancelled"));
        json.raw("request_counts", "{\"total\":" + total + ",\"completed\":" + completed + ",\"failed\":" + failed + "}");
        json.raw("metadata", metadata(view.metadata()));
        json.field("model", MODEL);
        if (TERMINAL_WITH_USAGE.contains(status)) {
            json.raw("usage", usage(completed + failed));
        }
        return json.close();
    }

    static final String MODEL = "gpt-4o-mini-2024-07-18";
    /** OpenAI fills usage in once a batch ends (for batches created since September 2025); a failed batch ran nothing. */
    private static final java.util.Set<String> TERMINAL_WITH_USAGE = java.util.Set.of("completed", "expired", "cancelled");

    /** OpenAI's usage object for {@code requests} requests: 250 input tokens (a quarter cached) and 60 output tokens each. */
    private static String usage(int requests) {
        long input = 250L * requests;
        long output = 60L * requests;
        return "{\"input_tokens\":" + input + ",\"input_tokens_details\":{\"cached_tokens\":" + input / 4 + "},\"output_tokens\":"
                + output + ",\"output_tokens_details\":{\"reasoning_tokens\":0},\"total_tokens\":" + (input + output) + "}";
    }

    /** The batch's own pairs; a batch created without any shows {@code sandbox: true}, as the sandbox always did. */
    private static String metadata(Map<String, String> pairs) {
        var json = new JsonWriter();
        if (pairs.isEmpty()) {
            json.field("sandbox", "true");
        }
        pairs.forEach(json::field);
        return json.close();
    }

    private static Long seconds(BatchView view, String status) {
        Instant at = view.entered(status);
        return at == null ? null : at.getEpochSecond();
    }

    /** OpenAI's {@code errors} list: one entry per bad input line; beyond the first, messages as long as real ones get. */
    private static String errors(int count) {
        var data = new StringBuilder("{\"object\":\"list\",\"data\":[");
        for (int line = 1; line <= count; line++) {
            String message = line == 1 ? "This line is not parseable as valid JSON."
                    : "Line " + line + " is invalid: " + "the request body does not match the schema of the endpoint. ".repeat(48);
            data.append(line == 1 ? "" : ",").append("{\"code\":\"invalid_json_line\",\"message\":").append(JsonWriter.quote(message))
                    .append(",\"param\":null,\"line\":").append(line).append('}');
        }
        return data.append("]}").toString();
    }
}
