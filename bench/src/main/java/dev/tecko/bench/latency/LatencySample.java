package dev.tecko.bench.latency;

import dev.tecko.bench.report.Percentiles;
import java.util.Arrays;
import java.util.function.BiConsumer;

/** Send and arrival instants per job, and what they make: latency percentiles and the rate actually offered. */
final class LatencySample {
    private final long[] sentAt;
    private final long[] arrivedAt;
    private final int warmup;

    /** @param warmup the first records, sent to warm up, left out of the percentiles */
    LatencySample(long[] sentAt, long[] arrivedAt, int warmup) {
        if (sentAt.length != arrivedAt.length) {
            throw new IllegalArgumentException("one send and one arrival instant per record");
        }
        this.sentAt = sentAt;
        this.arrivedAt = arrivedAt;
        this.warmup = warmup;
    }

    long[] latenciesNanos() {
        long[] latencies = new long[sentAt.length];
        int n = 0;
        for (int i = warmup; i < sentAt.length; i++) {
            if (sentAt[i] != 0 && arrivedAt[i] != 0) {
                latencies[n++] = arrivedAt[i] - sentAt[i];
            }
        }
        return Arrays.copyOf(latencies, n);
    }

    /** Records per second between the first and the last measured send. */
    double offeredRate() {
        long first = 0;
        long last = 0;
        int sent = 0;
        for (int i = warmup; i < sentAt.length; i++) {
            if (sentAt[i] != 0) {
                first = first == 0 ? sentAt[i] : first;
                last = sentAt[i];
                sent++;
            }
        }
        return sent < 2 ? 0 : (sent - 1) / ((last - first) / 1e9);
    }

    /** Writes {@code measured}, {@code offered_rate_per_second}, {@code p50_ms} … {@code max_ms} through {@code put}. */
    void describe(BiConsumer<String, Object> put) {
        long[] latencies = latenciesNanos();
        put.accept("measured", latencies.length);
        put.accept("offered_rate_per_second", offeredRate());
        if (latencies.length == 0) {
            return;
        }
        var p = new Percentiles(latencies);
        put.accept("p50_ms", millis(p.at(50)));
        put.accept("p99_ms", millis(p.at(99)));
        put.accept("p99_9_ms", millis(p.at(99.9)));
        put.accept("max_ms", millis(p.max()));
    }

    static double millis(long nanos) {
        return nanos / 1e6;
    }
}
