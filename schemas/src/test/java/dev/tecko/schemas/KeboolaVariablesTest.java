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

    @Test
    @DisplayName("given extended, when computed, then TeckoChecker's five come first unchanged and the four extended ones follow, file ids escaped as JSON")
    void givenExtended_whenComputed_thenNineVariablesWithEscapedFileIds() throws Exception {
        var batches = List.of(
                new BatchOutcome("b1", BatchStatus.COMPLETED, new RequestCounts(10, 9, 1), "file-\"odd\\id", "file-err", new TokenUsage(100, 20, 120, 0, 0), null),
                new BatchOutcome("b2", BatchStatus.EXPIRED, new RequestCounts(5, 2, 0), null, null, null, null));
        var variables = KeboolaVariables.extended(batches);

        assertThat(variables.keySet()).containsExactly("batch_ids_completed", "batch_ids_failed", "batch_count_total",
                "batch_count_completed", "batch_count_failed", "batch_output_file_ids", "batch_error_file_ids",
                "batch_request_counts", "batch_tokens_total");
        assertThat(variables).containsAllEntriesOf(KeboolaVariables.of(batches));
        var outputs = dev.tecko.schemas.json.Json.mapper().readTree(variables.get(KeboolaVariables.BATCH_OUTPUT_FILE_IDS));
        assertThat(outputs.get("b1").asText()).as("a provider's odd file id survives as JSON").isEqualTo("file-\"odd\\id");
        assertThat(outputs.has("b2")).isFalse();
        assertThat(variables.get(KeboolaVariables.BATCH_ERROR_FILE_IDS)).isEqualTo("{\"b1\":\"file-err\"}");
        assertThat(variables.get(KeboolaVariables.BATCH_REQUEST_COUNTS))
                .isEqualTo("{\"b1\":{\"total\":10,\"completed\":9,\"failed\":1},\"b2\":{\"total\":5,\"completed\":2,\"failed\":0}}");
        assertThat(variables.get(KeboolaVariables.BATCH_TOKENS_TOTAL)).isEqualTo("120");
        assertThat(KeboolaVariables.extended(List.of(outcome("b3", BatchStatus.FAILED))))
                .as("no batch reported usage: an empty value, not 0").containsEntry(KeboolaVariables.BATCH_TOKENS_TOTAL, "");
    }

    @Test
    @DisplayName("given a completed batch whose every request failed, then it is flagged, and the default variables still count it by status")
    void givenEveryRequestFailed_whenComputed_thenFlaggedButCountedByStatus() {
        var allFailed = new BatchOutcome("b1", BatchStatus.COMPLETED, new RequestCounts(3, 0, 3), null, null);
        assertThat(allFailed.allRequestsFailed()).isTrue();
        assertThat(new BatchOutcome("b2", BatchStatus.FAILED, new RequestCounts(3, 0, 3), null, null).allRequestsFailed())
                .as("only a completed batch is flagged").isNull();
        assertThat(new BatchOutcome("b3", BatchStatus.COMPLETED, new RequestCounts(0, 0, 0), null, null).allRequestsFailed())
                .as("no requests known is not every request failed").isNull();
        assertThat(KeboolaVariables.of(List.of(allFailed))).containsEntry(KeboolaVariables.BATCH_COUNT_COMPLETED, "1");
    }
}
