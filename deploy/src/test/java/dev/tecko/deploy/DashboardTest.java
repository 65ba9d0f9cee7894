package dev.tecko.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The dashboard's shape; whether its metrics exist is DashboardMetricsIT's question, against a running system. */
class DashboardTest {
    private static final Dashboard DASHBOARD = Dashboard.read(Repository.file("deploy/grafana/tecko-dashboard.json"));
    private static final Pattern QUANTILE_OVER_BUCKETS = Pattern.compile(
            "histogram_quantile\\(0?\\.\\d+, sum by \\(le(, \\w+)*\\) \\(rate\\(\\w+_bucket\\[\\$__rate_interval]\\)\\)\\)");

    @Test
    void givenTheDashboard_whenItsPanelsAreRead_thenEachQueriesTheChosenPrometheusAndHasAUniqueIdAndAPlace() {
        List<JsonNode> panels = DASHBOARD.panels();
        assertThat(panels).isNotEmpty().allSatisfy(panel -> {
            assertThat(panel.path("targets")).as(panel.path("title").asText()).isNotEmpty()
                    .allSatisfy(t -> assertThat(t.path("expr").asText()).isNotBlank());
            assertThat(panel.path("datasource").path("uid").asText()).isEqualTo("${datasource}");
            assertThat(panel.path("gridPos").path("x").asInt() + panel.path("gridPos").path("w").asInt()).isLessThanOrEqualTo(24);
        });
        assertThat(DASHBOARD.root().path("panels").findValues("id")).extracting(JsonNode::asInt).doesNotHaveDuplicates();
        assertThat(DASHBOARD.root().path("templating").path("list").get(0).path("query").asText()).isEqualTo("prometheus");
    }

    @Test
    void givenTheIssuesListOfQuestions_whenTheDashboardsMetricsAreRead_thenEachHasAPanel() {
        assertThat(DASHBOARD.metrics()).containsKeys(
                "tecko_jobs",                                   // jobs by status
                "tecko_triggers_emitted_total",                 // triggers
                "tecko_detection_latency_seconds_bucket",       // detection latency p50/p95/p99
                "tecko_poller_http_calls_total",                // poll requests by outcome
                "tecko_poller_http_latency_seconds_bucket",     // and their latency
                "tecko_poller_rate_limit_waits_seconds_count",  // rate-limit waits
                "tecko_dispatcher_attempts_total",              // dispatch attempts
                "resilience4j_circuitbreaker_state",            // circuit breaker state
                "tecko_dlq_records_total",                      // DLQ records
                "tecko_heartbeat_age_seconds",                  // heartbeats
                "kafka_consumer_fetch_manager_records_lag_max"); // consumer lag
    }

    @Test
    void givenEveryQuantile_whenItsExpressionIsRead_thenItAggregatesRatesOfBucketsKeepingLe() {
        List<String> quantiles = DASHBOARD.expressions().stream().filter(e -> e.contains("histogram_quantile")).toList();
        assertThat(quantiles).hasSizeGreaterThanOrEqualTo(3).allMatch(e -> QUANTILE_OVER_BUCKETS.matcher(e).matches());
        assertThat(DASHBOARD.expressions()).filteredOn(e -> e.contains("tecko_detection_latency_seconds_bucket"))
                .anyMatch(e -> e.startsWith("histogram_quantile(0.5,")).anyMatch(e -> e.startsWith("histogram_quantile(0.95,"))
                .anyMatch(e -> e.startsWith("histogram_quantile(0.99,"));
    }

    @Test
    void givenCounters_whenTheDashboardReadsThem_thenAlwaysThroughRateOrIncreaseNeverAsRawTotals() {
        assertThat(DASHBOARD.expressions()).allSatisfy(e -> {
            for (String metric : PromQl.metricNames(e)) {
                if (metric.endsWith("_total") || metric.endsWith("_count") || metric.endsWith("_sum") || metric.endsWith("_bucket")) {
                    assertThat(e).as(metric).containsPattern("(rate|increase)\\(" + metric);
                }
            }
        });
    }
}
