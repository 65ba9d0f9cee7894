package dev.tecko.poller.schedule;

import dev.tecko.schemas.BatchSnapshot;
import dev.tecko.schemas.JobSnapshot;
import dev.tecko.schemas.JobStatus;
import dev.tecko.schemas.TriggerTarget;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** Hand-written job-status snapshots for tests (the processor writes the real ones). */
public final class Snapshots {
    private Snapshots() {
    }

    public static JobSnapshot job(String jobId, JobStatus status, int interval, String secret, String... batchIds) {
        return job(jobId, status, interval, secret, Arrays.stream(batchIds).map(BatchSnapshot::pending).toList());
    }

    public static JobSnapshot job(String jobId, JobStatus status, int interval, String secret, List<BatchSnapshot> batches) {
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        return new JobSnapshot(1, jobId, "job " + jobId, status, 1, batches, null, secret,
                TriggerTarget.keboola("https://connection.keboola.com", "kds-team.app", "123", "kbc"), interval, null, null, null,
                null, null, t, t, null, 1);
    }
}
