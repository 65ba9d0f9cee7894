package dev.tecko.bench.processor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tecko.bench.BenchCli;
import dev.tecko.embedded.EmbeddedKafka;
import dev.tecko.embedded.KafkaBrokerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaBrokerExtension.class)
class ProcessorBenchIT {

    @Test
    void givenTinySizes_whenBenched_thenEveryJobTriggersOnceAndTheReportComparesWithTheCopyBaseline(EmbeddedKafka kafka) {
        var run = BenchCli.run(kafka, "processor", "--jobs", "200", "--batches", "3", "--max-duration", "2m");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("kafka: " + kafka.bootstrapServers());
        JsonNode json = run.json();
        assertThat(json.path("name").asText()).isEqualTo("processor");
        assertThat(json.path("complete").asBoolean()).isTrue();
        assertThat(json.path("parameters").path("events").asLong()).isEqualTo(600);
        JsonNode results = json.path("results");
        assertThat(results.path("triggers_read").asLong()).isEqualTo(200);
        assertThat(results.path("distinct_jobs_triggered").asLong()).isEqualTo(200);
        assertThat(results.path("events_per_second").asDouble()).isPositive();
        assertThat(results.path("heap_used_after_gc_mib").asDouble()).isPositive();
        assertThat(results.path("rss_mib").asDouble()).isGreaterThan(results.path("heap_used_after_gc_mib").asDouble() / 4);
        assertThat(json.path("baseline").path("records").asLong()).isEqualTo(600);
        assertThat(json.path("baseline").path("records_per_second").asDouble()).isPositive();
        assertThat(json.path("ratio").asDouble()).isPositive();
        assertThat(json.path("targets")).hasSize(2);
        JsonNode ratio = json.path("targets").get(0);
        assertThat(ratio.path("name").asText()).isEqualTo("ratio_to_baseline");
        assertThat(ratio.path("actual").asDouble()).isEqualTo(json.path("ratio").asDouble());
        assertThat(ratio.has("met")).isTrue();
        // every job's snapshots on job-status, its creation's included, against its final one: coalesced, so a few at most
        assertThat(results.path("job_status_records").asLong()).isBetween(200L, 600L);
        JsonNode bytes = json.path("targets").get(1);
        assertThat(bytes.path("name").asText()).isEqualTo("job_status_bytes_to_final_snapshot");
        assertThat(bytes.path("actual").asDouble())
                .isEqualTo(results.path("job_status_bytes_to_final_snapshot_worst").asDouble()).isBetween(1.0, 3.0);
        assertThat(run.out()).contains("tecko bench processor", "events_per_second", "records_per_second", "ratio_to_baseline >= 0.500",
                "job_status_bytes_to_final_snapshot <= 3.000");
    }
}
