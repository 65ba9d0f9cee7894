package dev.tecko.observability.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Binds a {@link KafkaStreams} instance's metrics (its threads, tasks, state stores and embedded clients) to a registry.
 * In its own class because kafka-streams is an optional dependency of this module: the poller and dispatcher do not
 * carry it, and only the processor loads this class.
 */
public final class KafkaStreamsBinder {
    private KafkaStreamsBinder() {
    }

    /** Close the returned binder when the streams instance closes. */
    public static AutoCloseable bind(KafkaStreams streams, MeterRegistry registry) {
        var metrics = new KafkaStreamsMetrics(streams, Tags.empty());
        metrics.bindTo(registry);
        return metrics::close;
    }
}
