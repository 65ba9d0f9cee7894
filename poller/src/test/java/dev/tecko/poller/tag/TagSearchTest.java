package dev.tecko.poller.tag;

import static dev.tecko.poller.tag.TagFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tecko.schemas.BatchDiscovery;
import dev.tecko.schemas.BatchSearch;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A tagged job's search of the sandbox OpenAI's list (over loopback HTTP, on a clock the test moves). */
class TagSearchTest {
    private TagFixture f = new TagFixture(TagFixture.settings(10, 100));

    @AfterEach
    void close() {
        f.close();
    }

    private void restart(TagSettings settings) {
        f.close();
        f = new TagFixture(settings);
    }

    /** 250 batches created before the window (one a second from T0), the tagged among them too old to count. */
    private void oldBatches() {
        for (int i = 0; i < 250; i++) {
            f.create("old_" + i, i % 10 == 0 ? Map.of("run", "nightly-1") : Map.of());
            f.clock.advance(Duration.ofSeconds(1));
        }
    }

    @Test
    @DisplayName("given tagged, untagged, other-value and too-old batches when the job is searched then only its tagged batches in the window are reported, with listedUpTo = start - margin, from one page")
    void windowBound() {
        oldBatches();
        Instant since = f.clock.advance(Duration.ofSeconds(100));
        f.clock.advance(Duration.ofSeconds(1));
        f.tagged("b1");
        f.create("plain", Map.of());
        f.create("other", Map.of("run", "nightly-2"));
        f.create("otherKey", Map.of("team", "nightly-1"));
        f.tagged("b2");
        f.watch(since);
        Instant start = f.clock.advance(Duration.ofSeconds(1));

        List<BatchDiscovery> published = f.turn();

        assertThat(published).singleElement().satisfies(d -> {
            assertThat(d.batchIds()).containsExactlyInAnyOrder("b1", "b2");
            assertThat(d.listedUpTo()).isEqualTo(start.minusSeconds(10));
            assertThat(d.jobId()).isEqualTo("job-t");
            assertThat(d.jobCreatedAt()).isEqualTo(T0);
            assertThat(d.tag()).isEqualTo(TagFixture.TAG);
        });
        // the first page (100 batches, newest first) already reaches back past the window's start
        assertThat(f.sandbox.listRequests()).isEqualTo(1);
        assertThat(f.searches("found")).isEqualTo(1);
        assertThat(f.found()).isEqualTo(2);
    }

    @Test
    @DisplayName("given a window reaching further back than the page budget when searched then the tagged batches seen are reported without listedUpTo (incomplete)")
    void pageBudget() {
        restart(TagFixture.settings(10, 2));
        f.watch(T0);
        oldBatches();

        List<BatchDiscovery> published = f.turn();

        assertThat(f.sandbox.listRequests()).isEqualTo(2);
        assertThat(published).singleElement().satisfies(d -> {
            assertThat(d.listedUpTo()).isNull();
            // the two newest pages: old_50 .. old_249, every tenth tagged
            assertThat(d.batchIds()).hasSize(20).contains("old_240", "old_50").doesNotContain("old_40");
        });
        assertThat(f.searches("incomplete")).isEqualTo(1);
    }

    @Test
    @DisplayName("given batches the job holds or was told of when searched again then they are not reported again, and an open job with nothing new publishes nothing")
    void heldNotReportedAgain() {
        f.tagged("held", "new1");
        f.watch(T0, "held");
        f.clock.advance(Duration.ofSeconds(1));

        List<BatchDiscovery> first = f.turn();
        f.clock.advance(Duration.ofSeconds(60));
        List<BatchDiscovery> second = f.turn();
        f.apply(first.get(0));
        f.tagged("new2");
        f.clock.advance(Duration.ofSeconds(60));
        List<BatchDiscovery> third = f.turn();

        assertThat(first).singleElement().satisfies(d -> assertThat(d.batchIds()).containsExactly("new1"));
        assertThat(second).isEmpty();
        assertThat(third).singleElement().satisfies(d -> assertThat(d.batchIds()).containsExactly("new2"));
        assertThat(f.searches("nothing_new")).isEqualTo(1);
        assertThat(f.searches("found")).isEqualTo(2);
    }

