package dev.tecko.schemas;

import java.time.Instant;

/**
 * The downstream part of a job: the Keboola job its trigger created, followed to its end. Absent until the dispatcher
 * reports the job, and for webhook targets (a 2xx is their end). {@code observedAt}: when the dispatcher read it.
 */
public record Downstream(
        String keboolaJobId,
        DownstreamStatus status,
        Instant startedAt,
        Instant finishedAt,
        Long durationSeconds,
        String message,
        String url,
        Instant observedAt) {

    public Downstream {
        Check.text(keboolaJobId, "downstream.keboolaJobId", Check.MAX_NAME);
        Check.required(status, "downstream.status");
        if (durationSeconds != null && durationSeconds < 0) {
            throw new InvalidContractException("downstream.durationSeconds", "must not be negative");
        }
        message = Check.optionalText(message, "downstream.message", Check.MAX_TEXT);
        url = Check.optionalText(url, "downstream.url", 2048);
        Check.required(observedAt, "downstream.observedAt");
    }
}
