package dev.tecko.api.views;

import dev.tecko.schemas.JobSnapshot;
import dev.tecko.schemas.JobStatus;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;

/**
 * Jobs by status and the batches still watched (those of active and paused jobs), over a set of jobs: what
 * {@code GET /api/stats} answers and the {@code tecko_jobs} / {@code tecko_batches_tracked} gauges report.
 *
 * @param byStatus every status, 0 when no job has it
 */
public record JobCounts(Map<JobStatus, Long> byStatus, long batchesTracked) {
    public static JobCounts of(Collection<JobSnapshot> jobs) {
        Map<JobStatus, Long> byStatus = new EnumMap<>(JobStatus.class);
        for (JobStatus status : JobStatus.values()) {
            byStatus.put(status, 0L);
        }
        long batches = 0;
        for (JobSnapshot job : jobs) {
            byStatus.merge(job.status(), 1L, Long::sum);
            if (job.status().isWatching()) {
                batches += job.batches().size();
            }
        }
        return new JobCounts(Map.copyOf(byStatus), batches);
    }

    public long total() {
        return byStatus.values().stream().mapToLong(Long::longValue).sum();
    }
}
