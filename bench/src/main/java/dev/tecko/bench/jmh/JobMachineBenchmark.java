package dev.tecko.bench.jmh;

import dev.tecko.bench.kafka.JobFixtures;
import dev.tecko.processor.machine.JobMachine;
import dev.tecko.processor.machine.Transition;
import dev.tecko.processor.state.JobState;
import dev.tecko.schemas.BatchObservation;
import dev.tecko.schemas.BatchStatus;
import dev.tecko.schemas.RequestCounts;
import java.time.Instant;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Applying one observation to a job: what the processor does per {@code batch-status} record, minus Kafka and the
 * store. Two cases: a batch making progress (a snapshot and an event), and the last batch completing (plus the
 * trigger with TeckoChecker's variables).
 */
@State(Scope.Benchmark)
public class JobMachineBenchmark {
    @Param({"10"})
    public int batches;

    private final JobMachine machine = new JobMachine(1000);
    private final Instant now = Instant.parse("2026-01-01T02:00:00Z");
    private JobState fresh;
    private JobState allButLastDone;
    private BatchObservation progress;
    private BatchObservation lastCompletion;

    @Setup(Level.Trial)
    public void prepare() {
        int job = 42;
        fresh = machine.onCommand(null, JobFixtures.create(job, batches), now).state();
        JobState state = fresh;
        for (int b = 0; b < batches - 1; b++) {
            state = machine.onObservation(state, JobFixtures.completed(job, b), now).state();
        }
        allButLastDone = state;
        progress = BatchObservation.polled(JobFixtures.jobId(job), JobFixtures.batchId(job, 0), BatchStatus.IN_PROGRESS,
                new RequestCounts(1000, 500, 0), now);
        lastCompletion = JobFixtures.completed(job, batches - 1);
        if (machine.onObservation(allButLastDone, lastCompletion, now).trigger().isEmpty()) {
            throw new IllegalStateException("the last completion must trigger, or the benchmark measures the wrong path");
        }
    }

    @Benchmark
    public Transition applyProgress() {
        return machine.onObservation(fresh, progress, now);
    }

    @Benchmark
    public Transition applyLastCompletionAndTrigger() {
        return machine.onObservation(allButLastDone, lastCompletion, now);
    }
}
