package dev.tecko.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.tecko.schemas.topics.Topics;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The fuzzer's own check, without a broker: it makes records for all five topics the processor reads, and none is one the
 * processor would rightly apply ({@code Fuzz} refuses to return a record its topic's contract reads under its own key).
 * Before its wrong types skipped null fields and booleans, 133 of BadInputIT's 50,000 records were valid.
 */
class FuzzTest {
    @Test
    void givenManySeeds_whenRecordsAreMade_thenEveryTopicGetsThemAndNoneIsValid() {
        var topics = Topics.withDefaultPrefix();
        for (long seed = 0; seed < 20; seed++) {
            var random = new Random(seed);
            assertThatCode(() -> new Fuzz(random, List.of("job-1", "job-2"), topics).records(500)).as("seed " + seed)
                    .doesNotThrowAnyException();
        }
        assertThat(new Fuzz(new Random(1), List.of("job-1"), topics).records(100)).extracting(Fuzz.BadRecord::topic)
                .containsOnly(topics.jobCommands().name(), topics.batchStatus().name(), topics.triggerResults().name(),
                        topics.deliveryStatus().name(), topics.downstreamStatus().name(), topics.batchDiscovery().name());
    }
}
