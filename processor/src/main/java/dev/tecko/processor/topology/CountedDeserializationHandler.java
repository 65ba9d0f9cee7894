package dev.tecko.processor.topology;

import dev.tecko.observability.logging.LogContext;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;

/**
 * Streams' log-and-continue handler for undeserializable records (which also builds the DLQ records), plus the count
 * of what it sends to the DLQ and the record's job id in the MDC of its log line.
 */
public class CountedDeserializationHandler extends LogAndContinueExceptionHandler {
    private DeadLetterCounter counter;

    @Override
    public void configure(Map<String, ?> configs) {
        super.configure(configs);
        counter = configs.get(DeadLetterCounter.CONFIG) instanceof DeadLetterCounter given ? given : null;
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
        // every input is keyed by job id; the key is a plain string even when the value is unreadable
        String jobId = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        try (var log = LogContext.job(jobId)) {
            Response response = super.handleError(context, record, exception);
            if (counter != null) {
                counter.deadLettered(context.topic(), response.deadLetterQueueRecords().size());
            }
            return response;
        }
    }
}
