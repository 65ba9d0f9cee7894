package dev.tecko.schemas;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.tecko.schemas.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * TeckoChecker's five Keboola variables, so existing Keboola configurations keep working: the two id lists as JSON
 * arrays encoded in strings, the three counts as decimal strings. A job that asks for {@code variables: extended} gets
 * {@link #extended} instead: the same five and four more, so the Keboola job can fetch the batches' files before they
 * expire without asking OpenAI which they are.
 */
public final class KeboolaVariables {
    public static final String BATCH_IDS_COMPLETED = "batch_ids_completed";
    public static final String BATCH_IDS_FAILED = "batch_ids_failed";
    public static final String BATCH_COUNT_TOTAL = "batch_count_total";
    public static final String BATCH_COUNT_COMPLETED = "batch_count_completed";
    public static final String BATCH_COUNT_FAILED = "batch_count_failed";
    /** Extended: batch id to output file id, as a JSON object, for the batches that have one. */
    public static final String BATCH_OUTPUT_FILE_IDS = "batch_output_file_ids";
    /** Extended: batch id to error file id, as a JSON object, for the batches that have one. */
    public static final String BATCH_ERROR_FILE_IDS = "batch_error_file_ids";
    /** Extended: batch id to its request counts ({@code total}, {@code completed}, {@code failed}), as a JSON object. */
    public static final String BATCH_REQUEST_COUNTS = "batch_request_counts";
    /** Extended: the total tokens of the batches that reported usage, decimal; empty when none did. */
    public static final String BATCH_TOKENS_TOTAL = "batch_tokens_total";

    private KeboolaVariables() {
    }

    public static Map<String, String> of(List<BatchOutcome> batches) {
        List<String> completed = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (BatchOutcome b : batches) {
            (b.status().isCompleted() ? completed : failed).add(b.batchId());
        }
        var variables = new LinkedHashMap<String, String>();
        variables.put(BATCH_IDS_COMPLETED, jsonArray(completed));
        variables.put(BATCH_IDS_FAILED, jsonArray(failed));
        variables.put(BATCH_COUNT_TOTAL, Integer.toString(batches.size()));
        variables.put(BATCH_COUNT_COMPLETED, Integer.toString(completed.size()));
        variables.put(BATCH_COUNT_FAILED, Integer.toString(failed.size()));
        return variables;
    }

    /** TeckoChecker's five and the extended four. */
    public static Map<String, String> extended(List<BatchOutcome> batches) {
        var variables = new LinkedHashMap<>(of(batches));
        var outputs = new LinkedHashMap<String, String>();
        var errors = new LinkedHashMap<String, String>();
        var counts = new LinkedHashMap<String, RequestCounts>();
        for (BatchOutcome b : batches) {
            if (b.outputFileId() != null) {
                outputs.put(b.batchId(), b.outputFileId());
            }
            if (b.errorFileId() != null) {
                errors.put(b.batchId(), b.errorFileId());
            }
            counts.put(b.batchId(), b.requestCounts());
        }
        variables.put(BATCH_OUTPUT_FILE_IDS, json(outputs));
        variables.put(BATCH_ERROR_FILE_IDS, json(errors));
        variables.put(BATCH_REQUEST_COUNTS, json(counts));
        TokenUsage usage = TokenUsage.sum(batches, BatchOutcome::usage);
        variables.put(BATCH_TOKENS_TOTAL, usage == null ? "" : Long.toString(usage.totalTokens()));
        return variables;
    }

    /** File ids are the provider's text: written by Jackson, so any character is escaped as JSON needs. */
    private static String json(Map<String, ?> value) {
        try {
            return Json.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("strings and counts always serialize", e);
        }
    }

    /** Batch ids are restricted to {@code [A-Za-z0-9_.:-]}, so no escaping is ever needed. */
    private static String jsonArray(List<String> ids) {
        var sb = new StringBuilder("[");
        for (int i = 0; i < ids.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append('"').append(ids.get(i)).append('"');
        }
        return sb.append(']').toString();
    }
}
