package dev.tecko.processor.topology;

import static dev.tecko.processor.topology.Driver.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tecko.observability.metrics.RuntimeRegistry;
import dev.tecko.observability.testing.PrometheusScrape;
import dev.tecko.processor.metrics.ProcessorMetrics;
import dev.tecko.schemas.BatchStatus;
import dev.tecko.schemas.CommandType;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code tecko_detection_latency_seconds}: from the observedAt of the observation that completed a job to the wall-clock
 * moment its trigger is emitted. The driver's wall clock starts at {@link Driver#T0} and moves only when told.
 */
class DetectionLatencyTest {
    private final Driver d = new Driver();

    @AfterEach
    void close() {
        d.close();
    }

    private Timer latency() {
        return d.registry.get(ProcessorMetrics.DETECTION_LATENCY).timer();
    }

    @Test
    void givenTheLastBatchObservedAtT0_whenItArrivesThreeSecondsLaterByTheWallClock_thenThreeSecondsAreRecorded() {
        d.create("job-1", "b1", "b2");
        d.observe("job-1", "b1", BatchStatus.COMPLETED, T0.minusSeconds(30));
        assertThat(latency().count()).as("nothing is detected while a batch is open").isZero();

        d.driver.advanceWallClockTime(Duration.ofSeconds(3));
        d.observe("job-1", "b2", BatchStatus.FAILED, T0);

        assertThat(d.triggers.readValuesToList()).hasSize(1);
        assertThat(latency().count()).isEqualTo(1);
        assertThat(latency().totalTime(TimeUnit.MILLISECONDS)).isEqualTo(3000.0);
    }

    @Test
    void givenTheCompletingObservationArrivesAfterAnOlderOne_whenTriggered_thenLatencyCountsFromTheNewestObservedAt() {
        d.create("job-1", "b1", "b2");
        d.observe("job-1", "b1", BatchStatus.COMPLETED, T0.plusSeconds(10));
        d.driver.advanceWallClockTime(Duration.ofSeconds(12));

        // b2 was seen done earlier than b1, but only reaches the processor now: the job was done as of b1's observation
        d.observe("job-1", "b2", BatchStatus.COMPLETED, T0.plusSeconds(4));

        assertThat(latency().count()).isEqualTo(1);
        assertThat(latency().totalTime(TimeUnit.MILLISECONDS)).isEqualTo(2000.0);
    }

    @Test
    void givenAPausedJobWhoseBatchesAreDone_whenResumedLater_thenTheTriggerIsNotADetectionAndIsNotTimed() {
        d.create("job-1", "b1");
        d.command(CommandType.PAUSE, "job-1", T0.plusSeconds(1));
        d.observe("job-1", "b1", BatchStatus.COMPLETED, T0.plusSeconds(2));
        d.driver.advanceWallClockTime(Duration.ofHours(1));

        d.command(CommandType.RESUME, "job-1", T0.plusSeconds(3600));

        assertThat(d.triggers.readValuesToList()).hasSize(1);
        assertThat(latency().count()).as("a pause is an operator's wait, not detection latency").isZero();
    }

    @Test
    void givenALatencyOfTwoSeconds_whenScrapedByPrometheus_thenItLandsInHistogramBucketsForHistogramQuantile() {
        var prometheus = RuntimeRegistry.prometheus("processor", "test");
        new ProcessorMetrics(prometheus).detected(Duration.ofSeconds(2));

        var scrape = PrometheusScrape.parse(prometheus.scrape());

        List<PrometheusScrape.Sample> buckets = scrape.family("tecko_detection_latency_seconds").stream()
                .filter(sample -> sample.name().endsWith("_bucket")).toList();
        assertThat(buckets).hasSizeGreaterThan(10);
        assertThat(buckets).filteredOn(b -> Double.parseDouble(b.labels().get("le").replace("+Inf", "Infinity")) < 2.0)
                .allSatisfy(b -> assertThat(b.value()).isZero());
        assertThat(scrape.value("tecko_detection_latency_seconds_bucket", Map.of("le", "+Inf"))).hasValue(1.0);
    }
}
