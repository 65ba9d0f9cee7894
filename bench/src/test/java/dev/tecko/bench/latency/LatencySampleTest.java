package dev.tecko.bench.latency;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LatencySampleTest {
    private static final long MS = 1_000_000;

    @Test
    void givenWarmupAndMissingRecords_thenOnlyMeasuredRecordsThatArrivedCount() {
        long[] sent = {1 * MS, 2 * MS, 3 * MS, 4 * MS, 0};
        long[] arrived = {999 * MS, 12 * MS, 0, 34 * MS, 50 * MS};
        var sample = new LatencySample(sent, arrived, 1);

        assertThat(sample.latenciesNanos()).containsExactly(10 * MS, 30 * MS);
    }

    @Test
    void givenSendsOneMillisecondApart_thenTheOfferedRateIsAThousandPerSecond() {
        long[] sent = new long[101];
        long[] arrived = new long[101];
        for (int i = 0; i < sent.length; i++) {
            sent[i] = (i + 1) * MS;
            arrived[i] = sent[i] + 5 * MS;
        }
        Map<String, Object> described = new LinkedHashMap<>();
        new LatencySample(sent, arrived, 0).describe(described::put);

        assertThat((double) described.get("offered_rate_per_second")).isCloseTo(1000, org.assertj.core.data.Offset.offset(0.001));
        assertThat(described).containsEntry("measured", 101).containsEntry("p50_ms", 5.0).containsEntry("p99_ms", 5.0)
                .containsEntry("p99_9_ms", 5.0).containsEntry("max_ms", 5.0);
    }

    @Test
    void givenNothingArrived_thenNoPercentilesAreClaimed() {
        Map<String, Object> described = new LinkedHashMap<>();
        new LatencySample(new long[] {MS}, new long[] {0}, 0).describe(described::put);
        assertThat(described).containsEntry("measured", 0).doesNotContainKeys("p50_ms", "p99_ms");
    }
}
