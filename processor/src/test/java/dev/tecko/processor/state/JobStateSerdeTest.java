package dev.tecko.processor.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tecko.schemas.BatchError;
import dev.tecko.schemas.BatchSnapshot;
import dev.tecko.schemas.BatchStatus;
import dev.tecko.schemas.JobStatus;
import dev.tecko.schemas.RequestCounts;
import dev.tecko.schemas.TriggerPolicy;
import dev.tecko.schemas.TriggerTarget;
import dev.tecko.schemas.json.JsonSerde;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class JobStateSerdeTest {
    private static final int CASES = 5_000;

    private final JobStateSerde serde = new JobStateSerde();
    private final JsonSerde<JobState> json = new JsonSerde<>(JobState.class);

    @Test
    void binaryRoundTripEqualsTheJsonRoundTripForRandomJobs() {
        long seed = System.nanoTime();
        System.out.println("JobStateSerdeTest seed " + seed);
        var generator = new JobStateGenerator(seed);
        for (int i = 0; i < CASES; i++) {
            JobState job = generator.next();
            byte[] bytes = serde.toBytes(job);
            String context = "seed " + seed + ", case " + i;
            assertEquals(JobStateBinary.FORMAT, bytes[0], context);
            JobState read = serde.fromBytes(bytes);
            assertEquals(json.fromBytes(json.toBytes(job)), read, context);
            assertEquals(job, read, context);
        }
    }

    @Test
    void readsJsonWrittenBeforeTheBinaryFormat() {
        long seed = System.nanoTime();
        System.out.println("JobStateSerdeTest seed " + seed);
        var generator = new JobStateGenerator(seed);
        for (int i = 0; i < 500; i++) {
            JobState job = generator.next();
            assertEquals(job, serde.fromBytes(json.toBytes(job)), "seed " + seed + ", case " + i);
        }
    }

    @Test
    void keepsARetiredMarkerRetired() {
        JobState retired = JobState.retired("job-1", 7, 42);
        JobState read = serde.fromBytes(serde.toBytes(retired));
        assertEquals(retired, read);
        assertTrue(read.isRetired());
    }

    @Test
    void keepsUnpairedSurrogatesAndNulCharactersExact() {
        JobState job = sample().withBatches(List.of(new BatchSnapshot("b1", BatchStatus.FAILED, RequestCounts.NONE, null,
                null, List.of(new BatchError("code", "half \uD83D emoji \u0000 and \uDE80 reversed", null, 3)), null, null)));
        assertEquals(job, serde.fromBytes(serde.toBytes(job)));
    }

    @Test
    void passesNullThroughLikeATombstone() {
        assertEquals(null, serde.toBytes(null));
        assertEquals(null, serde.fromBytes(null));
    }

    @Test
    void rejectsAnUnknownFormatByte() {
        byte[] bytes = serde.toBytes(sample());
        bytes[0] = 0x02;
        assertThrows(SerializationException.class, () -> serde.fromBytes(bytes));
        assertThrows(SerializationException.class, () -> serde.fromBytes(new byte[0]));
    }

    @Test
    void rejectsEveryTruncationAndTrailingBytes() {
        byte[] bytes = serde.toBytes(sample());
        for (int length = 1; length < bytes.length; length++) {
            byte[] truncated = Arrays.copyOf(bytes, length);
            assertThrows(SerializationException.class, () -> serde.fromBytes(truncated), "length " + length);
        }
        assertThrows(SerializationException.class, () -> serde.fromBytes(Arrays.copyOf(bytes, bytes.length + 1)));
    }

    @Test
    void turnsAnyCorruptedByteIntoASerializationExceptionOrAValidState() {
        long seed = System.nanoTime();
        System.out.println("JobStateSerdeTest seed " + seed);
        var generator = new JobStateGenerator(seed);
        var random = new Random(seed);
        for (int i = 0; i < 2_000; i++) {
            byte[] bytes = serde.toBytes(generator.next());
            bytes[1 + random.nextInt(bytes.length - 1)] = (byte) random.nextInt(256);
            try {
                serde.fromBytes(bytes);
            } catch (SerializationException expected) {
                // a corrupted length, marker, code or value; a flip inside a number or text can still read fine
            }
        }
    }

    /** Pins the layout: a change of field order or enum code would make stored values unreadable. */
    @Test
    void writesTheDocumentedLayout() {
        JobState job = new JobState("j", null, JobStatus.PAUSED, 3, List.of(), null, null, 60, null, null,
                TriggerPolicy.ALL_COMPLETED, null, null, Instant.ofEpochSecond(1, 2), null, null, 5, 6);
        byte[] expected = {
                0x01,                               // format
                1, 0, 1, 'j',                       // jobId
                0,                                  // name absent
                1, 2,                               // status paused
                0, 0, 0, 3,                         // generation
                0, 0, 0, 0,                         // no batches
                0, 0,                               // openaiSecret, target absent
                0, 0, 0, 60,                        // pollIntervalSeconds
                0, 0,                               // min, max absent
                1, 1, 2, 0,                         // policy all_completed, no ratio
                0, 0,                               // deadline, lastTrigger absent
                1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 2, // createdAt 1 s + 2 ns
                0, 0,                               // updatedAt, finishedAt absent
                0, 0, 0, 0, 0, 0, 0, 5,             // version
                0, 0, 0, 0, 0, 0, 0, 6};            // lastSequence
        assertArrayEquals(expected, serde.toBytes(job));
        assertEquals(job, serde.fromBytes(expected));
    }

    private static JobState sample() {
        return new JobState("job-1", "name ü", JobStatus.ACTIVE, 1, List.of(BatchSnapshot.pending("b1")), "openai",
                TriggerTarget.webhook("https://hooks.example.com/x", "hook-secret"), 60, null, 600,
                TriggerPolicy.minCompletedRatio(0.8), Instant.parse("2026-01-01T00:00:00Z"), null,
                Instant.parse("2025-12-31T00:00:00.123456789Z"), Instant.parse("2025-12-31T00:00:01Z"), null, 4, 9);
    }
}
