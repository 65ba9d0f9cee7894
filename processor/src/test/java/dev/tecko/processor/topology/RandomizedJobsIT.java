package dev.tecko.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The randomized script of {@link RandomJobRuns} through the whole topology ({@code TopologyTestDriver}, real RocksDB):
 * a few dozen runs, enough to show the wiring (stores, deadline index, sinks) agrees with {@link ReferenceModel}. The
 * thousands of interleavings run against the state machine alone, in {@link RandomizedJobMachineTest}.
 * Size: {@code -Dtecko.random.topology.runs} (default 40) runs of {@code -Dtecko.random.steps} (default 400) records over
 * {@code -Dtecko.random.jobs} (default 12) job ids; {@code -Dtecko.random.seed} changes the base seed (run i uses base + i).
 */
class RandomizedJobsIT {
    private static final String RUNS_PROPERTY = "tecko.random.topology.runs";
    private static final int RUNS = Integer.getInteger(RUNS_PROPERTY, 40);
    private static final int STEPS = Integer.getInteger("tecko.random.steps", 400);
    private static final int JOB_IDS = Integer.getInteger("tecko.random.jobs", 12);
    private static final long BASE_SEED = Long.getLong("tecko.random.seed", 20260101L);

    @Test
    @DisplayName("given random interleavings through the topology, then exactly one trigger per job generation with the model's sets,"
            + " the model's final snapshots and a deadline index that holds exactly the jobs that can still time out")
    void matchesReferenceModel() {
        RandomJobRuns.Tally checked = RandomJobRuns.runAll(RUNS_PROPERTY, RUNS, BASE_SEED, STEPS, JOB_IDS, Driver::new);
        System.out.println("randomized through the topology: " + RUNS + " runs of " + STEPS + " records, " + checked);
        assertThat(checked.lifecycles()).isGreaterThan(0);
        assertThat(checked.taggedTriggers()).as("tagged jobs reach their trigger").isGreaterThan(0);
        assertThat(checked.refusedReports()).as("late finds reach a sealed list").isGreaterThan(0);
    }
}
