package dev.tecko.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tecko.deploy.ComposeFile.Service;
import dev.tecko.embedded.EmbeddedKafka;
import dev.tecko.embedded.KafkaBrokerExtension;
import dev.tecko.embedded.openai.BatchPlan;
import dev.tecko.observability.testing.MetricsCatalog;
import dev.tecko.observability.testing.PrometheusScrape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The deployment files against a running system that has done real work (a job polled, rate-limited once, triggered):
 * the dashboard's metrics exist in its scrapes, and the compose health checks pass against its ports.
 */
@ExtendWith(KafkaBrokerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunningSystemIT {
    private RunningSystem system;
    private PrometheusScrape processor;
    private PrometheusScrape poller;
    private PrometheusScrape dispatcher;

    @BeforeAll
    void runAJobThroughTheSystem(EmbeddedKafka kafka) {
        system = RunningSystem.start(Map.of("TECKO_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers()));
        // one 429 first, so the rate-limit metrics have something to show
        system.openAi().failNext(1, 429, Duration.ofSeconds(1));
        system.createJob(List.of(BatchPlan.completesAfter(Duration.ofSeconds(2), 10), BatchPlan.expiresAfter(Duration.ofSeconds(3), 5)));

        await("the job's trigger at Keboola").atMost(Duration.ofSeconds(90)).until(() -> system.keboola().received().size() == 1);
        await("the dispatcher to count its result").atMost(Duration.ofSeconds(30)).until(() -> system.dispatcherScrape()
                .value("tecko_dispatcher_results_total", Map.of("outcome", "ok")).orElse(0.0) == 1.0);
        // the Keboola job the trigger created, followed to its end (the sandbox's jobs finish in 3 s)
        await("the Keboola job's success in the processor's metrics").atMost(Duration.ofSeconds(90)).until(() -> system.processorScrape()
                .value("tecko_downstream_finished_total", Map.of("status", "success")).orElse(0.0) == 1.0);
        processor = system.processorScrape();
        poller = system.pollerScrape();
        dispatcher = system.dispatcherScrape();
    }

    @AfterAll
    void stop() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void givenTheScrapesOfEveryRuntime_whenTheDashboardsMetricsAreLookedUp_thenEachExistsOrIsDocumentedAsStillToBeAdded()
            throws IOException {
        Set<String> scraped = new TreeSet<>();
        for (PrometheusScrape scrape : List.of(processor, poller, dispatcher)) {
            scrape.samples().forEach(s -> scraped.add(s.name()));
        }
        MetricsCatalog catalog = MetricsCatalog.fromRepository();
        Map<String, Set<String>> missing = new TreeMap<>();
        List<String> pending = new ArrayList<>();
        Dashboard.read(Repository.file("deploy/grafana/tecko-dashboard.json")).metrics().forEach((metric, panels) -> {
            if (scraped.contains(metric)) {
                return;
            }
            // a row of docs/metrics.md that says "to be added" is a promise, not yet a metric: reported, not failed
            boolean promised = catalog.all().stream()
                    .anyMatch(d -> family(metric).equals(d.name()) && d.meaning().contains("to be added"));
            if (promised) {
                pending.add(metric + " (panels " + panels + ")");
            } else {
                missing.put(metric, panels);
            }
        });
        // shared metrics (heartbeat, DLQ) are in the union through the poller and dispatcher: say where the processor lags
        List<String> processorGaps = Dashboard.read(Repository.file("deploy/grafana/tecko-dashboard.json")).metrics().keySet().stream()
                .filter(metric -> catalog.all().stream().anyMatch(d -> family(metric).equals(d.name()) && d.runtimes().contains("processor")))
                .filter(metric -> !processor.has(family(metric))).toList();
        String report = "dashboard metrics not scraped yet but documented as to be added:\n  " + String.join("\n  ", pending)
                + "\ndashboard metrics docs/metrics.md assigns to the processor that its /metrics lacks:\n  "
                + String.join("\n  ", processorGaps) + "\n";
        Files.writeString(Path.of("target", "dashboard-metrics-report.txt"), report);
        System.out.println(report);

        assertThat(missing).as("dashboard metrics no runtime serves (metric -> panels); scraped: %s", scraped).isEmpty();
    }

    /** The documented family of a sample name: Prometheus adds these suffixes to histograms and summaries. */
    private static String family(String sample) {
        for (String suffix : List.of("_bucket", "_count", "_sum", "_max")) {
            if (sample.endsWith(suffix)) {
                return sample.substring(0, sample.length() - suffix.length());
            }
        }
        return sample;
    }

    @Test
    void givenTheComposeHealthChecks_whenRunAgainstTheRunningRuntimes_thenEachPassesAndFailsWhereNothingListens() throws Exception {
        var compose = ComposeFile.read(Repository.file("docker-compose.yml"));
        for (Service service : compose.services().values()) {
            var runtime = Runtime.of(service.command());
            if (runtime.isEmpty()) {
                continue;
            }
            String composePort = "/" + runtime.get().port(service.environment()) + " ";
            assertThat(run(service, composePort, "/" + system.port(runtime.get()) + " ")).as(service.name()).isZero();
            assertThat(run(service, composePort, "/1 ")).as("%s against a closed port", service.name()).isNotZero();
        }
    }

    /** Runs a service's health check command here, its port replaced: what Docker runs in the container. */
    private static int run(Service service, String port, String replacement) throws Exception {
        List<String> command = service.healthcheckArguments().stream().map(a -> a.replace(port, replacement)).toList();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(process.waitFor(15, TimeUnit.SECONDS)).as("health check ended: %s", command).isTrue();
        return process.exitValue();
    }
}
