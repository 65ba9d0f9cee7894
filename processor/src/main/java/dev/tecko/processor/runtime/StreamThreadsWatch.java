package dev.tecko.processor.runtime;

import dev.tecko.observability.health.Heartbeat;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/**
 * The processor's heartbeat: its main loop is Kafka Streams' stream threads, and a thread that turns polls its consumer.
 * Each {@link #check()} beats the {@link Heartbeat} when every stream thread's main consumer polled within
 * {@link #POLLED_WITHIN_SECONDS} (its {@code last-poll-seconds-ago} metric); a thread stuck in processing, a dead one not
 * replaced, or no threads at all (Streams stopped or failed) let the heartbeat age. Unlike a punctuator, this also beats
 * on an instance that has no tasks (more instances than partitions), which is healthy.
 */
public final class StreamThreadsWatch {
    /** The metric is whole seconds; 2 leaves room for one poll interval and the truncation. */
    static final double POLLED_WITHIN_SECONDS = 2;
    private static final String GROUP = "consumer-metrics";
    private static final String LAST_POLL = "last-poll-seconds-ago";
    /** Main consumers only: the restore consumer polls only while a store is restored. */
    private static final Pattern MAIN_CONSUMER = Pattern.compile(".*-StreamThread-\\d+-consumer");

    private final Supplier<Map<MetricName, ? extends Metric>> metrics;
    private final Heartbeat heartbeat;

    /** @param metrics the running Streams instance's metrics ({@code KafkaStreams::metrics}); empty when there is none */
    public StreamThreadsWatch(Supplier<Map<MetricName, ? extends Metric>> metrics, Heartbeat heartbeat) {
        this.metrics = metrics;
        this.heartbeat = heartbeat;
    }

    /** Beats when every stream thread polled lately; returns whether it did. */
    public boolean check() {
        List<Double> lastPolls = metrics.get().entrySet().stream()
                .filter(e -> e.getKey().group().equals(GROUP) && e.getKey().name().equals(LAST_POLL))
                .filter(e -> MAIN_CONSUMER.matcher(e.getKey().tags().getOrDefault("client-id", "")).matches())
                .map(e -> e.getValue().metricValue() instanceof Number n ? n.doubleValue() : -1.0)
                .toList();
        // -1 = never polled yet
        boolean allTurning = !lastPolls.isEmpty() && lastPolls.stream().allMatch(s -> s >= 0 && s <= POLLED_WITHIN_SECONDS);
        if (allTurning) {
            heartbeat.beat();
        }
        return allTurning;
    }
}
