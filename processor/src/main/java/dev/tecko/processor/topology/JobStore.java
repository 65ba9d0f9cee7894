package dev.tecko.processor.topology;

import dev.tecko.processor.machine.JobMachine;
import dev.tecko.processor.state.JobState;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The job processor's two stores as one: the jobs and the {@link DeadlineIndex}. Every write of a job goes through
 * {@link #put}, which keeps the index in step, so no writer can forget it.
 */
final class JobStore {
    private final KeyValueStore<String, JobState> jobs;
    private final DeadlineIndex deadlines;

    JobStore(KeyValueStore<String, JobState> jobs, KeyValueStore<String, String> deadlines) {
        this.jobs = jobs;
        this.deadlines = new DeadlineIndex(deadlines);
    }

    JobState get(String jobId) {
        return jobs.get(jobId);
    }

    /**
     * Stores the job and moves its index entry: added, moved to a new deadline, or removed when it can no longer time
     * out. {@code previous} is what the store held, as the caller read it for this very change: the job is not read (and
     * deserialized) a second time, which for a large job costs as much as the change itself.
     */
    void put(String jobId, JobState previous, JobState job) {
        String before = indexKey(jobId, previous);
        String after = indexKey(jobId, job);
        jobs.put(jobId, job);
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
                if (JobMachine.canTimeOut(kv.value)) {
                    deadlines.add(kv.value.deadline(), kv.key);
                }
            });
        }
        deadlines.markBuilt();
    }

    private static String indexKey(String jobId, JobState job) {
        return JobMachine.canTimeOut(job) ? DeadlineIndex.key(job.deadline(), jobId) : null;
    }
}
