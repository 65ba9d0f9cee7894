package dev.tecko.bench.jmh;

import dev.tecko.bench.kafka.JobFixtures;
import dev.tecko.processor.machine.JobMachine;
import dev.tecko.processor.machine.MapBatches;
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
 * store (the job's batch rows are held in memory). Two cases: a batch making progress (a row and an event), and the
 * last batch completing (plus the trigger with TeckoChecker's variables, which reads every row).
 */
@State(Scope.Benchmark)
public class JobMachineBenchmark {
    @Param({"10"})
    public int batches;

    private final JobMachine machine = new JobMachine(1000);
    private final Instant now = Instant.parse("2026-01-01T02:00:00Z");
    private JobState fresh;
    private final MapBatches freshBatches = new MapBatches();
    private JobState allButLastDone;
    private final MapBatches allButLastBatches = new MapBatches();
    private BatchObservation progress;
    private BatchObservation lastCompletion;

    @Setup(Level.Trial)
    public void prepare() {
        int job = 42;
        Transition created = machine.onCommand(null, freshBatches, JobFixtures.create(job, batches), now);
        fresh = created.state();
        freshBatches.apply(created);
        allButLastBatches.apply(created);
        JobState state = fresh;
        for (int b = 0; b < batches - 1; b++) {
            Transition t = machine.onObservation(state, allButLastBatches, JobFixtures.completed(job, b), now);
            allButLastBatches.apply(t);
            state = t.state();
        }
        allButLastDone = state;
        progress = BatchObservation.polled(JobFixtures.jobId(job), JobFixtures.batchId(job, 0), BatchStatus.IN_PROGRESS,
                new RequestCounts(1000, 500, 0), now);
        lastCompletion = JobFixtures.completed(job, batches - 1);
        if (machine.onObservation(allButLastDone, allButLastBatches, lastCompletion, now).trigger().isEmpty()) {
            throw new IllegalStateException("the last completion must trigger, or the benchmark measures the wrong path");
        }
    }

    @Benchmark
    public Transition applyProgress() {
        return machine.onObservation(fresh, freshBatches, progress, now);
    }

    @Benchmark
    public Transition applyLastCompletionAndTrigger() {
        return machine.onObservation(allButLastDone, allButLastBatches, lastCompletion, now);
    }
}
