package dev.tecko.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class PercentilesTest {

    @Test
    void givenOneToThousandShuffled_thenEachPercentileIsItsNearestRank() {
        long[] values = LongStream.rangeClosed(1, 1000).toArray();
        shuffle(values, new Random(7));
        var p = new Percentiles(values);

        assertThat(p.at(50)).isEqualTo(500);
        assertThat(p.at(99)).isEqualTo(990);
        assertThat(p.at(99.9)).isEqualTo(999);
        assertThat(p.max()).isEqualTo(1000);
        assertThat(p.count()).isEqualTo(1000);
    }

    @Test
    void givenFewValues_thenHighPercentilesAreTheLargestValueNotAnInterpolation() {
        var p = new Percentiles(new long[] {30, 10, 20});
        assertThat(p.at(50)).isEqualTo(20);
        assertThat(p.at(99.9)).isEqualTo(30);
        assertThat(p.at(1)).isEqualTo(10);
    }

    @Test
    void givenTheCallersArray_thenItIsLeftUnsorted() {
        long[] values = {3, 1, 2};
        new Percentiles(values);
        assertThat(values).containsExactly(3, 1, 2);
    }

    @Test
    void givenNoValuesOrAPercentOutOfRange_thenItRefuses() {
        assertThatThrownBy(() -> new Percentiles(new long[0]).at(50)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new Percentiles(new long[] {1}).at(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Percentiles(new long[] {1}).at(100.1)).isInstanceOf(IllegalArgumentException.class);
    }

    private static void shuffle(long[] values, Random random) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            long t = values[i];
            values[i] = values[j];
            values[j] = t;
        }
    }
}
