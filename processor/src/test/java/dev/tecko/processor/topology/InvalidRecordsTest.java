package dev.tecko.processor.topology;

import static dev.tecko.processor.topology.Driver.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tecko.processor.metrics.ProcessorMetrics;
import dev.tecko.schemas.BatchObservation;
import dev.tecko.schemas.BatchStatus;
import dev.tecko.schemas.EventType;
import dev.tecko.schemas.JobEvent;
import dev.tecko.schemas.JobStatus;
import dev.tecko.schemas.RequestCounts;
import dev.tecko.schemas.topics.DlqHeaders;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Bad input reaches the DLQ with its original bytes and a reason, is answered with command_rejected, and processing goes on. */
class InvalidRecordsTest {
    private final Driver d = new Driver();

    @AfterEach
    void close() {
        d.close();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private TestRecord<byte[], byte[]> onlyDlqRecord() {
        List<TestRecord<byte[], byte[]>> records = d.dlq.readRecordsToList();
        assertThat(records).hasSize(1);
        return records.get(0);
    }

    @Test
    @DisplayName("given a command that is not JSON, then it reaches the DLQ as it was and the job gets command_rejected")
    void notJson() {
        d.create("job-1", "b1");
        d.rawCommands.pipeInput(new TestRecord<>("job-1", utf8("not json"), T0));

        var dlq = onlyDlqRecord();
        assertThat(new String(dlq.value(), StandardCharsets.UTF_8)).isEqualTo("not json");
        assertThat(new String(dlq.key(), StandardCharsets.UTF_8)).isEqualTo("job-1");
        assertThat(DlqHeaders.read(dlq.headers(), DlqHeaders.MESSAGE)).startsWith("invalid JobCommand: not JSON");
        assertThat(DlqHeaders.read(dlq.headers(), DlqHeaders.EXCEPTION)).isEqualTo(InvalidRecordException.class.getName());
        assertThat(DlqHeaders.read(dlq.headers(), DlqHeaders.TOPIC)).isEqualTo(d.topics.jobCommands().name());
        assertThat(DlqHeaders.read(dlq.headers(), DlqHeaders.OFFSET)).isEqualTo("1");
        assertThat(d.drainEvents()).last().satisfies(e -> {
            assertThat(e.type()).isEqualTo(EventType.COMMAND_REJECTED);
            assertThat(e.sequence()).isEqualTo(2);
            assertThat(e.status()).isEqualTo(JobStatus.ACTIVE);
        });
        assertThat(d.counter(ProcessorMetrics.COMMANDS_REJECTED)).isEqualTo(1.0);

        d.observe("job-1", "b1", BatchStatus.COMPLETED, T0.plusSeconds(1));
        assertThat(d.triggers.readValuesToList()).as("processing goes on").hasSize(1);
    }

    @Test
    @DisplayName("given a create without spec, then the DLQ reason names the field and the unknown job gets command_rejected")
    void failsValidation() {
        d.rawCommands.pipeInput(new TestRecord<>("job-9",
                utf8("{\"schemaVersion\":1,\"commandId\":\"c1\",\"jobId\":\"job-9\",\"type\":\"create\",\"issuedAt\":\"2026-01-01T00:00:00Z\"}"), T0));

        assertThat(DlqHeaders.read(onlyDlqRecord().headers(), DlqHeaders.MESSAGE)).isEqualTo("invalid JobCommand: spec: is required");
        JobEvent rejected = d.drainEvents().get(0);
        assertThat(rejected.type()).isEqualTo(EventType.COMMAND_REJECTED);
        assertThat(rejected.jobId()).isEqualTo("job-9");
        assertThat(rejected.sequence()).isZero();
        assertThat(rejected.message()).contains("spec: is required");
        assertThat(d.status().isEmpty()).isTrue();
    }

    @Test
    @DisplayName("given a create whose deadline is past year 9999, then it is rejected naming the deadline and processing goes on")
    void deadlinePastYear9999() {
        // such a deadline once overflowed the deadline index: the record was dead-lettered with no command_rejected
        d.rawCommands.pipeInput(new TestRecord<>("job-9", utf8("{\"schemaVersion\":1,\"commandId\":\"c1\",\"jobId\":\"job-9\","
                + "\"type\":\"create\",\"issuedAt\":\"2026-01-01T00:00:00Z\",\"spec\":{\"name\":\"n\",\"batchIds\":[\"b1\"],"
                + "\"openaiSecret\":\"openai\",\"target\":{\"type\":\"keboola\",\"stackUrl\":\"https://connection.keboola.com\","
                + "\"componentId\":\"c\",\"configId\":\"1\",\"secret\":\"kbc\"},\"deadline\":\"+100000-01-01T00:00:00Z\"}}"), T0));

        assertThat(DlqHeaders.read(onlyDlqRecord().headers(), DlqHeaders.MESSAGE)).contains("deadline", "9999");
        JobEvent rejected = d.drainEvents().get(0);
        assertThat(rejected.type()).isEqualTo(EventType.COMMAND_REJECTED);
        assertThat(rejected.message()).contains("deadline");

        d.create("job-1", "b1");
        d.observe("job-1", "b1", BatchStatus.COMPLETED, T0.plusSeconds(1));
        assertThat(d.triggers.readValuesToList()).as("processing goes on").hasSize(1);
    }

    @Test
    @DisplayName("given a command for the job id '..', then it is rejected")
    void dotDotJobId() {
        d.rawCommands.pipeInput(new TestRecord<>("..", utf8("{\"schemaVersion\":1,\"commandId\":\"c1\",\"jobId\":\"..\","
                + "\"type\":\"pause\",\"issuedAt\":\"2026-01-01T00:00:00Z\"}"), T0));

        assertThat(DlqHeaders.read(onlyDlqRecord().headers(), DlqHeaders.MESSAGE)).contains("without a valid job id");
    }

    @Test
    @DisplayName("given a command keyed by another job than it names, then DLQ and command_rejected for the key's job")
    void keyMismatch() {
        d.create("job-1", "b1");
        d.commands.pipeInput(new TestRecord<>("job-2",
                dev.tecko.schemas.JobCommand.of(dev.tecko.schemas.CommandType.PAUSE, "c1", "job-1", T0), T0));
        assertThat(DlqHeaders.read(onlyDlqRecord().headers(), DlqHeaders.MESSAGE)).contains("does not match the record key");
        assertThat(d.drainEvents()).last().satisfies(e -> {
            assertThat(e.jobId()).isEqualTo("job-2");
            assertThat(e.commandId()).isEqualTo("c1");
        });
        assertThat(d.latestSnapshots().get("job-1").status()).isEqualTo(JobStatus.ACTIVE);
    }

    @Test
    @DisplayName("given a command without value, then DLQ and command_rejected")
    void nullValue() {
        d.rawCommands.pipeInput(new TestRecord<>("job-1", (byte[]) null, T0));
        assertThat(DlqHeaders.read(onlyDlqRecord().headers(), DlqHeaders.MESSAGE)).contains("has no value");
        assertThat(d.drainEvents()).singleElement().extracting(JobEvent::type).isEqualTo(EventType.COMMAND_REJECTED);
    }

    @Test
    @DisplayName("given a command without key or with an illegal key, then DLQ only: no job to tell")
    void noKey() {
        d.rawCommands.pipeInput(new TestRecord<>((String) null, utf8("{}"), T0));
        d.rawCommands.pipeInput(new TestRecord<>("bad key with spaces", utf8("{}"), T0));
        assertThat(d.dlq.readRecordsToList()).hasSize(2);
        assertThat(d.events.isEmpty()).isTrue();
    }

    @Test
    @DisplayName("given an observation keyed by another job, or without value, then DLQ and nothing else")
    void badObservation() {
        d.create("job-1", "b1");
        d.drainEvents();
        d.observations.pipeInput(new TestRecord<>("job-2",
                BatchObservation.polled("job-1", "b1", BatchStatus.COMPLETED, RequestCounts.NONE, T0.plusSeconds(1)), T0));
        d.rawObservations.pipeInput(new TestRecord<>("job-1", (byte[]) null, T0));
        var dlq = d.dlq.readRecordsToList();
        assertThat(dlq).hasSize(2);
        assertThat(DlqHeaders.read(dlq.get(0).headers(), DlqHeaders.MESSAGE)).contains("does not match the record key");
        assertThat(DlqHeaders.read(dlq.get(1).headers(), DlqHeaders.MESSAGE)).contains("has no value");
        assertThat(d.events.isEmpty()).isTrue();
        assertThat(d.triggers.isEmpty()).isTrue();
    }
}
