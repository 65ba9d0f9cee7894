package dev.tecko.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("KeboolaVariables")
class KeboolaVariablesTest {

    private static BatchOutcome outcome(String id, BatchStatus status) {
        return new BatchOutcome(id, status, null, null, null);
    }

    @Test
    @DisplayName("given mixed outcomes when variables are computed then they are TeckoChecker's five, in order, ids as JSON arrays in strings")
    void givenMixedOutcomes_whenComputed_thenTeckoCheckerVariables() {
        var variables = KeboolaVariables.of(List.of(outcome("batch_a", BatchStatus.COMPLETED), outcome("batch_b", BatchStatus.FAILED),
                outcome("batch_c", BatchStatus.COMPLETED), outcome("batch_d", BatchStatus.TIMED_OUT), outcome("batch_e", BatchStatus.EXPIRED),
                outcome("batch_f", BatchStatus.CANCELLED)));
        assertThat(variables.keySet()).containsExactly("batch_ids_completed", "batch_ids_failed", "batch_count_total",
                "batch_count_completed", "batch_count_failed");
        assertThat(variables).containsEntry("batch_ids_completed", "[\"batch_a\", \"batch_c\"]")
                .containsEntry("batch_ids_failed", "[\"batch_b\", \"batch_d\", \"batch_e\", \"batch_f\"]")
                .containsEntry("batch_count_total", "6")
                .containsEntry("batch_count_completed", "2")
                .containsEntry("batch_count_failed", "4");
    }

    @Test
    @DisplayName("given only completed batches when computed then the failed list is an empty JSON array")
    void givenAllCompleted_whenComputed_thenEmptyFailedArray() {
        var variables = KeboolaVariables.of(List.of(outcome("b1", BatchStatus.COMPLETED)));
        assertThat(variables).containsEntry(KeboolaVariables.BATCH_IDS_COMPLETED, "[\"b1\"]")
                .containsEntry(KeboolaVariables.BATCH_IDS_FAILED, "[]")
                .containsEntry(KeboolaVariables.BATCH_COUNT_FAILED, "0");
    }
}
