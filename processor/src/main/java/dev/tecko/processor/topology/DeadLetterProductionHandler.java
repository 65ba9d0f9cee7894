package dev.tecko.processor.topology;

import dev.tecko.schemas.topics.DlqHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the processor cannot produce (a record larger than the broker takes, one that cannot be serialized) goes to the
 * DLQ with its reason, and processing goes on: Streams' default would fail the stream thread, and the replacement
 * thread would meet the same record again, for ever. Passing failures are retried as by default.
 *
 * <p>The DLQ copy keeps at most {@link #MAX_VALUE_BYTES} of the value (a header says how long it was): the record was
 * refused for its size, and the DLQ topic has the same limit.
 */
public class DeadLetterProductionHandler implements ProductionExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(DeadLetterProductionHandler.class);
    static final int MAX_VALUE_BYTES = 256 * 1024;
    static final String TARGET_TOPIC = "tecko.dlq.target.topic";
    static final String ORIGINAL_BYTES = "tecko.dlq.original.bytes";

    private String dlqTopic;
    private DeadLetterCounter counter;

    @Override
    public void configure(Map<String, ?> configs) {
        Object name = configs.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG);
        dlqTopic = name == null ? null : name.toString();
        counter = configs.get(DeadLetterCounter.CONFIG) instanceof DeadLetterCounter given ? given : null;
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record, Exception exception) {
        if (exception instanceof RetriableException) {
            return Response.retry();
        }
        return deadLetter(context, record.topic(), record.key(), record.value(), exception);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Response handleSerializationError(ErrorHandlerContext context, ProducerRecord record, Exception exception,
                                             SerializationExceptionOrigin origin) {
        return deadLetter(context, record.topic(), null, null, exception);
    }

    private Response deadLetter(ErrorHandlerContext context, String target, byte[] key, byte[] value, Exception exception) {
        log.error("a record for {} (from {}-{}@{}) cannot be produced and goes to the DLQ: {}", target, context.topic(),
                context.partition(), context.offset(), exception.toString());
        if (counter != null) {
            counter.deadLettered(context.topic() == null ? target : context.topic(), 1);
        }
        if (dlqTopic == null) {
            return Response.resume();
        }
        var headers = DlqHeaders.describe(new RecordHeaders(), context.topic(), context.partition(), context.offset(), exception);
        headers.add(TARGET_TOPIC, target.getBytes(StandardCharsets.UTF_8));
        byte[] kept = value;
        if (value != null && value.length > MAX_VALUE_BYTES) {
            headers.add(ORIGINAL_BYTES, Integer.toString(value.length).getBytes(StandardCharsets.UTF_8));
            kept = Arrays.copyOf(value, MAX_VALUE_BYTES);
        }
        return Response.resume(List.of(new ProducerRecord<>(dlqTopic, null, key, kept, headers)));
    }
}
