package dev.tecko.resilience;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Kills a child runtime with SIGKILL each time the run's progress passes the next of {@code kills} evenly spaced
 * marks (1/(kills+1), 2/(kills+1), … of the total) and starts a fresh one in its place at once, so the crashes land
 * mid-stream, spread over the whole run.
 */
final class KillSchedule implements AutoCloseable {
    private final int kills;
    private final long total;
    private final Supplier<ChildRuntime> starter;
    private final List<Long> killedAt = new ArrayList<>();
    private ChildRuntime current;

    KillSchedule(int kills, long total, Supplier<ChildRuntime> starter) {
        this.kills = kills;
        this.total = total;
        this.starter = starter;
        this.current = starter.get();
    }

    /** Call with the progress so far (e.g. triggers seen); kills and restarts when it passed the next mark. */
    void progress(long done) {
        if (killedAt.size() < kills && done >= total * (killedAt.size() + 1) / (kills + 1)) {
            current.kill();
            killedAt.add(done);
            current = starter.get();
        }
    }

    boolean allKillsDone() {
        return killedAt.size() == kills;
    }

    /** The progress at each kill, for the report. */
    List<Long> killedAt() {
        return List.copyOf(killedAt);
    }

    @Override
    public void close() {
        current.kill();
    }
}
