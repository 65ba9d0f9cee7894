package dev.tecko.poller.tag;

import static dev.tecko.poller.tag.TagFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tecko.schemas.BatchDiscovery;
import dev.tecko.schemas.BatchSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Why {@code TECKO_POLLER_TAG_LIST_LAG_SECONDS} exists: the provider's list shows a new batch late (here the sandbox's
 * list lag, 3 s). A batch created half a second before the seal command must reach the job before a discovery whose
 * listedUpTo covers the seal time does (that discovery seals the list). It does when the margin is at least the list's
 * lag, and is missed when the margin is smaller.
 */
class TagListLagTest {
    private static final Duration SANDBOX_LIST_LAG = Duration.ofSeconds(3);

    /** What the job holds when its list seals, and the discoveries it got, for a poller with this margin. */
    private record Outcome(List<String> held, List<BatchDiscovery> discoveries, Instant sealDue) {
        /** The first discovery that covers the seal time (the one that seals). */
        BatchDiscovery sealing() {
            return discoveries.stream().filter(d -> d.listedUpTo() != null && !d.listedUpTo().isBefore(sealDue)).findFirst().orElseThrow();
        }

        /** Whether {@code id} was in a discovery published no later than the sealing one. */
        boolean reportedBeforeSealing(String id) {
            for (BatchDiscovery d : discoveries) {
                if (d.batchIds().contains(id)) {
                    return true;
                }
                if (d == sealing()) {
                    return false;
                }
            }
            return false;
        }
    }

    private static Outcome sealWithMargin(int marginSeconds) {
        try (var f = new TagFixture(TagFixture.settings(marginSeconds, 100))) {
            f.sandbox.lagList(SANDBOX_LIST_LAG);
            f.tagged("early");
            f.watch(T0);
            List<BatchDiscovery> all = new ArrayList<>();
            f.turn().forEach(d -> {
                all.add(d);
                f.apply(d);
            });
            f.clock.set(T0.plusSeconds(20));
            f.tagged("late");
            f.clock.advance(Duration.ofMillis(500));
            f.seal();
            Instant sealDue = f.clock.instant();
            for (int step = 0; step < 120 && !f.job().batchSearch().sealed(); step++) {
                f.clock.advance(Duration.ofMillis(250));
                for (BatchDiscovery d : f.turn()) {
                    all.add(d);
                    f.apply(d);
                }
            }
            assertThat(f.job().batchSearch().sealed()).as("sealed within 30 s").isTrue();
            return new Outcome(f.job().batches().stream().map(BatchSnapshot::batchId).toList(), all, sealDue);
        }
    }

    @Test
    @DisplayName("given a margin at least the list's lag when the job seals then the batch created just before the seal was reported before (or with) the discovery covering the seal time")
    void marginCoversLag() {
        Outcome outcome = sealWithMargin((int) SANDBOX_LIST_LAG.toSeconds());

        assertThat(outcome.reportedBeforeSealing("late")).isTrue();
        assertThat(outcome.held()).containsExactlyInAnyOrder("early", "late");
        assertThat(outcome.sealing().listedUpTo()).isAfterOrEqualTo(outcome.sealDue());
    }

    @Test
    @DisplayName("given a margin below the list's lag when the job seals then the batch created just before the seal is missed: the list sealed without it (documents why the margin must cover the lag)")
    void marginBelowLagMisses() {
        Outcome outcome = sealWithMargin(1);

        assertThat(outcome.reportedBeforeSealing("late")).isFalse();
        assertThat(outcome.held()).containsExactly("early");
    }
}
