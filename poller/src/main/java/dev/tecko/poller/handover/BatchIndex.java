package dev.tecko.poller.handover;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which jobs hold a batch, for every job on {@code job-status} (not only this poller's): what a poller that received a
 * webhook needs to hand it to the owners, and to see whether the owner acted on it ({@link #unsettled}). Holds batch and
 * job ids, each job's {@code job-status} partition and secret name, and which of its batches have ended, so a million
 * batches cost tens of megabytes, not whole snapshots. Thread-safe: written by the reader thread, read by
 * webhook request threads.
 */
public final class BatchIndex {

    /** A job holding the batch, and the {@code job-status} partition its snapshots are on (the owner's partition). */
    public record Holder(String jobId, int partition) {
    }

    /** A job holding the batch whose latest snapshot does not show it ended, and the name of the job's provider secret. */
    public record Unsettled(String jobId, String secret) {
    }

    private record Entry(int partition, String secret, List<String> batchIds, Set<String> ended) {
    }

    private final Map<String, Entry> byJob = new HashMap<>();
    private final Map<String, Set<String>> jobsByBatch = new HashMap<>();

    /** The job's latest batches, none of them ended (for tests and jobs read without their statuses). */
    public void put(String jobId, int partition, List<String> batchIds) {
        put(jobId, partition, null, batchIds, Set.of());
    }

    /**
     * The job's latest batches, from its snapshot on {@code partition}, and those of them that have ended; an empty list
     * forgets the job.
     */
    public synchronized void put(String jobId, int partition, String secret, List<String> batchIds, Set<String> ended) {
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
        byJob.put(jobId, new Entry(partition, secret, List.copyOf(batchIds), Set.copyOf(ended)));
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

    /**
     * The jobs holding the batch whose latest snapshot does not show it ended yet: a webhook said it ended, so for these
     * the owner has not (yet) fetched it, or its report has not reached {@code job-status}.
     */
    public synchronized List<Unsettled> unsettled(String batchId) {
        Set<String> jobs = jobsByBatch.get(batchId);
        if (jobs == null) {
            return List.of();
        }
        List<Unsettled> open = new ArrayList<>();
        for (String jobId : jobs) {
            Entry entry = byJob.get(jobId);
            if (entry.secret() != null && !entry.ended().contains(batchId)) {
                open.add(new Unsettled(jobId, entry.secret()));
            }
        }
        return open;
    }

    public synchronized int jobCount() {
        return byJob.size();
    }

    public synchronized int batchCount() {
        return jobsByBatch.size();
    }
}
