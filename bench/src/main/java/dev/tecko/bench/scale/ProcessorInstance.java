package dev.tecko.bench.scale;

import dev.tecko.platform.config.TeckoConfig;
import dev.tecko.processor.runtime.RuntimeSettings;
import dev.tecko.processor.state.StoredJob;
import dev.tecko.processor.topology.JobTopology;
import dev.tecko.processor.topology.ProcessorSettings;
import dev.tecko.schemas.topics.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.LagInfo;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.TaskMetadata;
import org.apache.kafka.streams.ThreadMetadata;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * One processor instance built exactly as {@code ProcessorRuntime} builds it (the same {@link JobTopology} and
 * {@link RuntimeSettings} properties), but holding on to its {@link KafkaStreams}: the failover measurement must know
 * when a standby replica has caught up and which tasks are active where, which the runtime does not expose.
 */
final class ProcessorInstance implements AutoCloseable {
    private final KafkaStreams streams;
    private final String storeName;
    private final String batchStoreName;
    private final Topics topics;

    ProcessorInstance(TeckoConfig config) {
        ProcessorSettings settings = ProcessorSettings.from(config);
        this.storeName = settings.storeName();
        this.batchStoreName = settings.batchStoreName();
        this.topics = settings.topics();
        this.streams = new KafkaStreams(JobTopology.build(settings, new SimpleMeterRegistry()),
                RuntimeSettings.from(config).streamsProperties(settings.topics()));
    }

    ProcessorInstance start() {
        streams.start();
        return this;
    }

    boolean running() {
        return streams.state() == KafkaStreams.State.RUNNING;
    }

    /** Partitions whose job store is active here (commands' repartitioning has tasks of its own). */
    long activePartitions() {
        return tasks(true).stream().filter(task -> JobTopology.holdsJobStore(task, topics)).count();
    }

    /**
     * Whether this instance holds a replica of all {@code partitions} partitions, each caught up with its changelog.
     * Under exactly-once a standby stops at the last record, before the commit marker that follows it, so one offset of
     * lag per partition is as caught up as it gets.
     */
    boolean holdsEverythingCaughtUp(int partitions) {
        var all = streams.allLocalStorePartitionLags();
        return java.util.stream.Stream.of(storeName, batchStoreName).allMatch(store -> {
            Map<Integer, LagInfo> lags = all.getOrDefault(store, Map.of());
            return lags.size() == partitions && lags.values().stream().allMatch(lag -> lag.offsetLag() <= 1);
        });
    }

    /** Per partition held here (active or standby): how far behind its changelog; for the report when it never caught up. */
    String describeLags() {
        try {
            var described = new java.util.TreeMap<Integer, Long>();
            lags().forEach((partition, lag) -> described.put(partition, lag.offsetLag()));
            return "state " + streams.state() + ", active " + activePartitions() + ", lag by partition " + described;
        } catch (RuntimeException e) {
            return "state " + streams.state() + " (" + e.getMessage() + ")";
        }
    }

    private Map<Integer, LagInfo> lags() {
        return streams.allLocalStorePartitionLags().getOrDefault(storeName, Map.of());
    }

    /** Whether every one of {@code jobIds} can be read from this instance's active store. */
    boolean serves(List<String> jobIds) {
        ReadOnlyKeyValueStore<String, StoredJob> store = streams.store(
                StoreQueryParameters.fromNameAndType(storeName, QueryableStoreTypes.keyValueStore()));
        return jobIds.stream().allMatch(id -> store.get(id) != null);
    }

    private List<TaskMetadata> tasks(boolean active) {
        return streams.metadataForLocalThreads().stream()
                .flatMap((ThreadMetadata thread) -> (active ? thread.activeTasks() : thread.standbyTasks()).stream())
                .toList();
    }

    /** A clean shutdown that leaves the group, as {@code ProcessorRuntime.close()} does: the survivor takes over at once. */
    @Override
    public void close() {
        streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(Duration.ofSeconds(60)));
    }
}
