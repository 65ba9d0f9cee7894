package dev.tecko.bench.jmh;

import dev.tecko.bench.kafka.JobFixtures;
import dev.tecko.processor.machine.JobMachine;
import dev.tecko.processor.state.JobState;
import dev.tecko.processor.state.JobStateSerde;
import dev.tecko.schemas.json.JsonSerde;
import java.time.Instant;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The job store's value, read and written once per observation: the JSON mapping the store used before against the
 * binary format it uses now, on a job whose batches all but one completed (the largest state a job usually has).
 */
@State(Scope.Benchmark)
public class JobStateSerdeBenchmark {
    @Param({"10"})
    public int batches;

    private final JsonSerde<JobState> json = new JsonSerde<>(JobState.class);
    private final JobStateSerde binary = new JobStateSerde();
    private JobState state;
    private byte[] jsonBytes;
    private byte[] binaryBytes;

    @Setup(Level.Trial)
    public void prepare() {
        var machine = new JobMachine(1000);
        Instant now = Instant.parse("2026-01-01T02:00:00Z");
        int job = 42;
        state = machine.onCommand(null, JobFixtures.create(job, batches), now).state();
        for (int b = 0; b < batches - 1; b++) {
            state = machine.onObservation(state, JobFixtures.completed(job, b), now).state();
        }
        jsonBytes = json.toBytes(state);
        binaryBytes = binary.toBytes(state);
        if (!binary.fromBytes(binaryBytes).equals(json.fromBytes(jsonBytes))) {
            throw new IllegalStateException("both formats must read back the same state, or the comparison is meaningless");
        }
    }

    @Benchmark
    public byte[] jsonWrite() {
        return json.toBytes(state);
    }

    @Benchmark
    public JobState jsonRead() {
        return json.fromBytes(jsonBytes);
    }

    @Benchmark
    public byte[] binaryWrite() {
        return binary.toBytes(state);
    }

    @Benchmark
    public JobState binaryRead() {
        return binary.fromBytes(binaryBytes);
    }
}
