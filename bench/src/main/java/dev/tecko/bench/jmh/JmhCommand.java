package dev.tecko.bench.jmh;

import dev.tecko.bench.BenchRun;
import dev.tecko.bench.DurationConverter;
import dev.tecko.bench.kafka.Deadline;
import dev.tecko.bench.report.BenchReport;
import java.time.Duration;
import java.util.Collection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

@Command(name = "jmh", mixinStandardHelpOptions = true,
        description = {"JMH micro-benchmarks of the hot paths: BatchObservation serde, the store formats (hand-written binary vs Jackson JSON, Smile, CBOR) and applying an observation to a job.",
                "Short by default; lengthen with --iterations, --time and --forks. JMH's own progress goes to stderr."})
public final class JmhCommand extends BenchRun {
    @Option(names = "--include", description = "regular expression of the benchmarks to run (default: all of tecko's)")
    String include = JmhCommand.class.getPackageName() + ".*";

    @Option(names = "--warmup-iterations", description = "(default: ${DEFAULT-VALUE})")
    int warmupIterations = 2;

    @Option(names = "--iterations", description = "measured iterations (default: ${DEFAULT-VALUE})")
    int iterations = 3;

    @Option(names = "--time", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "length of each warmup and measured iteration (default: 1s)")
    Duration time = Duration.ofSeconds(1);

    @Option(names = "--forks", description = "JVMs per benchmark; 0 runs them in this JVM (less trustworthy) (default: ${DEFAULT-VALUE})")
    int forks = 1;

    @Override
    protected BenchReport measure(Deadline deadline) throws Exception {
        var options = new OptionsBuilder()
                .include(include)
                .mode(Mode.Throughput)
                .warmupIterations(warmupIterations)
                .warmupTime(TimeValue.milliseconds(time.toMillis()))
                .measurementIterations(iterations)
                .measurementTime(TimeValue.milliseconds(time.toMillis()))
                .forks(forks)
                .shouldFailOnError(true)
                .build();
        Collection<RunResult> results = new Runner(options, OutputFormatFactory.createFormatInstance(System.err, VerboseMode.NORMAL))
                .run();
        return JmhReport.of(results, warmupIterations, iterations, time, forks);
    }
}
