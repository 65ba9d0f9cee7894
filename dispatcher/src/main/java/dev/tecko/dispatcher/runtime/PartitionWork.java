package dev.tecko.dispatcher.runtime;

import dev.tecko.schemas.DispatchMark;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * What an owned partition has in progress: its lanes (one per target host), the offsets read but not finished, and the
 * finished steps waiting for the loop thread's next commit. Lanes finish out of order, so results are committed as they
 * come, but the partition's committed offset only moves up to its first unfinished record: a successor re-reads from
 * there, and the ledger's {@code done} marks (written with each result) keep it from delivering anything twice.
 * Everything but {@link #finished} and the lanes' own queues is touched by the loop thread only.
 */
final class PartitionWork {
    /** The records to write for one consumed offset, and the ledger mark they carry (if any). */
    record Step(long offset, String jobId, List<ProducerRecord<byte[], byte[]>> records, DispatchMark done, boolean fromLane) {
        /** A step decided on the loop thread (a skip, a dead letter): no lane, no delivery. */
        static Step immediate(long offset, String jobId, List<ProducerRecord<byte[], byte[]>> records) {
            return new Step(offset, jobId, records, null, false);
        }
    }

    final TopicPartition partition;
    final AtomicBoolean cancelled = new AtomicBoolean();
    final Queue<Step> finished = new ConcurrentLinkedQueue<>();
    private final ExecutorService workers;
    private final Map<String, Lane> lanes = new HashMap<>();
    /** A job's triggers stay in one lane while any is open, so a job's generations are delivered in order. */
    private final Map<String, String> laneOfJob = new HashMap<>();
    private final Map<String, Integer> openOfJob = new HashMap<>();
    private final TreeSet<Long> open = new TreeSet<>();
    private long firstRead = -1;
    private long lastRead = -1;
    private long committedPosition = -1;
    boolean paused;

    PartitionWork(TopicPartition partition, ExecutorService workers) {
        this.partition = partition;
        this.workers = workers;
    }

    /** A record was read: it stays open until its step is committed. */
    void admit(long offset) {
        open.add(offset);
        if (firstRead < 0) {
            firstRead = offset;
        }
        lastRead = offset;
    }

    /** Runs a delivery for {@code jobId} in the lane of {@code host} (or of the job's open trigger). */
    void deliver(String jobId, String host, Runnable task) {
        String lane = laneOfJob.computeIfAbsent(jobId, j -> host);
        openOfJob.merge(jobId, 1, Integer::sum);
        lanes.computeIfAbsent(lane, l -> new Lane(workers, cancelled)).add(task);
    }

    /** A step was taken for commit: its offset is no longer open. */
    void committed(Step step) {
        open.remove(step.offset());
        if (step.fromLane()) {
            openOfJob.computeIfPresent(step.jobId(), (j, n) -> n == 1 ? null : n - 1);
            if (!openOfJob.containsKey(step.jobId())) {
                laneOfJob.remove(step.jobId());
            }
        }
    }

    /** The offset to commit: the first record not finished, or the one after the last read. */
    long position() {
        return open.isEmpty() ? lastRead + 1 : open.first();
    }

    /** The position is about to be committed (in the same transaction as the steps taken). */
    void positionCommitted() {
        committedPosition = position();
    }

    /** The offset committed so far: where this partition's reading began, until this session commits one. */
    long committedPosition() {
        return committedPosition >= 0 ? committedPosition : firstRead;
    }

    int openCount() {
        return open.size();
    }

    boolean idle() {
        return lanes.values().stream().allMatch(Lane::idle);
    }

    /** Waits for every lane's delivery in progress, at most until {@code deadlineNanos}; false when one is still running. */
    boolean awaitIdle(long deadlineNanos) throws InterruptedException {
        boolean all = true;
        for (Lane lane : lanes.values()) {
            all &= lane.awaitIdle(deadlineNanos);
        }
        return all;
    }

    void interrupt() {
        lanes.values().forEach(Lane::interrupt);
    }
}
