package dev.tecko.processor.topology;

import dev.tecko.processor.machine.JobBatches;
import dev.tecko.processor.machine.JobMachine;
import dev.tecko.processor.machine.Transition;
import dev.tecko.processor.state.BatchRow;
import dev.tecko.processor.state.BatchRows;
import dev.tecko.processor.state.JobState;
import dev.tecko.processor.state.StoredJob;
import dev.tecko.schemas.JobSnapshot;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The job processor's stores as one: the jobs' headers ({@code jobs}), their batches, a row each ({@code jobs-batches},
 * keyed {@code jobId/batchId}), and the {@link DeadlineIndex}. Every write of a job goes through {@link #put}, which
 * writes the header, the changed rows and the index entry together, so no writer can forget one. A job stored by a
 * processor before the per-batch layout (its batches inline) is moved to it the first time it is read.
 */
final class JobStore {
    private final KeyValueStore<String, StoredJob> jobs;
    private final KeyValueStore<String, BatchRow> rows;
    private final DeadlineIndex deadlines;

    JobStore(KeyValueStore<String, StoredJob> jobs, KeyValueStore<String, BatchRow> rows, KeyValueStore<String, String> deadlines) {
        this.jobs = jobs;
        this.rows = rows;
        this.deadlines = new DeadlineIndex(deadlines);
    }

    /** The job's header (a deleted job's marker included), or null. */
    JobState get(String jobId) {
        return current(jobId, jobs.get(jobId));
    }

    /** The job's batches, read from the store only as far as they are asked for. */
    JobBatches batches(String jobId) {
        return new JobBatches() {
            @Override
            public BatchRow get(String batchId) {
                return rows.get(BatchRow.key(jobId, batchId));
            }

            @Override
            public List<BatchRow> all() {
                return BatchRows.of(rows, jobId);
            }
        };
    }

    /** The job's public snapshot as stored now, or null when there is no job. */
    JobSnapshot snapshot(String jobId) {
        JobState job = get(jobId);
        return job == null || job.isRetired() ? null : job.toSnapshot(BatchRows.batches(BatchRows.of(rows, jobId)));
    }

    /**
     * Carries out the transition's writes: the header, the rows it changed (all of them removed when the job was
     * deleted) and the index entry: added, moved to a new deadline, or removed when the job can no longer time out.
     * {@code previous} is what the store held, as the caller read it for this very change: the header is not read a
     * second time.
     */
    void put(String jobId, JobState previous, Transition transition) {
        JobState job = transition.state();
        if (transition.deleted()) {
            for (BatchRow row : BatchRows.of(rows, jobId)) {
                rows.delete(BatchRow.key(jobId, row.batchId()));
            }
        }
        for (BatchRow row : transition.batches()) {
            rows.put(BatchRow.key(jobId, row.batchId()), row);
        }
        jobs.put(jobId, new StoredJob.Current(job));
        String before = indexKey(jobId, previous);
        String after = indexKey(jobId, job);
        if (before != null && !before.equals(after)) {
            deadlines.remove(before);
        }
        if (after != null && !after.equals(before)) {
            deadlines.add(job.deadline(), jobId);
        }
    }

    List<DeadlineIndex.Entry> dueDeadlines(Instant now) {
        return deadlines.due(now);
    }

    /** Drops an index entry that turned out stale: its job no longer has that deadline or can no longer time out. */
    void dropDeadline(DeadlineIndex.Entry entry) {
        deadlines.remove(entry.key());
    }

    /**
     * Indexes the jobs stored before the index existed (a processor upgraded in place): one full scan per task, ever,
     * remembered by a marker in the index itself, which is change-logged and restored with it.
     */
    void buildDeadlineIndexOnce() {
        if (deadlines.built()) {
            return;
        }
        try (var all = jobs.all()) {
            all.forEachRemaining(kv -> {
                JobState job = header(kv.value);
                if (JobMachine.canTimeOut(job)) {
                    deadlines.add(job.deadline(), kv.key);
                }
            });
        }
        deadlines.markBuilt();
    }

    /** The stored job in the current layout; a legacy one is moved to it here, its batches written as rows. */
    private JobState current(String jobId, StoredJob stored) {
        if (stored instanceof StoredJob.Legacy legacy) {
            JobState header = legacy.job().header();
            for (BatchRow row : legacy.job().rows()) {
                rows.put(BatchRow.key(jobId, row.batchId()), row);
            }
            jobs.put(jobId, new StoredJob.Current(header));
            return header;
        }
        return stored == null ? null : ((StoredJob.Current) stored).job();
    }

    private static JobState header(StoredJob stored) {
        return stored instanceof StoredJob.Legacy legacy ? legacy.job().header() : ((StoredJob.Current) stored).job();
    }

    private static String indexKey(String jobId, JobState job) {
        return JobMachine.canTimeOut(job) ? DeadlineIndex.key(job.deadline(), jobId) : null;
    }
}
