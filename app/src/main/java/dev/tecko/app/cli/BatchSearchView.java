package dev.tecko.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A tagged job's search for its batches ({@code batchSearch} of the API's job) as people read it: which tag and window,
 * and whether the batch list is still open, sealing or sealed, since a job triggers only once it is sealed. On the
 * API's JSON, like {@link JobView}, so a state this build does not know yet is shown as it is spelled.
 */
final class BatchSearchView {
    private BatchSearchView() {
    }

    /** {@code run=nightly-2026-12-04 (batches created since …)}; null for a job that names its batches only. */
    static String tag(JsonNode job) {
        JsonNode search = job.path("batchSearch");
        if (!search.isObject()) {
            return null;
        }
        JsonNode tag = search.path("tag");
        return JobView.text(tag, "key") + "=" + JobView.text(tag, "value") + " (batches created since " + JobView.text(search, "since") + ")";
    }

    /** {@code " (list open)"} or {@code " (list sealing)"} while more batches may still join; empty otherwise. */
    static String listNotFinal(JsonNode job) {
        String state = JobView.text(job.path("batchSearch"), "state");
        return state == null || state.equals("sealed") ? "" : " (list " + state + ")";
    }

    /**
     * Where the batch list stands, e.g. {@code sealing since 2026-12-04T03:00:00Z (waits for a search of the provider past it):
     * 3 batches found, listed up to 2026-12-04T02:59:50Z, expected 12}; null for a job without a tag.
     */
    static String state(JsonNode job) {
        JsonNode search = job.path("batchSearch");
        if (!search.isObject()) {
            return null;
        }
        String state = JobView.text(search, "state");
        String head = switch (state == null ? "" : state) {
            case "sealed" -> "sealed by " + JobView.text(search, "sealedBy") + " at " + JobView.text(search, "sealedAt");
            case "sealing" -> "sealing since " + JobView.text(search, "sealRequestedAt")
                    + " (waits for a search of the provider past it)";
            case "open" -> "open";
            default -> String.valueOf(state);
        };
        int found = job.path("counts").path("total").asInt(job.path("batches").size());
        List<String> parts = new ArrayList<>();
        parts.add(found + (found == 1 ? " batch" : " batches") + " found");
        String listed = JobView.text(search, "listedUpTo");
        parts.add(listed == null ? "not listed yet" : "listed up to " + listed);
        if (JobView.text(search, "expectedBatches") != null) {
            parts.add("expected " + JobView.text(search, "expectedBatches"));
        }
        if (JobView.text(search, "sealAt") != null && !"sealed".equals(state)) {
            parts.add("seals at " + JobView.text(search, "sealAt"));
        }
        return head + ": " + String.join(", ", parts);
    }
}
