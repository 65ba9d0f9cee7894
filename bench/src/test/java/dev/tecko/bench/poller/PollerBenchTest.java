package dev.tecko.bench.poller;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tecko.bench.BenchCli;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PollerBenchTest {

    @Test
    void givenOneKeysBatchesAllDue_whenBenched_thenTheListNeedsOnePagePerHundredAndTheBaselineOneGetEach() {
        var run = BenchCli.run(Map.of(), "poller", "--jobs", "30", "--batches", "5", "--rounds", "2", "--max-duration", "1m");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode json = run.json();
        assertThat(json.path("name").asText()).isEqualTo("poller");
        assertThat(json.path("complete").asBoolean()).isTrue();
        JsonNode results = json.path("results");
        // 150 batches of one key, all due: two list pages a round, nothing left for GETs
        assertThat(results.path("list_checks").asLong()).isEqualTo(300);
        assertThat(results.path("list_http_requests").asLong()).isEqualTo(4);
        assertThat(results.path("list_requests_per_batch_per_interval").asDouble()).isCloseTo(4 / 300.0,
                org.assertj.core.data.Offset.offset(1e-9));
        assertThat(results.path("get_http_requests").asLong()).isEqualTo(300);
        assertThat(results.path("get_requests_per_batch_per_interval").asDouble()).isEqualTo(1.0);
        assertThat(results.path("list_checks_per_second").asDouble()).isPositive();
        assertThat(results.path("get_checks_per_second").asDouble()).isPositive();
        assertThat(json.path("baseline").path("http_requests").asLong()).isEqualTo(300);
        assertThat(json.path("baseline").path("checks_per_second").asDouble()).isPositive();
        assertThat(json.path("ratio").asDouble()).isPositive();
        assertThat(json.path("targets")).extracting(t -> t.path("name").asText())
                .containsExactly("list_checks_per_second", "list_requests_per_batch_per_interval");
        assertThat(json.path("targets").get(1).path("met").asBoolean()).isTrue();
        assertThat(run.out()).contains("tecko bench poller", "list_checks_per_second >= 5000", "TeckoChecker");
    }

    @Test
    void givenNoTimeAtAll_whenBenched_thenItStopsByItselfAndSaysIncomplete() {
        var run = BenchCli.run(Map.of(), "poller", "--jobs", "5", "--batches", "2", "--max-duration", "0s");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.json().path("complete").asBoolean()).isFalse();
        assertThat(run.json().path("targets")).allSatisfy(t -> assertThat(t.path("met").asBoolean()).isFalse());
        assertThat(run.out()).contains("(INCOMPLETE)", "note: incomplete");
    }
}
