package dev.tecko.dispatcher.runtime;

import dev.tecko.dispatcher.delivery.AttemptListener;
import dev.tecko.observability.metrics.DlqMetrics;
import dev.tecko.schemas.TriggerOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;

/**
 * The dispatcher's meters: attempts by target and outcome (and their latency), results by outcome, skipped triggers,
 * records sent to the DLQ, delivery progress reports published or lost. Every name is listed in docs/metrics.md.
 */
public final class DispatchMetrics implements AttemptListener {
    private final MeterRegistry registry;
    private final DlqMetrics dlq;

    public DispatchMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.dlq = new DlqMetrics(registry);
        // at zero from the start: an alert on their rate needs the series before the first event
        dlq.counter("triggers");
        registry.counter("tecko.dispatcher.dlq");
        registry.counter("tecko.dispatcher.skipped");
        progressCounter(true);
        progressCounter(false);
    }

    @Override
    public void attempted(String targetType, String outcome) {
        registry.counter("tecko.dispatcher.attempts", "target", targetType, "outcome", outcome).increment();
    }

    @Override
    public void attempted(String targetType, String outcome, Duration took) {
        attempted(targetType, outcome);
        Timer.builder("tecko.dispatcher.attempt.latency").description("latency of one HTTP attempt at a target")
                .tag("target", targetType).tag("outcome", outcome).publishPercentileHistogram()
                .register(registry).record(took);
    }

    public void result(TriggerOutcome outcome) {
        registry.counter("tecko.dispatcher.results", "outcome", outcome.name().toLowerCase(Locale.ROOT)).increment();
    }

    public void skipped() {
        registry.counter("tecko.dispatcher.skipped").increment();
    }

    /** A {@code delivery-status} report was acknowledged by Kafka ({@code sent}) or lost ({@code failed}). */
    public void progressReported(boolean sent) {
        progressCounter(sent).increment();
    }

    private Counter progressCounter(boolean sent) {
        return Counter.builder("tecko.dispatcher.progress.reports")
                .description("delivery progress reports to delivery-status, by whether Kafka took them (best effort)")
                .tag("outcome", sent ? "sent" : "failed").register(registry);
    }

    public void deadLettered() {
        registry.counter("tecko.dispatcher.dlq").increment();
        dlq.deadLettered("triggers");
    }
}
