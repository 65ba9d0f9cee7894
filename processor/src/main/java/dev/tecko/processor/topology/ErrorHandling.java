package dev.tecko.processor.topology;

import dev.tecko.schemas.topics.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Kafka Streams' native dead letter queue (KIP-1034): undeserializable records, records whose processing throws and
 * records that cannot be produced are written to the {@code dlq} topic with the {@code __streams.errors.*} headers, and
 * processing goes on. The handlers are
 * Streams' log-and-continue ones, extended to count what they dead-letter. The same properties serve the runtime and the
 * {@code TopologyTestDriver} tests.
 */
public final class ErrorHandling {
    private ErrorHandling() {
    }

    /** The DLQ settings without counting (the handlers count only when given a {@link DeadLetterCounter}). */
    public static Properties deadLetterQueue(Topics topics) {
        var props = new Properties();
        props.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, topics.dlq().name());
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, CountedDeserializationHandler.class.getName());
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, CountedProcessingHandler.class.getName());
        props.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProductionHandler.class.getName());
        // the topology has no global store today; enabled now so one added later gets the same handling (the 5.0 default)
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, "true");
        return props;
    }

    /** The DLQ settings with {@code tecko_dlq_records_total{source}} counted in {@code registry}, each source at 0 from now. */
    public static Properties deadLetterQueue(Topics topics, MeterRegistry registry) {
        var props = deadLetterQueue(topics);
        props.put(DeadLetterCounter.CONFIG, new DeadLetterCounter(topics, registry));
        return props;
    }
}
