package dev.tecko.poller.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tecko.schemas.BatchStatus;
import dev.tecko.schemas.JobStatus;
import dev.tecko.schemas.RequestCounts;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class IntervalPolicyTest {
    private final IntervalPolicy policy = new IntervalPolicy(10);

    @Test
    void givenNoExplicitBounds_whenBounded_thenQuarterAndFourTimesClampedTo10sAnd24h() {
        var b = policy.bounds(Snapshots.job("j", JobStatus.ACTIVE, 120, "k", "b"));
        assertThat(b).isEqualTo(new IntervalPolicy.Bounds(Duration.ofSeconds(30), Duration.ofSeconds(120), Duration.ofSeconds(480)));
        var small = policy.bounds(Snapshots.job("j", JobStatus.ACTIVE, 10, "k", "b"));
        assertThat(small.min()).isEqualTo(Duration.ofSeconds(10));
        var large = policy.bounds(Snapshots.job("j", JobStatus.ACTIVE, 86_400, "k", "b"));
        assertThat(large.max()).isEqualTo(Duration.ofHours(24));
    }

    @Test
    void givenBatchStates_whenAsked_thenSoonerNearTheEndLaterWhileValidatingSlowestWhenRefused() {
        var b = policy.bounds(Snapshots.job("j", JobStatus.ACTIVE, 120, "k", "b"));
        assertThat(policy.forBatch(b, BatchStatus.PENDING, RequestCounts.NONE, false)).isEqualTo(Duration.ofSeconds(120));
        assertThat(policy.forBatch(b, BatchStatus.VALIDATING, RequestCounts.NONE, false)).isEqualTo(Duration.ofSeconds(240));
        assertThat(policy.forBatch(b, BatchStatus.IN_PROGRESS, new RequestCounts(100, 50, 0), false)).isEqualTo(Duration.ofSeconds(120));
        assertThat(policy.forBatch(b, BatchStatus.IN_PROGRESS, new RequestCounts(100, 85, 5), false)).isEqualTo(Duration.ofSeconds(30));
        assertThat(policy.forBatch(b, BatchStatus.FINALIZING, RequestCounts.NONE, false)).isEqualTo(Duration.ofSeconds(30));
        assertThat(policy.forBatch(b, BatchStatus.IN_PROGRESS, RequestCounts.NONE, true)).isEqualTo(Duration.ofSeconds(480));
    }

    @Test
    void givenAValidatingBatchOfAJobWithATightMax_whenAsked_thenTheMaxHolds() {
        var job = new dev.tecko.schemas.JobSnapshot(1, "j", "n", JobStatus.ACTIVE, 1, java.util.List.of(
                dev.tecko.schemas.BatchSnapshot.pending("b")), null, "k",
                dev.tecko.schemas.TriggerTarget.webhook("https://example.com/hook", "w"), 60, 20, 90, null, null, null,
                java.time.Instant.EPOCH, java.time.Instant.EPOCH, null, 0);
        var b = policy.bounds(job);
        assertThat(b.min()).isEqualTo(Duration.ofSeconds(20));
        assertThat(policy.forBatch(b, BatchStatus.VALIDATING, RequestCounts.NONE, false)).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void givenAMinimumBelowTheContract_whenBounded_thenTimeIsCompressedProportionally() {
        var b = new IntervalPolicy(1).bounds(Snapshots.job("j", JobStatus.ACTIVE, 10, "k", "b"));
        assertThat(b.base()).isEqualTo(Duration.ofSeconds(1));
        assertThat(b.max()).isEqualTo(Duration.ofSeconds(4));
        assertThatThrownBy(() -> new IntervalPolicy(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
