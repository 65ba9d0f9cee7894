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
}
