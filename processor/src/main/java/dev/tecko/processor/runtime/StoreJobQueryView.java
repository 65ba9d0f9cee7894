package dev.tecko.processor.runtime;

import dev.tecko.processor.machine.JobMachine;
import dev.tecko.processor.query.JobOwner;
import dev.tecko.processor.query.JobQueryView;
import dev.tecko.processor.state.JobState;
import dev.tecko.processor.topology.JobTopology;
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
    private final Topics topics;

    StoreJobQueryView(Supplier<KafkaStreams> streams, String storeName, Topics topics) {
        this.streams = streams;
        this.storeName = storeName;
        this.topics = topics;
    }

    private ReadOnlyKeyValueStore<String, JobState> store() {
        KafkaStreams running = streams.get();
        if (running == null) {
            throw new IllegalStateException("the processor is not started");
        }
        return running.store(StoreQueryParameters.fromNameAndType(storeName, QueryableStoreTypes.keyValueStore()));
    }

    @Override
    public Optional<JobSnapshot> get(String jobId) {
        return Optional.ofNullable(JobMachine.live(store().get(jobId))).map(JobState::toSnapshot);
    }

    @Override
    public List<JobSnapshot> all() {
        var jobs = new ArrayList<JobSnapshot>();
        try (var it = store().all()) {
            it.forEachRemaining(kv -> {
                if (!kv.value.isRetired()) {
                    jobs.add(kv.value.toSnapshot());
                }
            });
        }
        jobs.sort(java.util.Comparator.comparing(JobSnapshot::jobId));
        return jobs;
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
