package dev.tecko.api.views;

import dev.tecko.schemas.JobStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code tecko_jobs{status}} and {@code tecko_batches_tracked}, from the {@link JobStatusView}: the whole cluster's jobs
 * (the compacted {@code job-status} topic), so every instance reports the same totals, also while partitions move
 * between instances. Aggregate them across instances with {@code max}, not {@code sum}.
 */
public final class JobGauges {
    public static final String JOBS = "tecko.jobs";
    public static final String BATCHES_TRACKED = "tecko.batches.tracked";

    private JobGauges() {
    }

    public static void register(JobStatusView view, MeterRegistry registry) {
        for (JobStatus status : JobStatus.values()) {
            Gauge.builder(JOBS, view, v -> v.counts().byStatus().get(status))
                    .description("jobs by status, across the cluster (from job-status)").tag("status", status.wire())
                    .register(registry);
        }
        Gauge.builder(BATCHES_TRACKED, view, v -> v.counts().batchesTracked())
                .description("batches of active and paused jobs, across the cluster (from job-status)").register(registry);
    }
}
