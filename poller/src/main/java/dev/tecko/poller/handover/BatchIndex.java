package dev.tecko.poller.handover;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which jobs hold a batch, for every job on {@code job-status} (not only this poller's): what a poller that received a
 * webhook needs to hand it to the owners. Holds batch and job ids and each job's {@code job-status} partition only, so
 * a million batches cost tens of megabytes, not whole snapshots. Thread-safe: written by the reader thread, read by
 * webhook request threads.
 */
public final class BatchIndex {

    /** A job holding the batch, and the {@code job-status} partition its snapshots are on (the owner's partition). */
    public record Holder(String jobId, int partition) {
    }

    private record Entry(int partition, List<String> batchIds) {
    }

    private final Map<String, Entry> byJob = new HashMap<>();
    private final Map<String, Set<String>> jobsByBatch = new HashMap<>();

    /** The job's latest batches, from its snapshot on {@code partition}; an empty list forgets the job. */
    public synchronized void put(String jobId, int partition, List<String> batchIds) {
        Entry old = byJob.remove(jobId);
        if (old != null) {
            for (String batchId : old.batchIds()) {
                Set<String> jobs = jobsByBatch.get(batchId);
                if (jobs != null && jobs.remove(jobId) && jobs.isEmpty()) {
                    jobsByBatch.remove(batchId);
                }
            }
        }
        if (batchIds.isEmpty()) {
            return;
        }
        byJob.put(jobId, new Entry(partition, List.copyOf(batchIds)));
        for (String batchId : batchIds) {
            // sorted, so a webhook's handovers always leave in the same order
            jobsByBatch.computeIfAbsent(batchId, b -> new TreeSet<>()).add(jobId);
        }
    }

    /** The job was deleted (a tombstone). */
    public void remove(String jobId) {
        put(jobId, -1, List.of());
    }

    /** Every job holding the batch, with its partition; empty when none does. */
    public synchronized List<Holder> holders(String batchId) {
        Set<String> jobs = jobsByBatch.get(batchId);
        if (jobs == null) {
            return List.of();
        }
        return jobs.stream().map(jobId -> new Holder(jobId, byJob.get(jobId).partition())).toList();
    }

    public synchronized int jobCount() {
        return byJob.size();
    }

    public synchronized int batchCount() {
        return jobsByBatch.size();
    }
}
