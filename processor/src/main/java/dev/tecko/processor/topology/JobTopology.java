package dev.tecko.processor.topology;

import dev.tecko.processor.metrics.ProcessorMetrics;
import dev.tecko.processor.state.JobState;
import dev.tecko.processor.state.JobStateSerde;
import dev.tecko.schemas.topics.Topic;
import dev.tecko.schemas.topics.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * Builds the processor's topology from settings alone: three co-partitioned sources, one processor with its two RocksDB
 * stores (jobs and their deadline index, both change-logged), three sinks. No broker is needed to build it.
 */
public final class JobTopology {
    static final String COMMANDS_SOURCE = "job-commands-source";
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
        var topology = new Topology();
        // raw bytes: an unreadable command is answered with command_rejected by the processor, then sent to the DLQ
        topology.addSource(COMMANDS_SOURCE, Serdes.String().deserializer(), Serdes.ByteArray().deserializer(),
                topics.jobCommands().name());
        addSource(topology, OBSERVATIONS_SOURCE, topics.batchStatus());
        addSource(topology, RESULTS_SOURCE, topics.triggerResults());
        topology.addProcessor(PROCESSOR, () -> new JobProcessor(settings, metrics),
                COMMANDS_SOURCE, OBSERVATIONS_SOURCE, RESULTS_SOURCE);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(settings.storeName()),
                Serdes.String(), JobStateSerde.create()), PROCESSOR);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(settings.deadlineStoreName()),
                Serdes.String(), Serdes.String()), PROCESSOR);
        addSink(topology, JOB_STATUS_SINK, topics.jobStatus());
        addSink(topology, JOB_EVENTS_SINK, topics.jobEvents());
        addSink(topology, TRIGGERS_SINK, topics.triggers());
        return topology;
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
