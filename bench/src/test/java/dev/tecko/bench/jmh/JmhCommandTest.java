package dev.tecko.bench.jmh;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tecko.bench.BenchCli;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JmhCommandTest {

    @Test
    void givenTheShortestRun_thenEveryHotPathBenchmarkReportsOpsPerSecondAndSerdeIsComparedWithTheTreeParse() {
        var run = BenchCli.run(Map.of(), "jmh", "--forks", "0", "--warmup-iterations", "0", "--iterations", "1", "--time", "200ms");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode json = run.json();
        assertThat(json.path("name").asText()).isEqualTo("jmh");
        assertThat(json.path("complete").asBoolean()).isTrue();
        assertThat(json.path("results").path("ObservationSerdeBenchmark.serialize_ops_per_s").asDouble()).isPositive();
        assertThat(json.path("results").path("ObservationSerdeBenchmark.deserialize_ops_per_s").asDouble()).isPositive();
        assertThat(json.path("results").path("JobMachineBenchmark.applyProgress_ops_per_s").asDouble()).isPositive();
        assertThat(json.path("results").path("JobMachineBenchmark.applyLastCompletionAndTrigger_ops_per_s").asDouble()).isPositive();
        assertThat(json.path("baseline").path("ObservationSerdeBenchmark.baselineParseTree_ops_per_s").asDouble()).isPositive();
        assertThat(json.path("ratio").asDouble()).isPositive();
        assertThat(run.out()).contains("tecko bench jmh", "deserialize ops/s ÷ JSON tree parse ops/s");
    }

    @Test
    void givenAnIncludeThatMatchesNothing_thenTheCommandFails() {
        var run = BenchCli.run(Map.of(), "jmh", "--include", "NoSuchBenchmark", "--forks", "0");
        assertThat(run.exitCode()).isNotZero();
    }

    @Test
    void givenABenchmarkName_thenItIsShortenedToClassAndMethod() {
        assertThat(JmhReport.shortName("dev.tecko.bench.jmh.JobMachineBenchmark.applyProgress"))
                .isEqualTo("JobMachineBenchmark.applyProgress");
    }
}
