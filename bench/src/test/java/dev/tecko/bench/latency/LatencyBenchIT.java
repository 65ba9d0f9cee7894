package dev.tecko.bench.latency;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tecko.bench.BenchCli;
import dev.tecko.embedded.EmbeddedKafka;
import dev.tecko.embedded.KafkaBrokerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaBrokerExtension.class)
class LatencyBenchIT {

    @Test
    void givenASteadyRate_whenBenched_thenEveryMeasuredTriggerHasALatencyAndThePercentilesAreOrdered(EmbeddedKafka kafka) {
        var run = BenchCli.run(kafka, "latency", "--rate", "100", "--duration", "2s", "--warmup", "1s", "--batches", "2",
                "--max-duration", "2m");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode json = run.json();
        assertThat(json.path("name").asText()).isEqualTo("latency");
        assertThat(json.path("complete").asBoolean()).isTrue();
        assertThat(json.path("parameters").path("jobs").asInt()).isEqualTo(300);
        for (JsonNode side : new JsonNode[] {json.path("results"), json.path("baseline")}) {
            assertThat(side.path("measured").asInt()).as("warm-up excluded, every other job measured").isEqualTo(200);
            assertThat(side.path("offered_rate_per_second").asDouble()).isBetween(80.0, 120.0);
            double p50 = side.path("p50_ms").asDouble();
            assertThat(p50).isPositive();
            assertThat(side.path("p99_ms").asDouble()).isGreaterThanOrEqualTo(p50);
            assertThat(side.path("p99_9_ms").asDouble()).isGreaterThanOrEqualTo(side.path("p99_ms").asDouble());
            assertThat(side.path("max_ms").asDouble()).isGreaterThanOrEqualTo(side.path("p99_9_ms").asDouble());
        }
        assertThat(json.path("ratio").asDouble()).isPositive();
        assertThat(json.path("targets")).singleElement().satisfies(target -> {
            assertThat(target.path("name").asText()).isEqualTo("p99_ms");
            assertThat(target.path("actual").asDouble()).isEqualTo(json.path("results").path("p99_ms").asDouble());
        });
        assertThat(run.out()).contains("tecko bench latency", "p99_9_ms", "p99_ms <= 150");
    }
}
