package dev.tecko.bench.scale;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tecko.bench.BenchCli;
import dev.tecko.embedded.EmbeddedKafka;
import dev.tecko.embedded.KafkaBrokerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaBrokerExtension.class)
class ScaleBenchIT {

    @Test
    void givenTwoThousandJobs_whenBenched_thenMemoryStateRestoreAndFailoverAreAllMeasured(EmbeddedKafka kafka) {
        var run = BenchCli.run(kafka, "scale", "--jobs", "2000", "--max-duration", "3m");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode json = run.json();
        assertThat(json.path("name").asText()).isEqualTo("scale");
        assertThat(json.path("complete").asBoolean()).isTrue();
        JsonNode results = json.path("results");
        assertThat(results.path("jobs_applied_per_second").asDouble()).isPositive();
        assertThat(results.path("heap_used_after_gc_mib").asDouble()).isPositive();
        assertThat(results.path("heap_held_by_processor_mib").isNumber()).isTrue();
        assertThat(results.path("rss_mib").asDouble()).isPositive();
        // 2,000 jobs of 10 batches take well over a megabyte in RocksDB
        assertThat(results.path("state_dir_mib").asDouble()).isGreaterThan(1.0);
        assertThat(results.path("restore_s").asDouble()).isPositive();
        assertThat(results.path("standby_caught_up_s").asDouble()).isPositive();
        assertThat(results.path("failover_s").asDouble()).isPositive();
        assertThat(json.path("baseline").path("heap_used_after_gc_mib").asDouble()).isPositive();
        assertThat(json.path("targets")).extracting(t -> t.path("name").asText())
                .containsExactly("heap_held_by_processor_mib", "restore_s");
        assertThat(json.path("targets")).allSatisfy(t -> assertThat(t.path("actual").isNumber()).isTrue());
        assertThat(run.out()).contains("tecko bench scale", "restore_s <= 60", "failover_s");
    }
}
