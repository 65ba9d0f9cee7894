package dev.tecko.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tecko.deploy.ComposeFile.Service;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** deploy/prometheus/prometheus.yml against docker-compose.yml: every runtime scraped where it serves /metrics. */
class PrometheusConfigTest {
    private static final ComposeFile COMPOSE = ComposeFile.read(Repository.file("docker-compose.yml"));

    private static List<Map<String, Object>> scrapeConfigs() throws IOException {
        try (Reader reader = Files.newBufferedReader(Repository.file("deploy/prometheus/prometheus.yml"))) {
            Map<String, Object> config = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
            @SuppressWarnings("unchecked")
            var jobs = (List<Map<String, Object>>) config.get("scrape_configs");
            return jobs;
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> targets(Map<String, Object> job) {
        return ((List<Map<String, Object>>) job.get("static_configs")).stream()
                .flatMap(c -> ((List<String>) c.get("targets")).stream()).toList();
    }

    @Test
    void givenTheComposeRuntimes_whenPrometheusTargetsAreRead_thenEachRuntimeIsScrapedOnItsMetricsPortAndNothingElse() throws IOException {
        Set<String> expected = new TreeSet<>();
        for (Service service : COMPOSE.services().values()) {
            Runtime.of(service.command()).ifPresent(r -> expected.add(service.name() + ":" + r.port(service.environment())));
        }
        Set<String> scraped = new TreeSet<>();
        for (Map<String, Object> job : scrapeConfigs()) {
            assertThat(job.getOrDefault("metrics_path", "/metrics")).isEqualTo("/metrics");
            scraped.addAll(targets(job));
        }
        assertThat(scraped).isEqualTo(expected);
    }

    @Test
    void givenTheProcessorsScrapeJob_whenItsAuthorizationIsRead_thenItSendsTheTokenFileThePrometheusServiceWritesFromItsEnvFile()
            throws IOException {
        Map<String, Object> processors = scrapeConfigs().stream()
                .filter(job -> targets(job).stream().anyMatch(t -> t.startsWith("processor"))).findFirst().orElseThrow();
        @SuppressWarnings("unchecked")
        var authorization = (Map<String, Object>) processors.get("authorization");
        assertThat(authorization).containsEntry("type", "Bearer");
        String tokenFile = (String) authorization.get("credentials_file");

        Service prometheus = COMPOSE.service("prometheus");
        assertThat(String.join(" ", prometheus.command())).contains("\"$$TECKO_API_TOKEN\" > " + tokenFile);
        assertThat(prometheus.envFiles()).containsExactly("deploy/api-token.env");
        assertThat(prometheus.volumes()).anyMatch(v -> v.startsWith("./deploy/prometheus/prometheus.yml:"));
    }
}
