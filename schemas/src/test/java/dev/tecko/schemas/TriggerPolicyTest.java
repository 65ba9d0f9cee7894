package dev.tecko.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("TriggerPolicy")
class TriggerPolicyTest {

    @Test
    @DisplayName("given always when any outcome then it allows the trigger")
    void givenAlways_whenAnyOutcome_thenAllows() {
        assertThat(TriggerPolicy.ALWAYS.allowsTrigger(0, 3)).isTrue();
        assertThat(TriggerPolicy.ALWAYS.allowsTrigger(3, 3)).isTrue();
    }

    @Test
    @DisplayName("given all_completed when one batch failed then it refuses, when all completed then it allows")
    void givenAllCompleted_whenOutcomes_thenOnlyAllAllowed() {
        assertThat(TriggerPolicy.ALL_COMPLETED.allowsTrigger(2, 3)).isFalse();
        assertThat(TriggerPolicy.ALL_COMPLETED.allowsTrigger(3, 3)).isTrue();
    }

    @Test
    @DisplayName("given min_completed_ratio when counting then it needs ceil(ratio * total) completed, exactly at the boundary")
    void givenRatio_whenCounting_thenCeilingOfRatio() {
        TriggerPolicy twoThirds = TriggerPolicy.minCompletedRatio(0.66);
        assertThat(twoThirds.allowsTrigger(1, 3)).isFalse();
        assertThat(twoThirds.allowsTrigger(2, 3)).isTrue();
        TriggerPolicy half = TriggerPolicy.minCompletedRatio(0.5);
        assertThat(half.allowsTrigger(2, 4)).isTrue();
        assertThat(half.allowsTrigger(1, 4)).isFalse();
        assertThat(TriggerPolicy.minCompletedRatio(0.3).allowsTrigger(3, 10)).as("0.3 * 10 is 3.0000000000000004 in doubles").isTrue();
        assertThat(TriggerPolicy.minCompletedRatio(1.0).allowsTrigger(9, 10)).isFalse();
        assertThat(half.allowsTrigger(0, 0)).isFalse();
    }

    @Test
    @DisplayName("given an invalid ratio or a ratio on another type when constructed then the error names triggerPolicy.minCompletedRatio")
    void givenInvalidRatio_whenConstructed_thenRejected() {
        assertThatThrownBy(() -> TriggerPolicy.minCompletedRatio(0)).hasMessageStartingWith("triggerPolicy.minCompletedRatio: must be in (0, 1]");
        assertThatThrownBy(() -> TriggerPolicy.minCompletedRatio(1.01)).hasMessageStartingWith("triggerPolicy.minCompletedRatio");
        assertThatThrownBy(() -> TriggerPolicy.minCompletedRatio(Double.NaN)).hasMessageStartingWith("triggerPolicy.minCompletedRatio");
        assertThatThrownBy(() -> new TriggerPolicy(TriggerPolicy.Type.MIN_COMPLETED_RATIO, null)).hasMessage("triggerPolicy.minCompletedRatio: is required");
        assertThatThrownBy(() -> new TriggerPolicy(TriggerPolicy.Type.ALWAYS, 0.5)).hasMessageContaining("only applies to type min_completed_ratio");
        assertThatThrownBy(() -> new TriggerPolicy(null, null)).hasMessage("triggerPolicy.type: is required");
    }

    @Test
    @DisplayName("given maxFailedRequestRatio, when more than that share of requests failed, then it refuses naming the bound; at the share it allows")
    void givenMaxFailedRequestRatio_whenRequestsFailed_thenRefusedAboveOnly() {
        TriggerPolicy bounded = TriggerPolicy.ALWAYS.withMaxFailedRequestRatio(0.1);
        assertThat(bounded.refusal(3, 3, new RequestCounts(100, 90, 10))).isEmpty();
        assertThat(bounded.refusal(3, 3, new RequestCounts(100, 89, 11))).hasValueSatisfying(reason ->
                assertThat(reason).contains("maxFailedRequestRatio 0.1").contains("11 of 100 requests failed"));
        assertThat(bounded.refusal(3, 3, RequestCounts.NONE)).as("no requests known: nothing to bound").isEmpty();
        assertThat(TriggerPolicy.ALWAYS.withMaxFailedRequestRatio(0.0).refusal(1, 1, new RequestCounts(10, 9, 1))).isPresent();
        assertThat(TriggerPolicy.ALL_COMPLETED.refusal(2, 3, RequestCounts.NONE)).hasValue("trigger policy all_completed not met: 2 of 3 batches completed");
    }

    @Test
    @DisplayName("given a bound outside [0, 1], when constructed, then the error names triggerPolicy.maxFailedRequestRatio")
    void givenBoundOutOfRange_whenConstructed_thenRejected() {
        assertThatThrownBy(() -> TriggerPolicy.ALWAYS.withMaxFailedRequestRatio(1.5)).hasMessageStartingWith("triggerPolicy.maxFailedRequestRatio");
        assertThatThrownBy(() -> TriggerPolicy.ALWAYS.withMaxFailedRequestRatio(-0.1)).hasMessageStartingWith("triggerPolicy.maxFailedRequestRatio");
        assertThatThrownBy(() -> TriggerPolicy.ALWAYS.withMaxFailedRequestRatio(Double.NaN)).hasMessageStartingWith("triggerPolicy.maxFailedRequestRatio");
    }

    @Test
    @DisplayName("given token usages, when summed, then only those present count and none present is no usage at all")
    void givenUsages_whenSummed_thenAbsentIsNotZero() {
        var a = new TokenUsage(1, 2, 3, 0, 1);
        assertThat(TokenUsage.sum(java.util.Arrays.asList(a, null, a), u -> u)).isEqualTo(new TokenUsage(2, 4, 6, 0, 2));
        assertThat(TokenUsage.sum(java.util.Arrays.asList((TokenUsage) null), u -> u)).isNull();
        assertThat(new RequestCounts(Integer.MAX_VALUE, 0, 0).plus(new RequestCounts(5, 0, 0)).total())
                .as("job totals saturate rather than overflow").isEqualTo(Integer.MAX_VALUE);
    }
}
