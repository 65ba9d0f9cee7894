package dev.tecko.processor.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tecko.schemas.BatchCounts;
import dev.tecko.schemas.BatchError;
import dev.tecko.schemas.BatchSearch;
import dev.tecko.schemas.BatchTag;
import dev.tecko.schemas.SealReason;
import dev.tecko.schemas.SealState;
import dev.tecko.schemas.BatchSnapshot;
import dev.tecko.schemas.DeliveryState;
import dev.tecko.schemas.Downstream;
import dev.tecko.schemas.DownstreamStatus;
import dev.tecko.schemas.VariableSet;
import dev.tecko.schemas.TokenUsage;
import dev.tecko.schemas.BatchStatus;
import dev.tecko.schemas.JobStatus;
import dev.tecko.schemas.Provider;
import dev.tecko.schemas.RequestCounts;
import dev.tecko.schemas.TriggerPolicy;
import dev.tecko.schemas.TriggerSummary;
import dev.tecko.schemas.TriggerTarget;
import dev.tecko.schemas.json.JsonSerde;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The processor's store formats: the job header ({@code 0x05}) and the batch row ({@code 0x03}) round-trip exactly, and
 * every value an older processor wrote (header {@code 0x04} before a tagged job's batch search; header {@code 0x03}
 * before the trigger's delivery progress; header {@code 0x02}
 * and row {@code 0x01} before usage and the policy's request bound; format {@code 0x01} with the batches inline, and JSON before that) is still read as what it was, so an upgrade
 * restores old stores and changelogs.
 */
class StoredJobTest {
    private static final int CASES = 5_000;

    private final Serde<StoredJob> jobs = StoredJob.serde();
    private final Serde<BatchRow> rows = StoredJob.rowSerde();
    private final JsonSerde<LegacyJobState> json = new JsonSerde<>(LegacyJobState.class);

    private byte[] write(JobState job) {
        return jobs.serializer().serialize("t", new StoredJob.Current(job));
    }

    private StoredJob read(byte[] bytes) {
        return jobs.deserializer().deserialize("t", bytes);
    }

    private BatchRow readRow(byte[] bytes) {
        return rows.deserializer().deserialize("t", bytes);
    }

    private byte[] writeRow(BatchRow row) {
        return rows.serializer().serialize("t", row);
    }

    @Test
    void headersAndRowsRoundTripForRandomJobs() {
        long seed = System.nanoTime();
        System.out.println("StoredJobTest seed " + seed);
        var generator = new JobStateGenerator(seed);
        var random = new Random(seed);
        for (int i = 0; i < CASES; i++) {
            LegacyJobState whole = generator.next();
            String context = "seed " + seed + ", case " + i;
            JobState header = CurrentFields.withCurrentFields(whole.header(), random);
            byte[] bytes = write(header);
            assertEquals(JobStateBinary.FORMAT, bytes[0], context);
            assertEquals(new StoredJob.Current(header), read(bytes), context);
            for (BatchRow row : whole.rows()) {
                BatchRow current = row.with(CurrentFields.withUsage(row.batch(), random));
                assertEquals(current, readRow(writeRow(current)), context);
            }
        }
    }

    @Test
    void readsTheInlineFormatOfProcessorsBeforeThePerBatchLayout() {
        long seed = System.nanoTime();
        System.out.println("StoredJobTest seed " + seed);
        var generator = new JobStateGenerator(seed);
        for (int i = 0; i < 1_000; i++) {
            LegacyJobState whole = generator.next();
            assertEquals(new StoredJob.Legacy(whole), read(LegacyWriter.write(whole)), "seed " + seed + ", case " + i);
        }
    }

    @Test
    void readsJsonWrittenBeforeTheBinaryFormat() {
        long seed = System.nanoTime();
        System.out.println("StoredJobTest seed " + seed);
        var generator = new JobStateGenerator(seed);
        for (int i = 0; i < 500; i++) {
            LegacyJobState whole = generator.next();
            StoredJob read = read(json.toBytes(whole));
            assertEquals(new StoredJob.Legacy(whole), read, "seed " + seed + ", case " + i);
        }
    }

    /** The exact bytes the processor before the per-batch layout wrote for this job: they must still read as it. */
    @Test
    void readsTheLastInlineLayoutByteForByte() {
        byte[] written = {
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
        var expected = new LegacyJobState("j", null, JobStatus.PAUSED, 3, List.of(), null, null, 60, null, null,
                TriggerPolicy.ALL_COMPLETED, null, null, Instant.ofEpochSecond(1, 2), null, null, 5, 6);
        assertEquals(new StoredJob.Legacy(expected), read(written));
        assertArrayEquals(written, LegacyWriter.write(expected), "the test's writer is the old one");
    }

    @Test
    void movesALegacyJobToAHeaderAndRowsThatSayTheSame() {
        var failed = new BatchSnapshot("b2", BatchStatus.FAILED, RequestCounts.NONE, null, null,
                List.of(new BatchError("c", "m", null, 1), new BatchError("c", "n", null, 2)), null, null);
        var legacy = new LegacyJobState("job-1", "n", JobStatus.ACTIVE, 2, List.of(BatchSnapshot.pending("b1"), failed,
                BatchSnapshot.pending("b0")), "openai", TriggerTarget.webhook("https://hooks.example.com/x", "hook-secret"), 60,
                null, null, null, null, null, Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-01T00:00:00Z"), null, 4, 9);

        JobState header = legacy.header();

        assertEquals(new BatchCounts(3, 0, 1, 2), header.counts());
        assertEquals(2, header.errorsKept());
        assertEquals(List.of(new BatchRow(0, BatchSnapshot.pending("b1")), new BatchRow(1, failed),
                new BatchRow(2, BatchSnapshot.pending("b0"))), legacy.rows());
        assertEquals(header.toSnapshot(legacy.batches()).batches(), legacy.batches());
    }

    @Test
    void neverWritesALegacyJob() {
        var legacy = new StoredJob.Legacy(new JobStateGenerator(1).next());
        assertThrows(SerializationException.class, () -> jobs.serializer().serialize("t", legacy));
    }

    @Test
    void keepsARetiredMarkerRetired() {
        JobState retired = JobState.retired("job-1", 7, 42);
        StoredJob read = read(write(retired));
        assertEquals(new StoredJob.Current(retired), read);
        assertTrue(((StoredJob.Current) read).job().isRetired());
    }

    @Test
    void keepsUnpairedSurrogatesAndNulCharactersExact() {
        var row = new BatchRow(7, new BatchSnapshot("b1", BatchStatus.FAILED, RequestCounts.NONE, null, null,
                List.of(new BatchError("code", "half \uD83D emoji \u0000 and \uDE80 reversed", null, 3)), null, null));
        assertEquals(row, readRow(writeRow(row)));
    }

    @Test
    void passesNullThroughLikeATombstone() {
        assertNull(jobs.serializer().serialize("t", null));
        assertNull(read(null));
        assertNull(writeRow(null));
        assertNull(readRow(null));
    }

    @Test
    void rejectsAnUnknownFormatByte() {
        byte[] bytes = write(sample());
        bytes[0] = 0x06;
        assertThrows(SerializationException.class, () -> read(bytes));
        assertThrows(SerializationException.class, () -> read(new byte[0]));
        byte[] row = writeRow(new BatchRow(0, BatchSnapshot.pending("b1")));
        row[0] = 0x04;
        assertThrows(SerializationException.class, () -> readRow(row));
        assertThrows(SerializationException.class, () -> readRow(new byte[0]));
    }

    @Test
    void rejectsEveryTruncationAndTrailingBytes() {
        for (byte[] bytes : List.of(write(sample()), writeRow(new BatchRow(3, BatchSnapshot.pending("b1"))))) {
            boolean header = bytes[0] == JobStateBinary.FORMAT && bytes.length > 40;
            for (int length = 1; length < bytes.length; length++) {
                byte[] truncated = Arrays.copyOf(bytes, length);
                assertThrows(SerializationException.class, () -> readAny(header, truncated), "length " + length);
            }
            assertThrows(SerializationException.class, () -> readAny(header, Arrays.copyOf(bytes, bytes.length + 1)));
        }
    }

    private Object readAny(boolean header, byte[] bytes) {
        return header ? read(bytes) : readRow(bytes);
    }

    @Test
    void turnsAnyCorruptedByteIntoASerializationExceptionOrAValidState() {
        long seed = System.nanoTime();
        System.out.println("StoredJobTest seed " + seed);
        var generator = new JobStateGenerator(seed);
        var random = new Random(seed);
        for (int i = 0; i < 2_000; i++) {
            LegacyJobState whole = generator.next();
            for (byte[] bytes : List.of(write(whole.header()), LegacyWriter.write(whole))) {
                bytes[1 + random.nextInt(bytes.length - 1)] = (byte) random.nextInt(256);
                try {
                    assertInstanceOf(StoredJob.class, read(bytes));
                } catch (SerializationException expected) {
                    // a corrupted length, marker, code or value; a flip inside a number or text can still read fine
                }
            }
        }
    }

    /**
     * The job {@code j} of both layout tests as format {@code 0x02} wrote it after its format byte; {@code 0x03} writes the
     * same, then its own fields.
     */
    private static final byte[] HEADER_FIELDS_OF_FORMAT_2 = {
                1, 0, 1, 'j',                       // jobId
                0,                                  // name absent
                1, 2,                               // status paused
                0, 0, 0, 3,                         // generation
                0, 0, 0, 4, 0, 0, 0, 1,             // counts: total, completed
                0, 0, 0, 2, 0, 0, 0, 1,             // failed, open
                0, 0, 0, 7,                         // errorsKept
                0, 0,                               // openaiSecret, target absent
                0, 0, 0, 60,                        // pollIntervalSeconds
                0, 0,                               // min, max absent
                1, 1, 2, 0,                         // policy all_completed, no ratio
                0, 0,                               // deadline, lastTrigger absent
                1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 2, // createdAt 1 s + 2 ns
                0, 0,                               // updatedAt, finishedAt absent
                0, 0, 0, 0, 0, 0, 0, 5,             // version
                0, 0, 0, 0, 0, 0, 0, 6};            // lastSequence

    /** What format {@code 0x03} added after the fields of {@code 0x02}, for the job {@code j} of the layout test. */
    private static final byte[] FORMAT_3_FIELDS = {
                1, 0x3f, (byte) 0xe0, 0, 0, 0, 0, 0, 0, // maxFailedRequestRatio 0.5
                1, 2,                               // variables extended
                0, 0, 0, 1,                         // allFailedBatches
                1, 1, 0, 1, '7', 1, 7,              // downstream: keboolaJobId, status error
                0, 0,                               // startedAt, finishedAt absent
                0, 0, 0, 0, 0, 0, 0, 5,             // durationSeconds
                0, 0,                               // message, url absent
                1, 0, 0, 0, 0, 0, 0, 0, 9, 0, 0, 0, 0, // observedAt 9 s
                0, 0, 0, 2, 0, 0, 0, 1};            // downstreamRetries, downstreamRetriesUsed

    /** The open trigger's delivery progress as format {@code 0x04} writes it (the layout test's trigger). */
    @Test
    void writesTheDeliveryProgressLayout() {
        var trigger = new TriggerSummary("j:3", 3, Instant.ofEpochSecond(1), null, null, null, null, null,
                new DeliveryState(2, "503", 503, Instant.ofEpochSecond(4), true, Instant.ofEpochSecond(3)));
        JobState job = new JobState("j", null, JobStatus.TRIGGERING, 3, new BatchCounts(1, 1, 0, 0), 0, null, null, 60, null, null,
                TriggerPolicy.ALL_COMPLETED, null, trigger, Instant.ofEpochSecond(1), null, null, 5, 6, null, 0, null, 0, 0);
        byte[] written = write(job);
        byte[] bytes = Arrays.copyOf(written, written.length - 1); // without the absent batch search of format 0x05
        assertEquals(0, written[written.length - 1]);
        byte[] tail = {
                1,                                  // delivery present
                0, 0, 0, 2,                         // attempts
                1, 0, 3, '5', '0', '3',             // lastError
                1, 0, 0, 1, (byte) 0xf7,            // lastHttpStatus 503
                1, 0, 0, 0, 0, 0, 0, 0, 4, 0, 0, 0, 0, // nextAttemptAt 4 s
                1,                                  // breakerOpen
                1, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0, 0, 0}; // updatedAt 3 s
        assertArrayEquals(tail, Arrays.copyOfRange(bytes, bytes.length - tail.length, bytes.length));
        assertEquals(new StoredJob.Current(job), read(written));
        // a delivery part with no trigger to hold it is a corrupt value, not a job without one
        byte[] orphan = write(job.withLastTrigger(null));
        byte[] corrupt = concat(Arrays.copyOf(orphan, orphan.length - 2), tail, new byte[] {0});
        assertThrows(SerializationException.class, () -> read(corrupt));
    }

    private static byte[] concat(byte[]... parts) {
        var out = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** A tagged job's batch search as format {@code 0x05} writes it, after every field of {@code 0x04}. */
    @Test
    @DisplayName("given a tagged job sealed by its command, when stored, then format 0x05 writes its search field by field, and reads it back")
    void writesTheBatchSearchLayout() {
        var search = new BatchSearch(new BatchTag("run", "n1"), Instant.ofEpochSecond(1), Instant.ofEpochSecond(2), 12,
                Instant.ofEpochSecond(3), Instant.ofEpochSecond(4), Instant.ofEpochSecond(5), SealReason.COMMAND, null);
        JobState job = new JobState("j", null, JobStatus.ACTIVE, 1, new BatchCounts(0, 0, 0, 0), 0, null, null, 60, null, null,
                TriggerPolicy.ALWAYS, null, null, Instant.ofEpochSecond(1), null, null, 5, 6, null, 0, null, 0, 0, search);
        byte[] bytes = write(job);
        byte[] tail = {
                0,                                  // no delivery (0x04)
                1,                                  // batch search present
                1, 0, 3, 'r', 'u', 'n',             // tag key
                1, 0, 2, 'n', '1',                  // tag value
                1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, // since 1 s
                1, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, // sealAt 2 s
                1, 0, 0, 0, 12,                     // expectedBatches
                1, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0, 0, 0, // sealRequestedAt 3 s
                1, 0, 0, 0, 0, 0, 0, 0, 4, 0, 0, 0, 0, // listedUpTo 4 s
                1, 0, 0, 0, 0, 0, 0, 0, 5, 0, 0, 0, 0, // sealedAt 5 s
                1, 1};                              // sealedBy command
        assertEquals(JobStateBinary.FORMAT, bytes[0]);
        assertArrayEquals(tail, Arrays.copyOfRange(bytes, bytes.length - tail.length, bytes.length));
        assertEquals(new StoredJob.Current(job), read(bytes));
        assertEquals(SealState.SEALED, ((StoredJob.Current) read(bytes)).job().batchSearch().state(), "derived, not stored");
        // an open search: nothing requested, listed or sealed
        JobState open = job.withBatchSearch(BatchSearch.open(new BatchTag("run", "n1"), Instant.ofEpochSecond(1), null, null));
        assertEquals(new StoredJob.Current(open), read(write(open)));
        // sealedAt without sealedBy is no search the contract allows: a corrupt value
        byte[] corrupt = Arrays.copyOf(bytes, bytes.length);
        corrupt[corrupt.length - 2] = 0;
        assertThrows(SerializationException.class, () -> read(Arrays.copyOf(corrupt, corrupt.length - 1)));
    }

    /** Pins the layout: a change of field order or enum code would make stored values unreadable. */
    @Test
    void writesTheDocumentedLayout() {
        JobState job = new JobState("j", null, JobStatus.PAUSED, 3, new BatchCounts(4, 1, 2, 1), 7, null, null, 60, null, null,
                TriggerPolicy.ALL_COMPLETED.withMaxFailedRequestRatio(0.5), null, null, Instant.ofEpochSecond(1, 2), null, null, 5, 6,
                VariableSet.EXTENDED, 1, new Downstream("7", DownstreamStatus.ERROR, null, null, 5L, null, null, Instant.ofEpochSecond(9)), 2, 1);
        // no delivery (0x04), no batch search (0x05)
        byte[] expected = concat(new byte[] {0x05}, HEADER_FIELDS_OF_FORMAT_2, FORMAT_3_FIELDS, new byte[] {0, 0});
        assertArrayEquals(expected, write(job));
        assertEquals(new StoredJob.Current(job), read(expected));
        // what format 0x04 wrote (the same without the batch search) reads as the same job
        assertEquals(new StoredJob.Current(job), read(concat(new byte[] {0x04}, HEADER_FIELDS_OF_FORMAT_2, FORMAT_3_FIELDS, new byte[] {0})));
        assertThrows(SerializationException.class, () -> read(concat(new byte[] {0x04}, HEADER_FIELDS_OF_FORMAT_2, FORMAT_3_FIELDS,
                new byte[] {0, 0})), "a 0x04 value has nothing after its own fields");
        // what format 0x03 wrote (the same without the delivery part) reads as the same job
        assertEquals(new StoredJob.Current(job), read(concat(new byte[] {0x03}, HEADER_FIELDS_OF_FORMAT_2, FORMAT_3_FIELDS)));
        assertThrows(SerializationException.class, () -> read(concat(new byte[] {0x03}, HEADER_FIELDS_OF_FORMAT_2, FORMAT_3_FIELDS,
                new byte[] {0})), "a 0x03 value has nothing after its own fields");

        byte[] row = {

                0x03,                               // format
                0, 0, 0, 9,                         // position
                1, 0, 2, 'b', '1',                  // batchId
                1, 1,                               // status pending
                0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, // request counts 0, 0, 0
                0, 0,                               // output and error file absent
                0, 0, 0, 0,                         // no errors
                0, 0,                               // observedAt, pollError absent
                1,                                  // usage
                0, 0, 0, 0, 0, 0, 0, 10, 0, 0, 0, 0, 0, 0, 0, 4, 0, 0, 0, 0, 0, 0, 0, 14, // input, output, total
                0, 0, 0, 0, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 1, // cached, reasoning
                1, 0, 1, 'm',                       // model
                1, 2,                               // provider anthropic
                1, 0, 5, 'e', 'n', 'd', 'e', 'd'};  // providerStatus
        var withUsage = new BatchSnapshot("b1", BatchStatus.PENDING, null, null, null, List.of(), null, null,
                new TokenUsage(10, 4, 14, 3, 1), "m", null, Provider.ANTHROPIC, "ended");
        assertArrayEquals(row, writeRow(new BatchRow(9, withUsage)));
        // what row format 0x02 wrote (the same without the provider) reads as the batch without one
        byte[] format2 = Arrays.copyOf(row, row.length - 10);
        format2[0] = 0x02;
        var withoutProvider = new BatchSnapshot("b1", BatchStatus.PENDING, null, null, null, List.of(), null, null,
                new TokenUsage(10, 4, 14, 3, 1), "m", null);
        assertEquals(new BatchRow(9, withoutProvider), readRow(format2));
    }

    /** Values the processor wrote before usage and the request bound (header 0x02, row 0x01) read as they were. */
    @Test
    void readsTheLayoutBeforeUsage() {
        JobState job = new JobState("j", null, JobStatus.PAUSED, 3, new BatchCounts(4, 1, 2, 1), 7, null, null, 60, null, null,
                TriggerPolicy.ALL_COMPLETED, null, null, Instant.ofEpochSecond(1, 2), null, null, 5, 6, null, 0, null, 0, 0);
        byte[] header = concat(new byte[] {0x02}, HEADER_FIELDS_OF_FORMAT_2);
        assertEquals(new StoredJob.Current(job), read(header));
        byte[] row = {
                0x01,                               // format
                0, 0, 0, 9,                         // position
                1, 0, 2, 'b', '1',                  // batchId
                1, 5,                               // status completed
                0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 2, // request counts 2, 0, 2: every request failed
                0, 0,                               // output and error file absent
                0, 0, 0, 0,                         // no errors
                0, 0};                              // observedAt, pollError absent
        BatchRow read = readRow(row);
        assertEquals(new BatchRow(9, new BatchSnapshot("b1", BatchStatus.COMPLETED, new RequestCounts(2, 0, 2), null, null,
                List.of(), null, null)), read);
        assertEquals(Boolean.TRUE, read.batch().allRequestsFailed(), "derived, so old rows carry the flag too");
        assertEquals(null, read.batch().usage());
    }

    private static JobState sample() {
        return new LegacyJobState("job-1", "name ü", JobStatus.ACTIVE, 1, List.of(BatchSnapshot.pending("b1")), "openai",
                TriggerTarget.webhook("https://hooks.example.com/x", "hook-secret"), 60, null, 600,
                TriggerPolicy.minCompletedRatio(0.8), Instant.parse("2026-01-01T00:00:00Z"), null,
                Instant.parse("2025-12-31T00:00:00.123456789Z"), Instant.parse("2025-12-31T00:00:01Z"), null, 4, 9).header();
    }
}
