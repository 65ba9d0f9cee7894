package dev.tecko.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tecko.processor.machine.MachineDriver;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The randomized script of {@link RandomJobRuns} against the pure state machine over a map: thousands of interleavings
 * of commands, duplicated and reordered observations and trigger results, checked against {@link ReferenceModel}, in
 * seconds. (The same script through the topology: {@link RandomizedJobsIT}.)
 * Size: {@code -Dtecko.random.runs} (default 10,000) runs of {@code -Dtecko.random.steps} (default 400) records over
 * {@code -Dtecko.random.jobs} (default 12) job ids; {@code -Dtecko.random.seed} changes the base seed (run i uses base + i).
 */
class RandomizedJobMachineTest {
    private static final String RUNS_PROPERTY = "tecko.random.runs";
    private static final int RUNS = Integer.getInteger(RUNS_PROPERTY, 10_000);
    private static final int STEPS = Integer.getInteger("tecko.random.steps", 400);
    private static final int JOB_IDS = Integer.getInteger("tecko.random.jobs", 12);
    private static final long BASE_SEED = Long.getLong("tecko.random.seed", 20260101L);

    @Test
    @DisplayName("given random interleavings, then exactly one trigger per job generation with the model's sets, and the model's final snapshots")
    void matchesReferenceModel() {
        RandomJobRuns.Tally checked = RandomJobRuns.runAll(RUNS_PROPERTY, RUNS, BASE_SEED, STEPS, JOB_IDS, MachineDriver::new);
        System.out.println("randomized against the state machine: " + RUNS + " runs of " + STEPS + " records, " + checked);
        assertThat(checked.lifecycles()).isGreaterThan(0);
        assertThat(checked.taggedTriggers()).as("tagged jobs reach their trigger").isGreaterThan(0);
        assertThat(checked.refusedReports()).as("late finds reach a sealed list").isGreaterThan(0);
    }
}
