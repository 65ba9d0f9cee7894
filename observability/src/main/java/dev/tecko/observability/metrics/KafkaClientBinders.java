package dev.tecko.observability.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;

/**
 * Binds a runtime's Kafka producers and consumers to its registry ({@code kafka_producer_*}, {@code kafka_consumer_*}).
 * A binder must be closed with its client, or its meters keep reporting a closed client: {@link #unbind} does that for a
 * client the runtime replaces, {@link #close} for all of them.
 */
public final class KafkaClientBinders implements AutoCloseable {
    private final MeterRegistry registry;
    private final List<Bound> bound = new ArrayList<>();

    private record Bound(Object client, KafkaClientMetrics metrics) {
    }

    public KafkaClientBinders(MeterRegistry registry) {
        this.registry = registry;
    }

    public synchronized <C extends Producer<?, ?>> C bind(C producer) {
        return register(producer, new KafkaClientMetrics(producer, Tags.empty()));
    }

    public synchronized <C extends Consumer<?, ?>> C bind(C consumer) {
        return register(consumer, new KafkaClientMetrics(consumer, Tags.empty()));
    }

    private <C> C register(C client, KafkaClientMetrics metrics) {
        metrics.bindTo(registry);
        bound.add(new Bound(client, metrics));
        return client;
    }

    /** Removes the meters of a client that is closed (or about to be). */
    public synchronized void unbind(Object client) {
        bound.removeIf(b -> {
            if (b.client() == client) {
                b.metrics().close();
                return true;
            }
            return false;
        });
    }

    public synchronized int size() {
        return bound.size();
    }

    @Override
    public synchronized void close() {
        bound.forEach(b -> b.metrics().close());
        bound.clear();
    }
}
