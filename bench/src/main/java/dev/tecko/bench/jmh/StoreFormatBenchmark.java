package dev.tecko.bench.jmh;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import com.fasterxml.jackson.dataformat.smile.databind.SmileMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.tecko.bench.kafka.JobFixtures;
import dev.tecko.processor.machine.JobMachine;
import dev.tecko.processor.machine.MapBatches;
import dev.tecko.processor.machine.Transition;
import dev.tecko.processor.state.BatchRow;
import dev.tecko.processor.state.JobState;
import dev.tecko.processor.state.StoredJob;
import dev.tecko.schemas.BatchError;
import dev.tecko.schemas.BatchObservation;
import dev.tecko.schemas.BatchStatus;
import dev.tecko.schemas.Check;
import dev.tecko.schemas.ObservationSource;
import dev.tecko.schemas.RequestCounts;
import dev.tecko.schemas.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The processor's store values, written and read once per observation each: the job's header ({@link JobState}) and
 * one batch row ({@link BatchRow}, here a failed batch with two errors). The hand-written format the store uses
 * ({@code binary*}) against what well-kept libraries give for free: Jackson's JSON (the store's format before), Smile
 * and CBOR, all three through Jackson's record support with the contract's own mapper settings.
 */
@State(Scope.Benchmark)
public class StoreFormatBenchmark {
    private final Serde<StoredJob> jobs = StoredJob.serde();
    private final Serde<BatchRow> rows = StoredJob.rowSerde();
    private final ObjectMapper json = Json.mapper();
    private final ObjectMapper smile = configure(SmileMapper.builder().build());
    private final ObjectMapper cbor = configure(CBORMapper.builder().build());
    private JobState header;
    private BatchRow row;
    private byte[] binaryHeader;
    private byte[] binaryRow;
    private byte[] jsonHeader;
    private byte[] jsonRow;
    private byte[] smileHeader;
    private byte[] smileRow;
    private byte[] cborHeader;
    private byte[] cborRow;

    private static ObjectMapper configure(ObjectMapper mapper) {
        return mapper.registerModule(new JavaTimeModule()).disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }

    @Setup(Level.Trial)
    public void prepare() {
        var machine = new JobMachine(1000);
        Instant now = Instant.parse("2026-01-01T02:00:00Z");
        int job = 42;
        var batches = new MapBatches();
        Transition t = machine.onCommand(null, batches, JobFixtures.create(job, 10), now);
        batches.apply(t);
        var failed = new BatchObservation(Check.CURRENT_SCHEMA_VERSION, JobFixtures.jobId(job), JobFixtures.batchId(job, 3),
                BatchStatus.FAILED, new RequestCounts(1000, 990, 10), "file-out-3", "file-err-3",
                List.of(new BatchError("invalid_request", "line 17: model not found", "model", 17),
                        new BatchError("invalid_request", "line 18: model not found", "model", 18)),
                null, null, now, ObservationSource.POLL, null);
        t = machine.onObservation(t.state(), batches, failed, now);
        batches.apply(t);
        header = t.state();
        row = batches.get(JobFixtures.batchId(job, 3));
        binaryHeader = jobs.serializer().serialize("t", new StoredJob.Current(header));
        binaryRow = rows.serializer().serialize("t", row);
        jsonHeader = write(json, header);
        jsonRow = write(json, row);
        smileHeader = write(smile, header);
        smileRow = write(smile, row);
        cborHeader = write(cbor, header);
        cborRow = write(cbor, row);
        for (ObjectMapper mapper : List.of(json, smile, cbor)) {
            if (!read(mapper, write(mapper, header), JobState.class).equals(header)
                    || !read(mapper, write(mapper, row), BatchRow.class).equals(row)) {
                throw new IllegalStateException("every format must read back what it wrote, or the comparison is meaningless");
            }
        }
        System.out.printf("%nbytes: header binary %d, JSON %d, Smile %d, CBOR %d; row binary %d, JSON %d, Smile %d, CBOR %d%n",
                binaryHeader.length, jsonHeader.length, smileHeader.length, cborHeader.length,
                binaryRow.length, jsonRow.length, smileRow.length, cborRow.length);
    }

    private static byte[] write(ObjectMapper mapper, Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> T read(ObjectMapper mapper, byte[] bytes, Class<T> type) {
        try {
            return mapper.readValue(bytes, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Benchmark
    public byte[] binaryWrite() {
        return jobs.serializer().serialize("t", new StoredJob.Current(header)).length > 0
                ? rows.serializer().serialize("t", row) : null;
    }

    @Benchmark
    public Object binaryRead() {
        return jobs.deserializer().deserialize("t", binaryHeader) != null ? rows.deserializer().deserialize("t", binaryRow) : null;
    }

    @Benchmark
    public byte[] jsonWrite() {
        return write(json, header).length > 0 ? write(json, row) : null;
    }

    @Benchmark
    public Object jsonRead() {
        return read(json, jsonHeader, JobState.class) != null ? read(json, jsonRow, BatchRow.class) : null;
    }

    @Benchmark
    public byte[] smileWrite() {
        return write(smile, header).length > 0 ? write(smile, row) : null;
    }

    @Benchmark
    public Object smileRead() {
        return read(smile, smileHeader, JobState.class) != null ? read(smile, smileRow, BatchRow.class) : null;
    }

    @Benchmark
    public byte[] cborWrite() {
        return write(cbor, header).length > 0 ? write(cbor, row) : null;
    }

    @Benchmark
    public Object cborRead() {
        return read(cbor, cborHeader, JobState.class) != null ? read(cbor, cborRow, BatchRow.class) : null;
    }
}
