package dev.tecko.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tecko.schemas.topics.DlqHeaders;
import dev.tecko.schemas.topics.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.processor.TaskId;
import org.junit.jupiter.api.Test;

/** The handlers Streams calls when a record cannot be produced, or a punctuator throws: the thread always goes on. */
class ErrorHandlersTest {
    private final Topics topics = Topics.withDefaultPrefix();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private Map<String, Object> configs() {
        Map<String, Object> configs = new HashMap<>();
        configs.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, topics.dlq().name());
        configs.put(DeadLetterCounter.CONFIG, new DeadLetterCounter(topics, registry));
        return configs;
    }

    private ErrorHandlerContext context(String topic) {
        return new ErrorHandlerContext() {
            public String topic() { return topic; }
            public int partition() { return 2; }
            public long offset() { return 41; }
            public Headers headers() { return new RecordHeaders(); }
            public String processorNodeId() { return "jobs"; }
            public TaskId taskId() { return new TaskId(0, 2); }
            public long timestamp() { return 0; }
            public byte[] sourceRawKey() { return null; }
            public byte[] sourceRawValue() { return null; }
        };
    }

    @Test
    void givenASnapshotTooLargeForTheBroker_whenItCannotBeProduced_thenItGoesToTheDlqWithItsReasonAndProcessingGoesOn() {
        var handler = new DeadLetterProductionHandler();
        handler.configure(configs());
        byte[] huge = new byte[3 * 1024 * 1024];
        var record = new ProducerRecord<>(topics.jobStatus().name(), "job-1".getBytes(StandardCharsets.UTF_8), huge);

        ProductionExceptionHandler.Response response = handler.handleError(context(topics.batchStatus().name()), record,
                new RecordTooLargeException("The message is 3145800 bytes when serialized which is larger than 1048576"));

        assertThat(response.result()).isEqualTo(ProductionExceptionHandler.Result.RESUME);
        assertThat(response.deadLetterQueueRecords()).singleElement().satisfies(dlq -> {
            assertThat(dlq.topic()).isEqualTo(topics.dlq().name());
            assertThat(dlq.value()).hasSize(DeadLetterProductionHandler.MAX_VALUE_BYTES);
            assertThat(DlqHeaders.read(dlq.headers(), DlqHeaders.EXCEPTION)).isEqualTo(RecordTooLargeException.class.getName());
            assertThat(DlqHeaders.read(dlq.headers(), DlqHeaders.TOPIC)).isEqualTo(topics.batchStatus().name());
            assertThat(DlqHeaders.read(dlq.headers(), DeadLetterProductionHandler.TARGET_TOPIC)).isEqualTo(topics.jobStatus().name());
            assertThat(DlqHeaders.read(dlq.headers(), DeadLetterProductionHandler.ORIGINAL_BYTES)).isEqualTo(Integer.toString(huge.length));
        });
        assertThat(registry.counter("tecko.dlq.records", "source", "batch-status").count()).isEqualTo(1.0);
    }

    @Test
    void givenAPassingFailure_whenItCannotBeProducedNow_thenItIsRetried() {
        var handler = new DeadLetterProductionHandler();
        handler.configure(configs());
        var record = new ProducerRecord<>(topics.jobStatus().name(), new byte[1], new byte[1]);

        assertThat(handler.handleError(context(topics.batchStatus().name()), record, new NotLeaderOrFollowerException("moving")).result())
                .isEqualTo(ProductionExceptionHandler.Result.RETRY);
    }

    @Test
    void givenAPunctuatorThatThrows_whenHandled_thenItIsCountedAndTheThreadGoesOn() {
        var handler = new CountedProcessingHandler();
        handler.configure(configs());

        // Streams passes no record for a punctuator's exception; the old handler read its key and threw again
        ProcessingExceptionHandler.Response response = handler.handleError(context(null), null, new IllegalStateException("boom"));

        assertThat(response.result()).isEqualTo(ProcessingExceptionHandler.Result.RESUME);
        assertThat(response.deadLetterQueueRecords()).isEmpty();
        assertThat(registry.counter("tecko.punctuation.failures").count()).isEqualTo(1.0);
    }
}
