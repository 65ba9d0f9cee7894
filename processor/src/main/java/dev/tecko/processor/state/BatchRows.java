package dev.tecko.processor.state;

import dev.tecko.schemas.BatchSnapshot;
import dev.tecko.schemas.JobSnapshot;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** Reading a job's rows out of the {@code jobs-batches} store, for the processor and for interactive queries alike. */
public final class BatchRows {
    private static final StringSerializer KEYS = new StringSerializer();

    private BatchRows() {
    }

    /** Every row of the job, in the job's order: one prefix scan of {@code jobId/}. */
    public static List<BatchRow> of(ReadOnlyKeyValueStore<String, BatchRow> rows, String jobId) {
        var found = new ArrayList<BatchRow>();
        try (var it = rows.prefixScan(BatchRow.prefix(jobId), KEYS)) {
            it.forEachRemaining(kv -> found.add(kv.value));
        }
        found.sort(Comparator.comparingInt(BatchRow::position));
        return found;
    }

    public static List<BatchSnapshot> batches(List<BatchRow> rows) {
        return rows.stream().map(BatchRow::batch).toList();
    }

    /** The public snapshot of a stored job, or null when there is no job (nothing stored, or a deleted job's marker). */
    public static JobSnapshot snapshot(StoredJob stored, ReadOnlyKeyValueStore<String, BatchRow> rows) {
        if (stored instanceof StoredJob.Current current && !current.job().isRetired()) {
            return current.job().toSnapshot(batches(of(rows, current.job().jobId())));
        }
        if (stored instanceof StoredJob.Legacy legacy && legacy.job().status() != null) {
            // not moved to the current layout yet (nothing touched it since the upgrade): its batches are inline
            return legacy.job().header().toSnapshot(legacy.job().batches());
        }
        return null;
    }
}
