package dev.tecko.poller.schedule;

import dev.tecko.schemas.BatchStatus;
import dev.tecko.schemas.JobSnapshot;
import dev.tecko.schemas.JobSpec;
import dev.tecko.schemas.RequestCounts;
import java.time.Duration;

/**
 * How often a batch is polled: the job's interval, sooner when {@code request_counts} say the batch is nearly done or it
 * is finalizing, later while it is validating or its key is refused — always within the job's min/max bounds
 * (default interval/4 and interval*4, clamped to 10 s..24 h).
 *
 * <p>{@code minIntervalSeconds} below the contract's 10 s compresses time for tests and demos: every interval is scaled
 * by {@code minIntervalSeconds / 10}, so a job's 10 s becomes that many seconds.
 */
public final class IntervalPolicy {
    /** Share of requests finished from which a batch counts as close to done. */
    static final double NEARLY_DONE = 0.9;

    private final double scale;

    public IntervalPolicy(int minIntervalSeconds) {
        if (minIntervalSeconds < 1) {
            throw new IllegalArgumentException("minIntervalSeconds must be at least 1");
        }
        this.scale = Math.min(1.0, minIntervalSeconds / (double) JobSpec.MIN_POLL_INTERVAL_SECONDS);
    }

    /** A job's interval and its bounds, already scaled. */
    public record Bounds(Duration min, Duration base, Duration max) {
    }

    public Bounds bounds(JobSnapshot job) {
        int base = job.pollIntervalSeconds();
        int min = job.minPollIntervalSeconds() != null ? job.minPollIntervalSeconds() : clamp(base / 4);
        int max = job.maxPollIntervalSeconds() != null ? job.maxPollIntervalSeconds() : clamp(base * 4L);
        min = Math.min(min, base);
        max = Math.max(max, base);
        return new Bounds(scaled(min), scaled(base), scaled(max));
    }

    /** The interval for one batch in the state last seen. */
    public Duration forBatch(Bounds bounds, BatchStatus status, RequestCounts counts, boolean refused) {
        if (refused) {
            return bounds.max();
        }
        Duration wanted = switch (status) {
            case VALIDATING -> bounds.base().multipliedBy(2);
            case FINALIZING, CANCELLING -> bounds.min();
            case IN_PROGRESS -> counts.progress() >= NEARLY_DONE ? bounds.min() : bounds.base();
            default -> bounds.base();
        };
        return within(wanted, bounds);
    }

    private static Duration within(Duration d, Bounds bounds) {
        if (d.compareTo(bounds.min()) < 0) {
            return bounds.min();
        }
        return d.compareTo(bounds.max()) > 0 ? bounds.max() : d;
    }

    private static int clamp(long seconds) {
        return (int) Math.max(JobSpec.MIN_POLL_INTERVAL_SECONDS, Math.min(JobSpec.MAX_POLL_INTERVAL_SECONDS, seconds));
    }

    private Duration scaled(int seconds) {
        return Duration.ofMillis(Math.round(seconds * 1000 * scale));
    }
}
