package dev.tecko.processor.topology;

import dev.tecko.processor.metrics.ProcessorMetrics;
import dev.tecko.schemas.topics.Topic;
import dev.tecko.schemas.topics.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TaskMetadata;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.BranchedKStream;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;

/**
 * Builds the processor's topology from settings alone: commands repartitioned by job id; each input as its own
 * {@link JobInput} type, merged into the job processor (which declares its two stores: the jobs and their deadline
 * index, both change-logged); its {@link JobOutput}s split by type to three sinks, each with its own topic's serdes; and
 * the secrets' types in a global store the processor checks commands against. No broker is needed to build it.
 */
public final class JobTopology {
    static final String COMMANDS_SOURCE = "job-commands-source";
    /** Names the internal topic {@code <application.id>-job-commands-by-job-repartition} and its nodes. */
    static final String COMMANDS_GUARD = "job-commands-guard";
    static final String COMMANDS_BY_JOB = "job-commands-by-job";
    static final String OBSERVATIONS_SOURCE = "batch-status-source";
    static final String RESULTS_SOURCE = "trigger-results-source";
    static final String DOWNSTREAM_SOURCE = "downstream-status-source";
    static final String DELIVERY_SOURCE = "delivery-status-source";
    static final String DISCOVERY_SOURCE = "batch-discovery-source";
    static final String PROCESSOR = "job-processor";
    static final String OUTPUTS = "job-outputs-";
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
        KStream<String, JobInput> commands = builder.stream(topics.jobCommands().name(),
                        Consumed.with(Serdes.String(), Serdes.ByteArray()).withName(COMMANDS_SOURCE))
                .process(() -> new CommandGuard(metrics), Named.as(COMMANDS_GUARD))
                .repartition(Repartitioned.<String, byte[]>as(COMMANDS_BY_JOB).withKeySerde(Serdes.String())
                        .withValueSerde(Serdes.ByteArray()))
                .mapValues(value -> (JobInput) new JobInput.Command(value), Named.as(COMMANDS_BY_JOB + "-input"));
        KStream<String, JobInput> observations = input(builder, topics.batchStatus(), OBSERVATIONS_SOURCE, JobInput.Observation::new);
        KStream<String, JobInput> results = input(builder, topics.triggerResults(), RESULTS_SOURCE, JobInput.Result::new);
        KStream<String, JobInput> downstream = input(builder, topics.downstreamStatus(), DOWNSTREAM_SOURCE, JobInput.Downstream::new);
        KStream<String, JobInput> delivery = input(builder, topics.deliveryStatus(), DELIVERY_SOURCE, JobInput.Delivery::new);
        KStream<String, JobInput> discovery = input(builder, topics.batchDiscovery(), DISCOVERY_SOURCE, JobInput.Discovery::new);
        SecretTypesStore.addTo(builder, topics.secrets());

        BranchedKStream<String, JobOutput> outputs = commands.merge(observations, Named.as(PROCESSOR + "-observations"))
                .merge(results, Named.as(PROCESSOR + "-results"))
                .merge(downstream, Named.as(PROCESSOR + "-downstream"))
                .merge(delivery, Named.as(PROCESSOR + "-delivery"))
                .merge(discovery, Named.as(PROCESSOR + "-discovery"))
                .process(new JobProcessor.Supplier(settings, metrics), Named.as(PROCESSOR))
                .split(Named.as(OUTPUTS));
        sink(outputs, JobOutput.Snapshot.class, JobOutput.Snapshot::value, topics.jobStatus(), JOB_STATUS_SINK);
        sink(outputs, JobOutput.Event.class, JobOutput.Event::value, topics.jobEvents(), JOB_EVENTS_SINK);
        sink(outputs, JobOutput.Trigger.class, JobOutput.Trigger::value, topics.triggers(), TRIGGERS_SINK);
        outputs.noDefaultBranch();
        return builder.build();
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

    /** A source of one input type: the topic's own serdes, each value wrapped as what it is. */
    private static <V> KStream<String, JobInput> input(StreamsBuilder builder, Topic<String, V> topic, String name,
                                                       Function<V, JobInput> as) {
        return builder.stream(topic.name(), Consumed.with(topic.keySerde(), topic.valueSerde()).withName(name))
                .mapValues(as::apply, Named.as(name + "-input"));
    }

    /** The outputs of one type, unwrapped, to their topic with its own serdes (a null value is a tombstone). */
    private static <O extends JobOutput, V> void sink(BranchedKStream<String, JobOutput> outputs, Class<O> type, Function<O, V> value,
                                                      Topic<String, V> topic, String name) {
        outputs.branch((jobId, output) -> type.isInstance(output), Branched.withConsumer(stream -> stream
                .mapValues(output -> value.apply(type.cast(output)), Named.as(name + "-value"))
                .to(topic.name(), Produced.with(topic.keySerde(), topic.valueSerde()).withName(name)), name));
    }
}
