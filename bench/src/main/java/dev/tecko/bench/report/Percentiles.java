package dev.tecko.bench.report;

import java.util.Arrays;

/** Percentiles of measured values by the nearest-rank method on a sorted copy: exact, no histogram needed. */
public final class Percentiles {
    private final long[] sorted;

    public Percentiles(long[] values) {
        sorted = values.clone();
        Arrays.sort(sorted);
    }

    public int count() {
        return sorted.length;
    }

    /** The smallest value with at least {@code percent} % of all values at or below it. */
    public long at(double percent) {
        if (sorted.length == 0) {
            throw new IllegalStateException("no values");
        }
        if (percent <= 0 || percent > 100) {
            throw new IllegalArgumentException("percent must be in (0, 100], got " + percent);
        }
        // the epsilon keeps binary fractions from pushing an exact rank up by one (99.9 % of 1,000 is 999, not 1,000)
        int rank = (int) Math.ceil(percent * sorted.length / 100.0 - 1e-9);
        return sorted[Math.max(0, rank - 1)];
    }

    public long max() {
        return at(100);
    }
}
