package dev.tecko.bench.processor;

import dev.tecko.bench.kafka.Deadline;
import dev.tecko.bench.kafka.RecordCounter;
import dev.tecko.schemas.JobSnapshot;
import dev.tecko.schemas.JobStatus;
import dev.tecko.schemas.json.JsonSerde;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * What {@code job-status} costs its readers per job: every record of the topic (from the beginning, the creation's
 * snapshot included) summed per job, against the size of the job's final snapshot, the one that shows it triggered.
 * The goal of issue 14: at most 3 times the final snapshot, whatever the job's size.
 */
final class SnapshotBytes implements AutoCloseable {
    private final JsonSerde<JobSnapshot> serde = new JsonSerde<>(JobSnapshot.class);
    private final Map<String, long[]> perJob = new HashMap<>();
    private final RecordCounter counter;
    private long records;
    private int finals;

    SnapshotBytes(Properties kafka, String topic) {
        this.counter = RecordCounter.start(kafka, topic, this::record);
    }

    private synchronized void record(String jobId, byte[] value, long at) {
        records++;
        long[] bytes = perJob.computeIfAbsent(jobId, id -> new long[3]);
        int size = value == null ? 0 : value.length;
        bytes[0] += size;
        if (value != null && bytes[2] == 0 && serde.fromBytes(value).status() == JobStatus.TRIGGERING) {
            bytes[1] = size;
            bytes[2] = 1;
            finals++;
            notifyAll();
        }
    }

    /** Waits until every job's final snapshot was read; false when the deadline came first. */
    synchronized boolean awaitFinals(int jobs, Deadline deadline) throws InterruptedException {
        while (finals < jobs) {
            long left = deadline.remaining().toMillis();
            if (left <= 0) {
                return false;
            }
            wait(Math.min(left, 1_000));
        }
        return true;
    }

    synchronized long records() {
        return records;
    }

    /** The largest ratio of a job's bytes on the topic to its final snapshot's. */
    synchronized double worstRatio() {
        return perJob.values().stream().filter(b -> b[1] > 0).mapToDouble(b -> (double) b[0] / b[1]).max().orElse(Double.NaN);
    }

    synchronized double finalSnapshotBytesAvg() {
        return perJob.values().stream().filter(b -> b[1] > 0).mapToLong(b -> b[1]).average().orElse(Double.NaN);
    }

    @Override
    public void close() {
        counter.close();
    }
}
