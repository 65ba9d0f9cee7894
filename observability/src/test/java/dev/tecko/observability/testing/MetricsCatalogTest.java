package dev.tecko.observability.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MetricsCatalogTest {
    private static final String DOC = """
            # Metrics
            | metric | type | labels | runtime | meaning |
            |---|---|---|---|---|
            | `tecko_poller_polls_total` | counter | `outcome` | poller | checks by outcome: changed / unchanged |
            | `tecko_heartbeat_age_seconds` | gauge | `runtime` | poller, dispatcher | time since the last loop |
            | `tecko_jobs` | gauge | `status=active` | processor | jobs by status |
            | `tecko_triggers_emitted_total` | counter | – | processor | triggers |
            """;

    @Test
    void givenTheMetricsTable_whenParsed_thenEachRowGivesNameTypeLabelsAndRuntimes() {
        var catalog = MetricsCatalog.parse(DOC);

        assertThat(catalog.all()).hasSize(4);
        assertThat(catalog.forRuntime("poller")).extracting(MetricsCatalog.Documented::name)
                .containsExactly("tecko_poller_polls_total", "tecko_heartbeat_age_seconds");
        assertThat(catalog.forRuntime("dispatcher")).singleElement().satisfies(m -> {
            assertThat(m.type()).isEqualTo("gauge");
            assertThat(m.labels()).containsExactly("runtime");
        });
        assertThat(catalog.forRuntime("processor")).extracting(MetricsCatalog.Documented::labels)
                .containsExactly(java.util.Set.of("status"), java.util.Set.of());
    }

    @Test
    void givenAScrapeLackingALabelAndHoldingAnUndocumentedMetric_whenCompared_thenBothAreReported() {
        var catalog = MetricsCatalog.parse(DOC);
        var scrape = PrometheusScrape.parse("""
                tecko_poller_polls_total{runtime="poller"} 1.0
                tecko_heartbeat_age_seconds{runtime="poller"} 0.1
                tecko_poller_secret_metric_total{runtime="poller"} 1.0
                """);

        assertThat(catalog.missingFrom("poller", scrape)).singleElement().asString()
                .startsWith("tecko_poller_polls_total labels [outcome]");
        assertThat(catalog.undocumentedIn("poller", scrape, "tecko_")).containsExactly("tecko_poller_secret_metric_total");
    }

    @Test
    void givenTheRepositorysDocument_whenRead_thenEveryRuntimeHasMetricsDocumented() {
        var catalog = MetricsCatalog.fromRepository();

        for (String runtime : new String[] {"processor", "poller", "dispatcher"}) {
            assertThat(catalog.forRuntime(runtime)).as(runtime).isNotEmpty();
        }
    }
}