    @Test
    @DisplayName("given an open job when searched then the next search is one poll interval later; once sealing, soon after the seal time plus the margin, and it is published once")
    void sealingCadence() {
        f.tagged("b1");
        f.watch(T0);
        f.turn().forEach(f::apply);
        assertThat(f.schedule.nextDue("job-t")).hasValue(T0.plusSeconds(60));

        f.clock.advance(Duration.ofSeconds(5));
        f.seal();
        Instant sealedAt = f.clock.instant();
        assertThat(f.schedule.nextDue("job-t")).hasValue(sealedAt.plusSeconds(10));
        f.clock.advance(Duration.ofSeconds(5));
        assertThat(f.turn()).as("not due yet").isEmpty();
        f.clock.advance(Duration.ofSeconds(5));
        List<BatchDiscovery> covering = f.turn();
        assertThat(covering).singleElement().satisfies(d -> {
            assertThat(d.batchIds()).isEmpty();
            assertThat(d.listedUpTo()).isEqualTo(sealedAt);
        });
        assertThat(f.schedule.nextDue("job-t")).hasValue(f.clock.instant().plusSeconds(1));
        f.clock.advance(Duration.ofSeconds(1));
        assertThat(f.turn()).as("its listedUpTo already covers the seal time; the processor has not applied it yet").isEmpty();

        f.apply(covering.get(0));
        assertThat(f.job().batchSearch().sealed()).isTrue();
        assertThat(f.schedule.jobCount()).isZero();
    }

    @Test
    @DisplayName("given a sealAt in the future when the open job is searched then the search after sealAt plus the margin seals it")
    void sealAtCadence() {
        Instant sealAt = T0.plusSeconds(30);
        f.put(TagFixture.job(TagFixture.SECRET, BatchSearch.open(TagFixture.TAG, T0, sealAt, null), List.of()));
        f.turn();
        assertThat(f.schedule.nextDue("job-t")).hasValue(sealAt.plusSeconds(10));

        f.clock.set(sealAt.plusSeconds(10));
        List<BatchDiscovery> covering = f.turn();

        assertThat(covering).singleElement().satisfies(d -> assertThat(d.listedUpTo()).isEqualTo(sealAt));
    }

    @Test
    @DisplayName("given a 429 during a search when it ends then it is incomplete, and it is searched again as soon as the rate limit has passed")
    void rateLimited() {
        f.tagged("b1");
        f.watch(T0);
        f.sandbox.failNext(1, 429, Duration.ofSeconds(7));

        assertThat(f.turn()).isEmpty();
        assertThat(f.searches("incomplete")).isEqualTo(1);
        assertThat(f.gate.blockedUntil(TagFixture.SECRET, f.clock.instant())).hasValue(T0.plusSeconds(7));
        assertThat(f.schedule.nextDue("job-t")).hasValue(T0.plusSeconds(7));

        f.clock.advance(Duration.ofSeconds(7));
        assertThat(f.turn()).singleElement().satisfies(d -> assertThat(d.batchIds()).containsExactly("b1"));
    }

    @Test
    @DisplayName("given a key held back by a 429 when a search is due then no request leaves before the reset, and the search comes right after it")
    void gateHonoured() {
        f.tagged("b1");
        f.watch(T0);
        f.gate.block(TagFixture.SECRET, T0.plusSeconds(5));

        assertThat(f.turn()).isEmpty();
        assertThat(f.sandbox.listRequests()).isZero();
        assertThat(f.schedule.nextDue("job-t")).hasValue(T0.plusSeconds(5));
        f.clock.advance(Duration.ofSeconds(5));
        assertThat(f.turn()).hasSize(1);
    }

    @Test
    @DisplayName("given a publication that fails when the next turn comes (at once) then the same batches are reported again: nothing lost")
    void publishRetried() {
        f.tagged("b1");
        f.watch(T0);
        f.failPublications.set(1);

        assertThat(f.turn()).isEmpty();
        assertThat(f.schedule.nextDue("job-t")).hasValue(T0);
        assertThat(f.turn()).singleElement().satisfies(d -> assertThat(d.batchIds()).containsExactly("b1"));
    }

    @Test
    @DisplayName("given a tagged job on an anthropic secret when due then no request is sent and it is not searched again")
    void otherProviderSkipped() {
        f.put(TagFixture.job(TagFixture.ANTHROPIC_SECRET, BatchSearch.open(TagFixture.TAG, T0, null, null), List.of()));

        assertThat(f.turn()).isEmpty();
        f.clock.advance(Duration.ofHours(1));
        assertThat(f.schedule.takeDue()).isEmpty();
        assertThat(f.sandbox.listRequests()).isZero();
    }

    @Test
    @DisplayName("given a secret that is not known when due then the search is an error, retried at the next interval")
    void unknownSecret() {
        f.put(TagFixture.job("nobody", BatchSearch.open(TagFixture.TAG, T0, null, null), List.of()));

        assertThat(f.turn()).isEmpty();
        assertThat(f.searches("error")).isEqualTo(1);
        assertThat(f.schedule.nextDue("job-t")).hasValue(T0.plusSeconds(60));
    }
}
