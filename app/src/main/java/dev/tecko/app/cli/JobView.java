package dev.tecko.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Jobs and their events as people read them. Works on the API's JSON rather than the contract records, so a status
 * or field this build does not know yet is shown, not a parse error.
 */
final class JobView {
    private JobView() {
    }

    /** A field's text, or null when absent or JSON null. */
    static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() ? null : value.asText();
    }

    /** Terminal batches over all batches, e.g. {@code 2/3}. */
    static String batchesDone(JsonNode counts) {
        int total = counts.path("total").asInt();
        return (total - counts.path("open").asInt()) + "/" + total;
    }

    static void header(PrintWriter out, JsonNode job) {
        JsonNode counts = job.path("counts");
        line(out, "job", text(job, "jobId"));
        line(out, "name", text(job, "name"));
        line(out, "status", text(job, "status") + (job.has("generation") ? " (generation " + job.path("generation").asInt() + ")" : ""));
        line(out, "tag", BatchSearchView.tag(job));
        line(out, "search", BatchSearchView.state(job));
        line(out, "batches", batchesDone(counts) + " done, " + counts.path("failed").asInt() + " failed" + allFailed(job));
        line(out, "requests", requests(job.path("requestCounts")));
        line(out, "tokens", tokens(job.path("usage")));
        line(out, "openai", text(job, "openaiSecret") == null ? null : "secret " + text(job, "openaiSecret"));
        line(out, "target", target(job.path("target")));
        line(out, "policy", policy(job.path("triggerPolicy")));
        line(out, "variables", text(job, "variables"));
        line(out, "polling", polling(job));
        line(out, "deadline", text(job, "deadline"));
        line(out, "trigger", lastTrigger(job.path("lastTrigger"), job.path("target"), Instant.now()));
        line(out, "keboola", downstream(job));
        line(out, "created", text(job, "createdAt"));
        line(out, "updated", text(job, "updatedAt"));
        line(out, "finished", text(job, "finishedAt"));
    }

    static void batches(PrintWriter out, JsonNode job) {
        var table = new Table("BATCH", "STATUS", "REQUESTS ok/failed/total", "TOKENS", "OBSERVED");
        for (JsonNode batch : job.path("batches")) {
            JsonNode counts = batch.path("requestCounts");
            boolean allFailed = batch.path("allRequestsFailed").asBoolean(false);
            table.row(text(batch, "batchId"), text(batch, "status") + (allFailed ? " (every request failed)" : ""),
                    counts.isObject() ? counts.path("completed").asInt() + "/" + counts.path("failed").asInt() + "/" + counts.path("total").asInt() : null,
                    batch.path("usage").isObject() ? text(batch.path("usage"), "totalTokens") : null,
                    text(batch, "observedAt"));
        }
        table.print(out);
        errors(out, job);
    }

    /** Why batches failed, as the provider said (the first errors each batch keeps), and the last poll error. */
    private static void errors(PrintWriter out, JsonNode job) {
        boolean first = true;
        for (JsonNode batch : job.path("batches")) {
            List<String> reasons = new ArrayList<>();
            for (JsonNode error : batch.path("errors")) {
                String line = text(error, "line");
                reasons.add((text(error, "code") == null ? "" : text(error, "code") + ": ") + String.valueOf(text(error, "message"))
                        + (line == null ? "" : " (line " + line + ")"));
            }
            JsonNode poll = batch.path("pollError");
            if (poll.isObject()) {
                reasons.add("last poll: " + text(poll, "code") + (text(poll, "message") == null ? "" : ": " + text(poll, "message")));
            }
            if (reasons.isEmpty()) {
                continue;
            }
            if (first) {
                out.println();
                out.println("errors");
                first = false;
            }
            for (String reason : reasons) {
                out.println("  " + PlainText.of(text(batch, "batchId") + "  " + reason));
            }
        }
    }

    private static String allFailed(JsonNode job) {
        long n = 0;
        for (JsonNode batch : job.path("batches")) {
            n += batch.path("allRequestsFailed").asBoolean(false) ? 1 : 0;
        }
        return n == 0 ? "" : " (" + n + " completed with every request failed)";
    }

    private static String requests(JsonNode counts) {
        return !counts.isObject() || counts.path("total").asLong() == 0 ? null
                : counts.path("completed").asLong() + " ok, " + counts.path("failed").asLong() + " failed of " + counts.path("total").asLong();
    }

    /** No usage reported: no line (no numbers, not zeros). */
    private static String tokens(JsonNode usage) {
        if (!usage.isObject()) {
            return null;
        }
        return usage.path("totalTokens").asLong() + " total (" + usage.path("inputTokens").asLong() + " input, "
                + usage.path("cachedTokens").asLong() + " of them cached; " + usage.path("outputTokens").asLong() + " output, "
                + usage.path("reasoningTokens").asLong() + " of them reasoning)";
    }

    static void events(PrintWriter out, JsonNode events) {
        var table = new Table("SEQ", "AT", "TYPE", "DETAIL");
        for (JsonNode event : events) {
            table.row(text(event, "sequence"), text(event, "at"), text(event, "type"), eventDetail(event));
        }
        table.print(out);
    }

    private static String eventDetail(JsonNode event) {
        List<String> parts = new ArrayList<>();
        String batch = text(event, "batchId");
        if (batch != null) {
            String before = text(event, "previousBatchStatus");
            parts.add("batch " + batch + " " + (before == null ? "" : before + " -> ") + text(event, "batchStatus"));
            JsonNode counts = event.path("requestCounts");
            if (counts.isObject()) {
                parts.add("requests " + counts.path("completed").asInt() + " ok, " + counts.path("failed").asInt() + " failed of "
                        + counts.path("total").asInt() + (event.path("allRequestsFailed").asBoolean(false) ? " (every request failed)" : ""));
            }
        }
        if (text(event, "status") != null) {
            parts.add("job " + text(event, "status"));
        }
        if (text(event, "triggerId") != null) {
            parts.add("trigger " + text(event, "triggerId"));
        }
        if (text(event, "message") != null) {
            parts.add(text(event, "message"));
        }
        return String.join("; ", parts);
    }

    private static String target(JsonNode target) {
        if (!target.isObject()) {
            return null;
        }
        String secret = text(target, "secret") == null ? "" : " (secret " + text(target, "secret") + ")";
        if ("webhook".equals(text(target, "type"))) {
            return "webhook " + text(target, "url") + secret;
        }
        var keboola = new StringBuilder("keboola " + text(target, "componentId") + " config " + text(target, "configId"));
        if (text(target, "branchId") != null) {
            keboola.append(" branch ").append(text(target, "branchId"));
        }
        if (target.path("configRowIds").size() > 0) {
            List<String> rows = new ArrayList<>();
            target.path("configRowIds").forEach(row -> rows.add(row.asText()));
            keboola.append(" rows ").append(String.join(",", rows));
        }
        return keboola.append(" on ").append(text(target, "stackUrl")).append(secret).toString();
    }

    private static String policy(JsonNode policy) {
        if (!policy.isObject()) {
            return null;
        }
        String ratio = text(policy, "minCompletedRatio");
        String maxFailed = text(policy, "maxFailedRequestRatio");
        return text(policy, "type") + (ratio == null ? "" : " " + ratio)
                + (maxFailed == null ? "" : ", fails above " + maxFailed + " of requests failed");
    }

    private static String polling(JsonNode job) {
        String every = text(job, "pollIntervalSeconds");
        if (every == null) {
            return null;
        }
        String min = text(job, "minPollIntervalSeconds");
        String max = text(job, "maxPollIntervalSeconds");
        return "every " + every + " s" + (min == null && max == null ? "" : " (adaptive, " + (min == null ? "-" : min) + " to "
                + (max == null ? "-" : max) + " s)");
    }

    /**
     * The latest trigger in a line: its outcome, or while the result is awaited, since when and, once the dispatcher
     * reported a failed attempt or an open circuit ({@code lastTrigger.delivery}), how its delivery is going.
     *
     * @param now what the next try's relative time ("in 4 s") is counted from
     */
    static String lastTrigger(JsonNode trigger, JsonNode target, Instant now) {
        if (!trigger.isObject()) {
            return null;
        }
        // no outcome yet: the dispatcher is still delivering it
        boolean open = text(trigger, "outcome") == null;
        var summary = new StringBuilder(open ? "awaiting delivery" : text(trigger, "outcome"));
        if (text(trigger, "requestedAt") != null) {
            summary.append(open ? " since " : " at ").append(text(trigger, "requestedAt"));
        }
        if (open && trigger.path("delivery").isObject()) {
            summary.append(": ").append(delivery(trigger.path("delivery"), target, now));
        }
        if (text(trigger, "keboolaJobId") != null) {
            summary.append(", keboola job ").append(text(trigger, "keboolaJobId"));
        }
        if (text(trigger, "keboolaJobUrl") != null) {
            summary.append(" ").append(text(trigger, "keboolaJobUrl"));
        }
        if (text(trigger, "error") != null) {
            summary.append(": ").append(text(trigger, "error"));
        }
        return summary.toString();
    }

    /**
     * How the open trigger's delivery is going, as the dispatcher last reported it: the failed attempt and what it met,
     * the next try, and an open circuit, e.g. {@code attempt 3 failed (503: Keboola answered 503 Service Unavailable),
     * next try at 2026-11-21T10:21:14Z (in 4 s)}.
     */
    private static String delivery(JsonNode delivery, JsonNode target, Instant now) {
        List<String> parts = new ArrayList<>();
        int attempts = delivery.path("attempts").asInt(0);
        if (attempts > 0) {
            String status = text(delivery, "lastHttpStatus");
            String error = text(delivery, "lastError");
            String met = status != null && error != null ? status + ": " + error : status != null ? "HTTP " + status : error;
            parts.add("attempt " + attempts + " failed" + (met == null ? "" : " (" + met + ")"));
        }
        String next = text(delivery, "nextAttemptAt");
        if (next != null) {
            String relative = relative(next, now);
            parts.add("next try at " + next + (relative == null ? "" : " (" + relative + ")"));
        }
        String progress = String.join(", ", parts);
        if (delivery.path("breakerOpen").asBoolean(false)) {
            String host = "webhook".equals(text(target, "type")) ? "webhook" : "Keboola";
            String waiting = host + " host's circuit is open: waiting for it to recover";
            progress = progress.isEmpty() ? waiting : progress + "; " + waiting;
        }
        return progress.isEmpty() ? "delivery attempts under way" : progress;
    }

    /**
     * An instant relative to {@code now} in the web UI's units, to the second (a printed line is not refreshed):
     * {@code in 4 s}, {@code 3 min ago}, {@code in 1 h 5 min}, {@code in 2 d}; null when the text is not an instant.
     */
    static String relative(String iso, Instant now) {
        Instant at;
        try {
            at = Instant.parse(iso);
        } catch (DateTimeParseException e) {
            return null;
        }
        // to the nearest second (the nanos of a Duration are never negative); no millis, which overflow far off
        Duration between = Duration.between(now, at);
        long diff = between.getSeconds() + (between.getNano() >= 500_000_000 ? 1 : 0);
        long abs = Math.abs(diff);
        String text;
        if (abs == 0) {
            return "now";
        } else if (abs < 60) {
            text = abs + " s";
        } else if (abs < 3600) {
            text = abs / 60 + " min";
        } else if (abs < 86400) {
            text = abs / 3600 + " h " + abs % 3600 / 60 + " min";
        } else {
            text = abs / 86400 + " d";
        }
        return diff < 0 ? text + " ago" : "in " + text;
    }

    /** The Keboola job the trigger created, as followed: status, times, duration, Keboola's message, retries. */
    private static String downstream(JsonNode job) {
        JsonNode d = job.path("downstream");
        String retries = text(job, "downstreamRetries") == null ? ""
                : " (automatic retries used " + job.path("downstreamRetriesUsed").asInt(0) + " of " + text(job, "downstreamRetries") + ")";
        if (!d.isObject()) {
            return retries.isEmpty() ? null : "not reported yet" + retries;
        }
        var text = new StringBuilder("job " + text(d, "keboolaJobId") + " " + text(d, "status"));
        if (text(d, "startedAt") != null) {
            text.append(", started ").append(text(d, "startedAt"));
        }
        if (text(d, "finishedAt") != null) {
            text.append(", finished ").append(text(d, "finishedAt"));
        }
        if (text(d, "durationSeconds") != null) {
            text.append(" (").append(text(d, "durationSeconds")).append(" s)");
        }
        if (text(d, "message") != null) {
            text.append(": ").append(text(d, "message"));
        }
        return text.append(retries).toString();
    }

    private static void line(PrintWriter out, String label, String value) {
        if (value != null) {
            out.printf("%-10s%s%n", label, PlainText.of(value));
        }
    }
}
