package dev.tecko.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromQlTest {

    @Test
    void givenAQuantileOverBuckets_whenMetricsAreRead_thenOnlyTheBucketSeriesIsNamedNotFunctionsOrLabels() {
        assertThat(PromQl.metricNames(
                "histogram_quantile(0.95, sum by (le, runtime) (rate(tecko_detection_latency_seconds_bucket{job=~\"$job\"}[$__rate_interval])))"))
                .containsExactly("tecko_detection_latency_seconds_bucket");
    }

    @Test
    void givenABinaryExpressionWithMatchingAndStrings_whenMetricsAreRead_thenBothSidesAreNamed() {
        assertThat(PromQl.metricNames("sum(rate(tecko_poller_polls_total{outcome=~\"server_error|io_error\"}[10m])) "
                + "/ ignoring(outcome) sum(rate(tecko_poller_http_calls_total[10m])) > 0.2 and on() vector(1)"))
                .containsExactlyInAnyOrder("tecko_poller_polls_total", "tecko_poller_http_calls_total");
    }

    @Test
    void givenAGaugeWithoutFunctions_whenMetricsAreRead_thenItsNameIsFound() {
        assertThat(PromQl.metricNames("max without (instance) (tecko_heartbeat_age_seconds) offset 5m"))
                .containsExactly("tecko_heartbeat_age_seconds");
        assertThat(PromQl.metricNames("resilience4j_circuitbreaker_state{state='open'} == 1"))
                .containsExactly("resilience4j_circuitbreaker_state");
    }
}
