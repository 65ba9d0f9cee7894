package dev.tecko.processor.runtime;

import dev.tecko.processor.machine.JobMachine;
import dev.tecko.processor.state.JobState;
import dev.tecko.schemas.JobSnapshot;
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

    StoreJobQueryView(Supplier<KafkaStreams> streams, String storeName) {
        this.streams = streams;
        this.storeName = storeName;
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
        // the job store's partition number equals the input partitions' (co-partitioned), so a local active task
        // with that partition number holds the job; this works with or without application.server
        int partition = metadata.partition();
        boolean local = running.metadataForLocalThreads().stream()
                .flatMap(thread -> thread.activeTasks().stream())
                .anyMatch(task -> task.taskId().partition() == partition);
        HostInfo owner = metadata.activeHost();
        boolean known = owner != null && owner.port() >= 0;
        return new JobOwner(local, known ? Optional.of(owner) : Optional.empty());
    }
}
