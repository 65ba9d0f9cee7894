package dev.tecko.processor.topology;

import dev.tecko.observability.metrics.DlqMetrics;
import dev.tecko.schemas.topics.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts the records the exception handlers send to the DLQ ({@code tecko_dlq_records_total{source}}), by the role of
 * the input topic they came from. Kafka Streams creates its handlers by class name, so the counter reaches them as an
 * object in the Streams configuration, under {@link #CONFIG}.
 */
public final class DeadLetterCounter {
    /** The Streams configuration key the handlers find this counter under. */
    public static final String CONFIG = "tecko.dlq.counter";

    private final DlqMetrics metrics;
    /** Prefixed topic name → its series, registered at zero so a dashboard shows 0 before the first bad record. */
    private final Map<String, Counter> bySourceTopic;
    private final Counter punctuationFailures;
    private final String commandsTopic;

    public DeadLetterCounter(Topics topics, MeterRegistry registry) {
        this.metrics = new DlqMetrics(registry);
        this.commandsTopic = topics.jobCommands().name();
        this.bySourceTopic = new ConcurrentHashMap<>(Map.of(
                topics.jobCommands().name(), metrics.counter("job-commands"),
                topics.batchStatus().name(), metrics.counter("batch-status"),
                topics.triggerResults().name(), metrics.counter("trigger-results"),
                topics.deliveryStatus().name(), metrics.counter("delivery-status"),
                topics.downstreamStatus().name(), metrics.counter("downstream-status"),
                topics.batchDiscovery().name(), metrics.counter("batch-discovery")));
        this.punctuationFailures = Counter.builder("tecko.punctuation.failures")
                .description("scheduled checks (punctuators) that threw; logged, and the stream thread goes on").register(registry);
    }

    void punctuationFailed() {
        punctuationFailures.increment();
    }

    /**
     * @param topic the prefixed name of the topic the dead-lettered records came from; a topic that is not an input
     *              (none today) is counted under its own name rather than lost
     */
    void deadLettered(String topic, int records) {
        if (records > 0) {
            // commands reach the processor through their repartition topic; they are still job-commands' records
            String source = topic != null && JobTopology.isCommandsByJob(topic) ? commandsTopic : topic;
            bySourceTopic.computeIfAbsent(source, metrics::counter).increment(records);
        }
    }

    /** Streams logs its configuration at start-up; say what this is rather than an object id. */
    @Override
    public String toString() {
        return "DeadLetterCounter" + bySourceTopic.keySet();
    }
}
