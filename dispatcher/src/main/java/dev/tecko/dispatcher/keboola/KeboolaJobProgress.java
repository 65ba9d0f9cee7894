package dev.tecko.dispatcher.keboola;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * How far a Keboola job has got, from its Job object ({@code GET /jobs/{id}}): the status as Keboola names it, whether it
 * is finished, when it started and ended, how long it ran and Keboola's own words on the result. Times the Queue API
 * writes with an offset ({@code 2025-03-02T05:58:40+00:00}); one it cannot read is left out, not a failure.
 */
public record KeboolaJobProgress(String id, String status, boolean finished, Instant startTime, Instant endTime,
                                 Long durationSeconds, String message, String url) {

    /** The Job object's progress, or empty when the node is none (not an object, or without id or status). */
    public static Optional<KeboolaJobProgress> tryParse(JsonNode job) {
        if (job == null || !job.isObject() || text(job, "id") == null || text(job, "status") == null) {
            return Optional.empty();
        }
        JsonNode duration = job.get("durationSeconds");
        JsonNode message = job.path("result").get("message");
        return Optional.of(new KeboolaJobProgress(text(job, "id"), text(job, "status"), job.path("isFinished").asBoolean(false),
                time(text(job, "startTime")), time(text(job, "endTime")),
                duration != null && duration.canConvertToLong() && duration.asLong() >= 0 ? duration.asLong() : null,
                message == null || message.isNull() ? null : message.asText(), text(job, "url")));
    }

    private static Instant time(String value) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.asText().isBlank() ? null : value.asText();
    }
}
