package dev.tecko.bench.jmh;

import dev.tecko.bench.report.BenchReport;
import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.util.Version;

/**
 * JMH's results as a {@link BenchReport}: operations per second (and the 99.9 % error margin) per benchmark; the
 * ratio compares reading an observation with parsing the same bytes into a bare JSON tree.
 */
final class JmhReport {
    static final String DESERIALIZE = "ObservationSerdeBenchmark.deserialize";
    static final String BASELINE = "ObservationSerdeBenchmark.baselineParseTree";

    private JmhReport() {
    }

    static BenchReport of(Collection<RunResult> results, int warmupIterations, int iterations, Duration time, int forks) {
        var report = new BenchReport("jmh").environment("JMH " + Version.getPlainVersion()
                        + " on Java " + Runtime.version() + ", throughput mode")
                .parameter("warmup_iterations", warmupIterations)
                .parameter("iterations", iterations)
                .parameter("iteration_ms", time.toMillis())
                .parameter("forks", forks)
                .baselineDescription("Jackson parsing the same observation bytes into a JsonNode tree (no records, no validation)");
        List<RunResult> sorted = results.stream()
                .sorted(Comparator.comparing((RunResult r) -> r.getParams().getBenchmark())).toList();
        Double deserialize = null;
        Double baseline = null;
        for (RunResult result : sorted) {
            String name = shortName(result.getParams().getBenchmark());
            double score = result.getPrimaryResult().getScore();
            double error = result.getPrimaryResult().getScoreError();
            if (name.equals(BASELINE)) {
                baseline = score;
                report.baseline(name + "_ops_per_s", score).baseline(name + "_error_ops_per_s", finite(error));
                continue;
            }
            if (name.equals(DESERIALIZE)) {
                deserialize = score;
            }
            report.result(name + "_ops_per_s", score).result(name + "_error_ops_per_s", finite(error));
        }
        if (deserialize != null && baseline != null) {
            report.ratio(deserialize / baseline, "deserialize ops/s ÷ JSON tree parse ops/s");
        }
        return report;
    }

    /** {@code dev.tecko.bench.jmh.Foo.bar} → {@code Foo.bar}. */
    static String shortName(String benchmark) {
        String[] parts = benchmark.split("\\.");
        return parts.length < 2 ? benchmark : parts[parts.length - 2] + "." + parts[parts.length - 1];
    }

    /** JMH reports NaN as the error of a single iteration; JSON has no NaN. */
    private static double finite(double value) {
        return Double.isFinite(value) ? value : 0;
    }
}
