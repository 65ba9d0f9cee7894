package dev.tecko.observability.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code tecko_dlq_records_total{source}}: records a runtime sent to the {@code dlq} topic, by the topic they came from,
 * so one alert covers every runtime.
 */
public final class DlqMetrics {
    public static final String NAME = "tecko.dlq.records";

    private final MeterRegistry registry;

    public DlqMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** @param source the role of the topic the record came from, e.g. {@code triggers} (not its prefixed name) */
    public void deadLettered(String source) {
        counter(source).increment();
    }

    /** Registers the series at zero, so a dashboard shows 0 rather than nothing before the first bad record. */
    public Counter counter(String source) {
        return Counter.builder(NAME).description("records sent to the dlq topic, by source topic").tag("source", source)
                .register(registry);
    }
}
