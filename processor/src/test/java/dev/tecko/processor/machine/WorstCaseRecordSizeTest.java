package dev.tecko.processor.machine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tecko.platform.targets.TargetAllowList;
import dev.tecko.processor.state.BatchRow;
import dev.tecko.processor.state.JobState;
import dev.tecko.processor.state.StoredJob;
import dev.tecko.schemas.BatchError;
import dev.tecko.schemas.BatchObservation;
import dev.tecko.schemas.BatchStatus;
import dev.tecko.schemas.Check;
import dev.tecko.schemas.JobCommand;
import dev.tecko.schemas.JobEvent;
import dev.tecko.schemas.JobSpec;
import dev.tecko.schemas.ObservationSource;
import dev.tecko.schemas.PollError;
import dev.tecko.schemas.RequestCounts;
import dev.tecko.schemas.TriggerCommand;
import dev.tecko.schemas.TriggerTarget;
import dev.tecko.schemas.topics.RecordLimits;
import dev.tecko.schemas.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The largest records the processor can write, built the hard way: a job at the configurable maximum of 10,000 batches,
 * every id and file id as long as the contract allows (255 characters), every batch failed with the largest error list a
 * provider can send (the observation's 20 errors of 4,096-character messages) and a poll error. Each record must fit the
 * limit its topic is created with ({@link RecordLimits}).
 */
class WorstCaseRecordSizeTest {
    private static final Topics TOPICS = new Topics("tecko.");
    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

    @Test
    void givenA10000BatchJobWhoseBatchesAllFailedWithTheLargestErrors_whenItTriggers_thenEveryRecordFitsItsTopicsLimit() {
        var machine = new JobMachine(JobSpec.MAX_BATCHES, Duration.ofMinutes(30), new TargetAllowList(List.of(), false));
        String jobId = "j".repeat(255);
        List<String> batchIds = IntStream.range(0, JobSpec.MAX_BATCHES).mapToObj(i -> pad("b" + i)).toList();
        var target = TriggerTarget.keboola("https://connection.keboola.com", "c".repeat(255), "k".repeat(255), "s".repeat(255));
        var spec = new JobSpec("n".repeat(255), batchIds, "o".repeat(255), target, null, null, null, null, null, null);
        JobCommand create = JobCommand.create(pad("cmd"), jobId, spec, T0);
        Largest largest = new Largest();
        largest.command(TOPICS.jobCommands().valueSerde().serializer().serialize("t", create).length);

        var batches = new MapBatches();
        Transition t = machine.onCommand(null, batches, create, T0);
        JobState state = t.state();
        largest.of(t, batches.apply(t));
        for (int i = 0; i < batchIds.size(); i++) {
            t = machine.onObservation(state, batches, failed(jobId, batchIds.get(i), T0.plusSeconds(i + 1)), T0.plusSeconds(i + 1));
            state = t.state();
            batches.apply(t);
            largest.rows(t);
            largest.events(t);
        }
        largest.of(t, batches);

        System.out.printf("worst case at %,d batches: command %,d B, snapshot %,d B, stored header %,d B, stored batch row %,d B, "
                        + "event %,d B, trigger %,d B%n", JobSpec.MAX_BATCHES, largest.command, largest.snapshot, largest.state,
                largest.row, largest.event, largest.trigger);
        assertThat(t.trigger()).as("the job triggered").isPresent();
        assertThat(largest.command).isLessThanOrEqualTo(RecordLimits.JOB_RECORD_BYTES);
        assertThat(largest.snapshot).isLessThanOrEqualTo(RecordLimits.JOB_RECORD_BYTES);
        assertThat(largest.state).isLessThanOrEqualTo(RecordLimits.DEFAULT_RECORD_BYTES);
        assertThat(largest.row).isLessThanOrEqualTo(RecordLimits.DEFAULT_RECORD_BYTES);
        assertThat(largest.trigger).isLessThanOrEqualTo(RecordLimits.JOB_RECORD_BYTES);
        assertThat(largest.event).isLessThanOrEqualTo(RecordLimits.DEFAULT_RECORD_BYTES);
    }

    private static BatchObservation failed(String jobId, String batchId, Instant at) {
        List<BatchError> errors = new ArrayList<>();
        for (int e = 0; e < BatchObservation.MAX_ERRORS; e++) {
            errors.add(new BatchError("e".repeat(255), "m".repeat(Check.MAX_TEXT), "p".repeat(255), Integer.MAX_VALUE));
        }
        return new BatchObservation(Check.CURRENT_SCHEMA_VERSION, jobId, batchId, BatchStatus.FAILED,
                new RequestCounts(Integer.MAX_VALUE, 0, Integer.MAX_VALUE), "f".repeat(255), "g".repeat(255), errors, null, null, at,
                ObservationSource.POLL, new PollError("c".repeat(255), "x".repeat(Check.MAX_TEXT), 503));
    }

    private static String pad(String prefix) {
        return prefix + "_".repeat(255 - prefix.length());
    }

    /** The largest serialized record of each kind seen. */
    private static final class Largest {
        int command;
        int snapshot;
        int state;
        int row;
        int event;
        int trigger;

        void command(int bytes) {
            command = Math.max(command, bytes);
        }

        void of(Transition t, MapBatches batches) {
            snapshot = Math.max(snapshot, TOPICS.jobStatus().valueSerde().serializer()
                    .serialize("t", t.state().toSnapshot(batches.snapshots())).length);
            state = Math.max(state, StoredJob.serde().serializer().serialize("t", new StoredJob.Current(t.state())).length);
            rows(t);
            t.trigger().ifPresent(tr -> trigger = Math.max(trigger,
                    TOPICS.triggers().valueSerde().serializer().serialize("t", tr).length));
            events(t);
        }

        void rows(Transition t) {
            for (BatchRow r : t.batches()) {
                row = Math.max(row, StoredJob.rowSerde().serializer().serialize("t", r).length);
            }
        }

        void events(Transition t) {
            for (JobEvent e : t.events()) {
                event = Math.max(event, TOPICS.jobEvents().valueSerde().serializer().serialize("t", e).length);
            }
        }
    }
}
