package dev.tecko.processor.topology;

import dev.tecko.observability.logging.LogContext;
import java.util.Map;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams' log-and-continue handler for records whose processing threw (an {@link InvalidRecordException}, or anything
 * unexpected), plus the count of what it sends to the DLQ and the record's job id in the MDC of its log line: the
 * processor's own scope is closed by the time the exception reaches this handler.
 */
public class CountedProcessingHandler extends LogAndContinueProcessingExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(CountedProcessingHandler.class);
    private DeadLetterCounter counter;

    @Override
    public void configure(Map<String, ?> configs) {
        super.configure(configs);
        counter = configs.get(DeadLetterCounter.CONFIG) instanceof DeadLetterCounter given ? given : null;
    }

    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        if (record == null) {
            // a punctuator threw: there is no record to dead-letter, and the thread must live on to punctuate again
            LOG.error("punctuation in {} of task {} failed: {}", context.processorNodeId(), context.taskId(), exception.toString(), exception);
            if (counter != null) {
                counter.punctuationFailed();
            }
            return Response.resume();
        }
        try (var log = LogContext.job(record.key() instanceof String jobId ? jobId : null)) {
            Response response = super.handleError(context, record, exception);
            // a command is processed from its repartition topic: its DLQ record names where it was written instead
            response.deadLetterQueueRecords().forEach(dlq -> CommandGuard.restoreOrigin(record.headers(), dlq.headers()));
            if (counter != null) {
                counter.deadLettered(context.topic(), response.deadLetterQueueRecords().size());
            }
            return response;
        }
    }
}
