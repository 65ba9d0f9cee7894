package dev.tecko.schemas;

import java.time.Instant;

/**
 * What the dispatcher saw of the Keboola job a trigger created, read with {@code GET /jobs/{id}} on the queue host. Value
 * of {@code downstream-status}, key = job id; published when the Keboola job's status changes. The processor applies it
 * to the job only for the job's current trigger ({@code triggerId}, {@code generation}) and only when it is further along
 * than what it holds ({@link DownstreamStatus#rank()}); a finished status is absorbing. So a copy delivered twice, late
 * or after a restart of the dispatcher changes nothing.
 */
public record DownstreamObservation(
        int schemaVersion,
        String jobId,
        String triggerId,
        int generation,
        String keboolaJobId,
        DownstreamStatus status,
        Instant startedAt,
        Instant finishedAt,
        Long durationSeconds,
        String message,
        String url,
        Instant observedAt) {

    public DownstreamObservation {
        schemaVersion = Check.schemaVersion(schemaVersion);
        Check.id(jobId, "jobId");
        Check.triggerId(triggerId, jobId, generation);
        Check.text(keboolaJobId, "keboolaJobId", Check.MAX_NAME);
        Check.required(status, "status");
        if (durationSeconds != null && durationSeconds < 0) {
            throw new InvalidContractException("durationSeconds", "must not be negative");
        }
        message = Check.optionalText(message, "message", Check.MAX_TEXT);
        url = Check.optionalText(url, "url", 2048);
        Check.required(observedAt, "observedAt");
    }

    /** The job's downstream part as this observation describes it. */
    public Downstream toDownstream() {
        return new Downstream(keboolaJobId, status, startedAt, finishedAt, durationSeconds, message, url, observedAt);
    }
}
