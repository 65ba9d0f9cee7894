package dev.tecko.schemas;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * TeckoChecker's five Keboola variables, so existing Keboola configurations keep working: the two id lists as JSON
 * arrays encoded in strings, the three counts as decimal strings.
 */
public final class KeboolaVariables {
    public static final String BATCH_IDS_COMPLETED = "batch_ids_completed";
    public static final String BATCH_IDS_FAILED = "batch_ids_failed";
    public static final String BATCH_COUNT_TOTAL = "batch_count_total";
    public static final String BATCH_COUNT_COMPLETED = "batch_count_completed";
    public static final String BATCH_COUNT_FAILED = "batch_count_failed";

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
