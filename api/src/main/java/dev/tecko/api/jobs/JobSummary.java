package dev.tecko.api.jobs;

import dev.tecko.schemas.BatchCounts;
import dev.tecko.schemas.BatchSearch;
import dev.tecko.schemas.DownstreamStatus;
import dev.tecko.schemas.JobSnapshot;
import dev.tecko.schemas.JobStatus;
import dev.tecko.schemas.TargetType;
import java.time.Instant;

/**
 * One line of a job list; {@code downstreamStatus}: how the Keboola job its trigger created stands, once reported;
 * {@code batchSearch}: a tagged job's search (its state tells whether its batch list is still open).
 */
public record JobSummary(String jobId, String name, JobStatus status, int generation, BatchCounts counts, TargetType targetType,
                         Instant createdAt, Instant updatedAt, Instant finishedAt, DownstreamStatus downstreamStatus,
                         BatchSearch batchSearch) {
    public static JobSummary of(JobSnapshot job) {
        return new JobSummary(job.jobId(), job.name(), job.status(), job.generation(), job.counts(), job.target().type(),
                job.createdAt(), job.updatedAt(), job.finishedAt(), job.downstream() == null ? null : job.downstream().status(),
                job.batchSearch());
    }
}
