package dev.tecko.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class ReportPrinterTest {

    private static BenchReport measured() {
        return new BenchReport("demo").environment("kafka: somewhere")
                .baselineDescription("a plain copy")
                .parameter("jobs", 100)
                .result("events_per_second", 1234.5678)
                .baseline("records_per_second", 2469.1356)
                .ratio(0.5, "events/s ÷ records/s")
                .target(Target.atLeast("ratio_to_baseline", 0.5, null))
                .target(Target.atLeast("ratio_to_baseline", 0.5, 0.5))
                .target(Target.atMost("p99_ms", 150, 151.0));
    }

    @Test
    void givenAMeasuredReport_thenTheTableShowsEverySectionAndEachTargetsVerdict() {
        String table = ReportPrinter.table(measured());

        assertThat(table).startsWith("tecko bench demo\nkafka: somewhere\nbaseline: a plain copy\n");
        assertThat(table).contains("parameter", "jobs", "100", "events_per_second", "1235", "records_per_second",
                "events/s ÷ records/s", "0.500");
        assertThat(table).containsPattern("ratio_to_baseline >= 0\\.500 +0\\.500 MET");
        assertThat(table).containsPattern("p99_ms <= 150\\.0 +151\\.0 MISSED");
        assertThat(table).doesNotContain("INCOMPLETE");
    }

    @Test
    void givenAMeasuredReport_thenTheJsonCarriesTheSameContentAtFullPrecision() throws Exception {
        JsonNode json = new ObjectMapper().readTree(ReportPrinter.json(measured()));

        assertThat(json.path("name").asText()).isEqualTo("demo");
        assertThat(json.path("complete").asBoolean()).isTrue();
        assertThat(json.path("parameters").path("jobs").asInt()).isEqualTo(100);
        assertThat(json.path("results").path("events_per_second").asDouble()).isEqualTo(1234.5678);
        assertThat(json.path("baseline").path("records_per_second").asDouble()).isEqualTo(2469.1356);
        assertThat(json.path("baseline_description").asText()).isEqualTo("a plain copy");
        assertThat(json.path("ratio").asDouble()).isEqualTo(0.5);
        assertThat(json.path("targets")).hasSize(2);
        assertThat(json.path("targets").get(0).path("met").asBoolean()).as("a later value replaces the unmeasured target").isTrue();
        assertThat(json.path("targets").get(1).path("comparison").asText()).isEqualTo("<=");
        assertThat(json.path("targets").get(1).path("met").asBoolean()).isFalse();
    }

    @Test
    void givenARunStoppedEarly_thenBothOutputsSayIncompleteAndUnmeasuredTargetsAreMissed() throws Exception {
        var report = new BenchReport("demo").target(Target.atMost("restore_s", 60, null)).incomplete("time is up");

        assertThat(ReportPrinter.table(report)).contains("tecko bench demo (INCOMPLETE)", "n/a MISSED", "note: incomplete: time is up");
        JsonNode json = new ObjectMapper().readTree(ReportPrinter.json(report));
        assertThat(json.path("complete").asBoolean()).isFalse();
        assertThat(json.path("ratio").isNull()).isTrue();
        assertThat(json.path("targets").get(0).path("actual").isNull()).isTrue();
        assertThat(json.path("targets").get(0).path("met").asBoolean()).isFalse();
    }
}
