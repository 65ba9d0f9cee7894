package dev.tecko.processor.runtime;

import dev.tecko.processor.query.JobOwner;
import dev.tecko.processor.query.JobQueryView;
import dev.tecko.processor.state.BatchRow;
import dev.tecko.processor.state.BatchRows;
import dev.tecko.processor.state.StoredJob;
import dev.tecko.processor.topology.JobTopology;
import dev.tecko.processor.topology.ProcessorSettings;
import dev.tecko.schemas.JobSnapshot;
import dev.tecko.schemas.topics.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** {@link JobQueryView} over a running {@link KafkaStreams}. */
final class StoreJobQueryView implements JobQueryView {
    private final Supplier<KafkaStreams> streams;
    private final String storeName;
    private final String batchStoreName;
    private final Topics topics;

    StoreJobQueryView(Supplier<KafkaStreams> streams, ProcessorSettings settings) {
        this.streams = streams;
        this.storeName = settings.storeName();
        this.batchStoreName = settings.batchStoreName();
        this.topics = settings.topics();
    }

    private <V> ReadOnlyKeyValueStore<String, V> store(String name) {
        KafkaStreams running = streams.get();
        if (running == null) {
            throw new IllegalStateException("the processor is not started");
        }
        return running.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<String, V>keyValueStore()));
    }

    @Override
    public Optional<JobSnapshot> get(String jobId) {
        ReadOnlyKeyValueStore<String, StoredJob> jobs = store(storeName);
        return Optional.ofNullable(BatchRows.snapshot(jobs.get(jobId), store(batchStoreName)));
    }

    /** Every job's snapshot: its header, then one prefix scan of its rows. */
    @Override
    public List<JobSnapshot> all() {
        ReadOnlyKeyValueStore<String, StoredJob> jobs = store(storeName);
        ReadOnlyKeyValueStore<String, BatchRow> rows = store(batchStoreName);
        var found = new ArrayList<JobSnapshot>();
        try (var it = jobs.all()) {
            it.forEachRemaining(kv -> {
                JobSnapshot snapshot = BatchRows.snapshot(kv.value, rows);
                if (snapshot != null) {
                    found.add(snapshot);
                }
            });
        }
        found.sort(java.util.Comparator.comparing(JobSnapshot::jobId));
        return found;
    }

    /** Whether an active task here holds the store's partition. */
    private boolean holdsActive(KafkaStreams running, int partition) {
        return running.metadataForLocalThreads().stream()
                .flatMap(thread -> thread.activeTasks().stream())
                .anyMatch(task -> task.taskId().partition() == partition
                        && JobTopology.holdsJobStore(task, topics));
    }

    @Override
    public JobOwner ownerOf(String jobId) {
        KafkaStreams running = streams.get();
        if (running == null) {
            return JobOwner.UNKNOWN;
        }
        KeyQueryMetadata metadata = running.queryMetadataForKey(storeName, jobId, Serdes.String().serializer());
        if (metadata == null || metadata.equals(KeyQueryMetadata.NOT_AVAILABLE)) {
            return JobOwner.UNKNOWN;
        }
        // local when this instance's active store holds that partition (another subtopology's task of the same partition
        // number, commands' repartitioning, holds no store); this works with or without application.server
        boolean local = holdsActive(running, metadata.partition());
        HostInfo owner = metadata.activeHost();
        boolean known = owner != null && owner.port() >= 0;
        return new JobOwner(local, known ? Optional.of(owner) : Optional.empty());
    }
}
