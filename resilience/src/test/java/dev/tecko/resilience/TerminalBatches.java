package dev.tecko.resilience;

import dev.tecko.schemas.BatchObservation;
import dev.tecko.schemas.BatchStatus;
import java.util.HashMap;
import java.util.Map;

/** What {@code batch-status} says about each batch's end: the terminal status published for it, by batch id. */
final class TerminalBatches implements AutoCloseable {
    private final CommittedReader<String, BatchObservation> reader;
    private final Map<String, BatchStatus> terminal = new HashMap<>();

    TerminalBatches(Cluster cluster) {
        this.reader = cluster.reader(cluster.topics().batchStatus());
    }

    /** Reads what was published since the last call; returns every terminal status seen so far. */
    Map<String, BatchStatus> collect() {
        for (var record : reader.poll()) {
            BatchObservation observation = record.value();
            if (observation.status().isTerminal()) {
                terminal.put(observation.batchId(), observation.status());
            }
        }
        return Map.copyOf(terminal);
    }

    @Override
    public void close() {
        reader.close();
    }
}
