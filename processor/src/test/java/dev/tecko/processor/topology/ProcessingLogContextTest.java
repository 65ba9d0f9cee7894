package dev.tecko.processor.topology;

import static dev.tecko.processor.topology.Driver.T0;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.tecko.observability.logging.LogContext;
import dev.tecko.observability.testing.LogCapture;
import dev.tecko.schemas.BatchStatus;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** The processor's log lines carry the job, batch and trigger they are about, and leave nothing behind in the MDC. */
class ProcessingLogContextTest {
    private final Driver d = new Driver();
    private final LogCapture logs = LogCapture.atDebug();

    @AfterEach
    void close() {
        logs.close();
        d.close();
    }

    private List<ILoggingEvent> linesContaining(String text) {
        return logs.events().stream().filter(e -> e.getFormattedMessage().contains(text)).toList();
    }

    @Test
    void givenTheObservationThatCompletesAJob_whenTheTriggerIsEmitted_thenItsLogLineNamesJobBatchAndTrigger() {
        d.create("job-1", "b1");
        d.observe("job-1", "b1", BatchStatus.COMPLETED, T0.plusSeconds(1));

        assertThat(linesContaining("trigger job-1:1 emitted")).singleElement().satisfies(line -> assertThat(line.getMDCPropertyMap())
                .containsEntry(LogContext.JOB_ID, "job-1").containsEntry(LogContext.BATCH_ID, "b1")
                .containsEntry(LogContext.TRIGGER_ID, "job-1:1"));
        assertThat(MDC.getCopyOfContextMap()).as("nothing left behind for the next record").isNullOrEmpty();
    }

    @Test
    void givenAnUnreadableCommand_whenItIsDeadLettered_thenTheHandlersLogLineNamesTheJob() {
        d.rawCommands.pipeInput(new TestRecord<>("job-7", "not json".getBytes(StandardCharsets.UTF_8), T0));

        List<ILoggingEvent> handlerLines = logs.events().stream()
                .filter(e -> e.getLoggerName().equals("org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler"))
                .toList();
        assertThat(handlerLines).isNotEmpty().allSatisfy(line -> assertThat(line.getMDCPropertyMap())
                .containsEntry(LogContext.JOB_ID, "job-7"));
        assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
    }
}
