package dev.tecko.processor.topology;

import static dev.tecko.processor.topology.Driver.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tecko.observability.metrics.DlqMetrics;
import dev.tecko.schemas.BatchObservation;
import dev.tecko.schemas.BatchStatus;
import dev.tecko.schemas.RequestCounts;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code tecko_dlq_records_total{source}} counts what the exception handlers really put on the DLQ topic, by input. */
class DeadLetterCountTest {
    private final Driver d = new Driver();

    @AfterEach
    void close() {
        d.close();
    }

    private double dlq(String source) {
        return d.counter(DlqMetrics.NAME, "source", source);
    }

    @Test
    void givenNoBadRecordYet_whenTheTopologyRuns_thenEverySourceIsAtZero() {
        for (String source : new String[] {"job-commands", "batch-status", "trigger-results", "delivery-status",
                "downstream-status", "batch-discovery"}) {
            assertThat(d.registry.find(DlqMetrics.NAME).tag("source", source).counter()).as(source).isNotNull();
            assertThat(dlq(source)).isZero();
        }
    }

    @Test
    void givenAnUnreadableCommand_whenProcessed_thenItIsCountedUnderJobCommandsOnly() {
        d.rawCommands.pipeInput(new TestRecord<>("job-1", "not json".getBytes(StandardCharsets.UTF_8), T0));

        assertThat(d.dlq.readRecordsToList()).hasSize(1);
        assertThat(dlq("job-commands")).isEqualTo(1.0);
        assertThat(dlq("batch-status")).isZero();
    }

    /** The deserialization path is counted in ProcessorMetricsDocumentedIT: the test driver does not write its DLQ records. */
    @Test
    void givenAnObservationWithoutValueAndOneKeyedByAnotherJob_whenProcessed_thenBothCountUnderBatchStatus() {
        d.create("job-1", "b1");
        d.rawObservations.pipeInput(new TestRecord<>("job-1", (byte[]) null, T0));
        d.observations.pipeInput(new TestRecord<>("job-2",
                BatchObservation.polled("job-1", "b1", BatchStatus.COMPLETED, new RequestCounts(1, 1, 0), T0), T0));

        assertThat(d.dlq.readRecordsToList()).hasSize(2);
        assertThat(dlq("batch-status")).isEqualTo(2.0);
        assertThat(dlq("job-commands")).isZero();
    }
}
