package dev.tecko.embedded.keboola;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * How a sandbox Keboola job runs, on the sandbox's clock, as real ones do: {@code created}, {@code waiting} (in the queue),
 * {@code processing}, then its end: {@code success} unless the sandbox was told otherwise ({@code warning}, {@code error},
 * {@code terminated} after a moment {@code terminating}, or {@code cancelled} straight from the queue, never started).
 */
public record JobLifecycle(Duration waitingAfter, Duration processingAfter, Duration finishedAfter) {
    /** Quick enough for a demo: the whole run takes three seconds. */
    public static final JobLifecycle DEFAULT = new JobLifecycle(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(3));
    private static final Duration TERMINATING = Duration.ofMillis(500);
    private static final DateTimeFormatter KEBOOLA_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");

    public JobLifecycle {
        if (waitingAfter.compareTo(processingAfter) > 0 || processingAfter.compareTo(finishedAfter) > 0) {
            throw new IllegalArgumentException("a job waits, then processes, then finishes: " + waitingAfter + " <= "
                    + processingAfter + " <= " + finishedAfter + " must hold");
        }
    }

    /** The Job object {@code created} holds at {@code now}: status, isFinished, start and end times, duration, result. */
    void render(ObjectNode job, Instant started, Instant now, String end) {
        Duration age = Duration.between(started, now);
        boolean cancelled = "cancelled".equals(end);
        Instant processingAt = started.plus(processingAfter);
        Instant finishedAt = started.plus(cancelled ? waitingAfter : finishedAfter);
        String status;
        if (!now.isBefore(finishedAt)) {
            status = end;
        } else if ("terminated".equals(end) && !now.isBefore(finishedAt.minus(TERMINATING))) {
            status = "terminating";
        } else if (!cancelled && !now.isBefore(processingAt)) {
            status = "processing";
        } else if (age.compareTo(waitingAfter) >= 0) {
            status = "waiting";
        } else {
            status = "created";
        }
        boolean finished = status.equals(end);
        boolean ran = !cancelled && !now.isBefore(processingAt);
        job.put("status", status);
        job.put("isFinished", finished);
        if (ran) {
            job.put("startTime", time(processingAt));
        }
        if (finished) {
            job.put("endTime", time(finishedAt));
            job.put("durationSeconds", ran ? Duration.between(processingAt, finishedAt).toSeconds() : 0);
            job.putObject("result").put("message", switch (end) {
                case "success" -> "Job succeeded";
                case "warning" -> "Job finished with warnings";
                case "error" -> "User error: the sandbox was told to fail this job";
                case "terminated" -> "Job terminated";
                default -> "Job cancelled";
            });
        }
    }

    private static String time(Instant at) {
        return KEBOOLA_TIME.format(OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
    }
}
