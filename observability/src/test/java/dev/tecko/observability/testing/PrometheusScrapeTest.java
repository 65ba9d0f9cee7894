package dev.tecko.observability.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PrometheusScrapeTest {

    @Test
    void givenAHistogramFamily_whenParsed_thenItIsFoundByItsDocumentedNameWithItsLabels() {
        var scrape = PrometheusScrape.parse("""
                # HELP tecko_x_seconds latency
                # TYPE tecko_x_seconds histogram
                tecko_x_seconds_bucket{call="get",le="0.1"} 1
                tecko_x_seconds_count{call="get"} 2
                tecko_x_seconds_sum{call="get"} 0.25
                tecko_y_total{outcome="a \\"quoted\\" value"} 3.0
                """);

        assertThat(scrape.has("tecko_x_seconds")).isTrue();
        assertThat(scrape.labelNames("tecko_x_seconds")).containsExactly("call");
        assertThat(scrape.value("tecko_x_seconds_count", Map.of("call", "get"))).hasValue(2.0);
        assertThat(scrape.has("tecko_y")).isTrue();
        assertThat(scrape.has("tecko_z")).isFalse();
    }
}
