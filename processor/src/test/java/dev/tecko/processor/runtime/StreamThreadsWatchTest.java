package dev.tecko.processor.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tecko.embedded.openai.MutableClock;
import dev.tecko.observability.health.Heartbeat;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.junit.jupiter.api.Test;

/**
 * Which stream-thread polls count as a turn of the processor's loop. The metrics are built as Kafka names them
 * ({@code consumer-metrics / last-poll-seconds-ago}, tagged with each client's id); the real ones are read in
 * {@code ProcessorMetricsDocumentedIT}.
 */
class StreamThreadsWatchTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final Heartbeat heartbeat = new Heartbeat(clock, Duration.ofSeconds(60));
    private final Map<MetricName, Metric> metrics = new HashMap<>();
    private final StreamThreadsWatch watch = new StreamThreadsWatch(() -> metrics, heartbeat);

    private void lastPoll(String clientId, double secondsAgo) {
        var name = new MetricName("last-poll-seconds-ago", "consumer-metrics", "", Map.of("client-id", clientId));
        metrics.put(name, new Metric() {
            @Override
            public MetricName metricName() {
                return name;
            }

            @Override
            public Object metricValue() {
                return secondsAgo;
            }
        });
    }

    @Test
    void givenEveryStreamThreadPolledJustNow_whenChecked_thenTheHeartbeatBeats() {
        lastPoll("app-1-StreamThread-1-consumer", 0);
        lastPoll("app-1-StreamThread-2-consumer", 1);
        clock.advance(Duration.ofSeconds(90));

        assertThat(watch.check()).isTrue();
        assertThat(heartbeat.age()).isZero();
    }

    @Test
    void givenOneThreadStuckForTenSeconds_whenChecked_thenNoBeatAndTheHeartbeatAges() {
        lastPoll("app-1-StreamThread-1-consumer", 0);
        lastPoll("app-1-StreamThread-2-consumer", 10);
        clock.advance(Duration.ofSeconds(61));

        assertThat(watch.check()).isFalse();
        assertThat(heartbeat.check().up()).isFalse();
    }

    @Test
    void givenOnlyTheRestoreConsumerAndAThreadThatNeverPolled_whenChecked_thenNoBeat() {
        lastPoll("app-1-StreamThread-1-restore-consumer", 0);
        assertThat(watch.check()).as("the restore consumer is not the loop").isFalse();

        lastPoll("app-1-StreamThread-1-consumer", -1);
        assertThat(watch.check()).as("-1: never polled").isFalse();
    }

    @Test
    void givenNoStreamThreadsAtAll_whenChecked_thenNoBeat() {
        assertThat(watch.check()).isFalse();
    }
}
