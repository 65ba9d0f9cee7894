package dev.tecko.resilience;

import java.util.concurrent.TimeUnit;

/** Prints how far a long run got every ten seconds, so a stall shows in the test output with what was still missing. */
final class Progress {
    private final String name;
    private long last = System.nanoTime();

    Progress(String name) {
        this.name = name;
    }

    void report(String state) {
        if (System.nanoTime() - last > TimeUnit.SECONDS.toNanos(10)) {
            last = System.nanoTime();
            System.out.println(name + " progress: " + state);
        }
    }
}
