package dev.tecko.processor.topology;

import dev.tecko.schemas.topics.Topics;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler;

/**
 * Kafka Streams' native dead letter queue (KIP-1034): undeserializable records and records whose processing throws are
 * written to the {@code dlq} topic with the {@code __streams.errors.*} headers, and processing goes on. The same
 * properties serve the runtime and the {@code TopologyTestDriver} tests.
 */
public final class ErrorHandling {
    private ErrorHandling() {
    }

    public static Properties deadLetterQueue(Topics topics) {
        var props = new Properties();
        props.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, topics.dlq().name());
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class.getName());
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueProcessingExceptionHandler.class.getName());
        // the topology has no global store today; enabled now so one added later gets the same handling (the 5.0 default)
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, "true");
        return props;
    }
}
