package dev.tecko.processor.machine;

import dev.tecko.processor.state.BatchRow;
import dev.tecko.schemas.BatchSnapshot;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One job's batch rows in memory, kept as the job processor's store keeps them: the store of those who drive the pure
 * machine without Kafka (its tests, the JMH benchmarks).
 */
public final class MapBatches implements JobBatches {
    private final Map<String, BatchRow> rows = new LinkedHashMap<>();

    /** Writes what the transition changed: its rows, or none at all when it deleted the job. */
    public MapBatches apply(Transition transition) {
        if (transition.store()) {
            if (transition.deleted()) {
                rows.clear();
            }
            transition.batches().forEach(row -> rows.put(row.batchId(), row));
        }
        return this;
    }

    @Override
    public BatchRow get(String batchId) {
        return rows.get(batchId);
    }

    @Override
    public List<BatchRow> all() {
        return rows.values().stream().sorted(Comparator.comparingInt(BatchRow::position)).toList();
    }

    public List<BatchSnapshot> snapshots() {
        return all().stream().map(BatchRow::batch).toList();
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }
}
