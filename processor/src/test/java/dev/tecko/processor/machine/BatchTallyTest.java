package dev.tecko.processor.machine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tecko.schemas.BatchCounts;
import dev.tecko.schemas.BatchSnapshot;
import dev.tecko.schemas.BatchStatus;
import dev.tecko.schemas.RequestCounts;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The header's counts, kept in step one batch at a time, against the reference: counting every batch of the job
 * ({@link BatchCounts#of}), after each of many random changes, terminal to terminal and back to open included.
 */
class BatchTallyTest {
    @Test
    void givenRandomChangesOfOneBatchAtATime_thenTheTallyEqualsCountingEveryBatch() {
        long seed = Long.getLong("tecko.random.seed", System.nanoTime());
        var random = new Random(seed);
        BatchStatus[] statuses = BatchStatus.values();
        for (int run = 0; run < 200; run++) {
            int n = 1 + random.nextInt(30);
            List<BatchSnapshot> batches = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                batches.add(BatchSnapshot.pending("b" + i));
            }
            BatchCounts tally = BatchCounts.of(batches);
            for (int step = 0; step < 100; step++) {
                int i = random.nextInt(n);
                BatchStatus before = batches.get(i).status();
                BatchStatus after = statuses[random.nextInt(statuses.length)];
                batches.set(i, new BatchSnapshot("b" + i, after, RequestCounts.NONE, null, null, List.of(), null, null));
                tally = BatchTally.moved(tally, before, after);
                assertThat(tally).as("seed %d (-Dtecko.random.seed), run %d, step %d", seed, run, step)
                        .isEqualTo(BatchCounts.of(batches));
            }
        }
    }
}
