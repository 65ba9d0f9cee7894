package dev.tecko.dispatcher.runtime;

import dev.tecko.dispatcher.delivery.AttemptListener;
import dev.tecko.schemas.TriggerOutcome;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;

/** The dispatcher's counters: attempts by target and outcome, results by outcome, records sent to the DLQ. */
public final class DispatchMetrics implements AttemptListener {
    private final MeterRegistry registry;

    public DispatchMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void attempted(String targetType, String outcome) {
        registry.counter("tecko.dispatcher.attempts", "target", targetType, "outcome", outcome).increment();
    }

    public void result(TriggerOutcome outcome) {
        registry.counter("tecko.dispatcher.results", "outcome", outcome.name().toLowerCase(Locale.ROOT)).increment();
    }

    public void skipped() {
        registry.counter("tecko.dispatcher.skipped").increment();
    }

    public void deadLettered() {
        registry.counter("tecko.dispatcher.dlq").increment();
    }
}
