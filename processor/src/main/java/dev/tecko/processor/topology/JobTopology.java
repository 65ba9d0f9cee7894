package dev.tecko.processor.topology;

import dev.tecko.processor.metrics.ProcessorMetrics;
import dev.tecko.processor.state.JobStateSerde;
import dev.tecko.schemas.topics.Topic;
import dev.tecko.schemas.topics.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TaskMetadata;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * Builds the processor's topology from settings alone: commands repartitioned by job id, then with the two
 * co-partitioned sources into one processor with its two RocksDB stores (jobs and their deadline index, both
 * change-logged), three sinks; and the secrets' types in a global store the processor checks commands against. No
 * broker is needed to build it.
 */
public final class JobTopology {
    static final String COMMANDS_SOURCE = "job-commands-source";
    /** Names the internal topic {@code <application.id>-job-commands-by-job-repartition} and its nodes. */
    static final String COMMANDS_GUARD = "job-commands-guard";
    static final String COMMANDS_BY_JOB = "job-commands-by-job";
    static final String COMMANDS_BY_JOB_SOURCE = COMMANDS_BY_JOB + "-repartition-source";
    static final String OBSERVATIONS_SOURCE = "batch-status-source";
    static final String RESULTS_SOURCE = "trigger-results-source";
    static final String PROCESSOR = "job-processor";
    static final String JOB_STATUS_SINK = "job-status-sink";
    static final String JOB_EVENTS_SINK = "job-events-sink";
    static final String TRIGGERS_SINK = "triggers-sink";

    private JobTopology() {
    }

    public static Topology build(ProcessorSettings settings, MeterRegistry registry) {
        Topics topics = settings.topics();
        var metrics = new ProcessorMetrics(registry);
        var builder = new StreamsBuilder();
        // job-commands is written by other teams with any client and partitioner (kcat's is not the Java client's), so
        // commands are repartitioned by job id first: a job and its observations always meet in one task. Raw bytes: an
        // unreadable command is answered with command_rejected by the processor, then sent to the DLQ
        builder.stream(topics.jobCommands().name(), Consumed.with(Serdes.String(), Serdes.ByteArray()).withName(COMMANDS_SOURCE))
                .process(() -> new CommandGuard(metrics), Named.as(COMMANDS_GUARD))
                .repartition(Repartitioned.<String, byte[]>as(COMMANDS_BY_JOB).withKeySerde(Serdes.String())
                        .withValueSerde(Serdes.ByteArray()));
        var topology = builder.build();
        addSource(topology, OBSERVATIONS_SOURCE, topics.batchStatus());
        addSource(topology, RESULTS_SOURCE, topics.triggerResults());
        topology.addProcessor(PROCESSOR, () -> new JobProcessor(settings, metrics),
                COMMANDS_BY_JOB_SOURCE, OBSERVATIONS_SOURCE, RESULTS_SOURCE);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(settings.storeName()),
                Serdes.String(), JobStateSerde.create()), PROCESSOR);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(settings.deadlineStoreName()),
                Serdes.String(), Serdes.String()), PROCESSOR);
        SecretTypesStore.addTo(topology, topics.secrets());
        addSink(topology, JOB_STATUS_SINK, topics.jobStatus());
        addSink(topology, JOB_EVENTS_SINK, topics.jobEvents());
        addSink(topology, TRIGGERS_SINK, topics.triggers());
        return topology;
    }

    /**
     * Whether a task holds the job store: the job processor's task, the only one reading {@code batch-status}. Commands'
     * repartitioning has tasks of the same partition numbers in another subtopology, which hold no store.
     */
    public static boolean holdsJobStore(TaskMetadata task, Topics topics) {
        String input = topics.batchStatus().name();
        return task.topicPartitions().stream().anyMatch(partition -> partition.topic().equals(input));
    }

    /** Whether records of this topic are commands: the internal topic commands are repartitioned through. */
    static boolean isCommandsByJob(String topic) {
        return topic.endsWith("-" + COMMANDS_BY_JOB + "-repartition");
    }

    private static void addSource(Topology topology, String name, Topic<String, ?> topic) {
        topology.addSource(name, topic.keySerde().deserializer(), topic.valueSerde().deserializer(), topic.name());
    }

    @SuppressWarnings("unchecked")
    private static <V> void addSink(Topology topology, String name, Topic<String, V> topic) {
        // the processor forwards Object; each sink only ever receives its own topic's value type
        topology.addSink(name, topic.name(), topic.keySerde().serializer(), (Serializer<Object>) topic.valueSerde().serializer(),
                PROCESSOR);
    }
}
