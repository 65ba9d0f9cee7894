package dev.tecko.dispatcher.keboola;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The parts of the Queue API's Job object the dispatcher reads. */
public record KeboolaJob(
        String id,
        String status,
        String url,
        String createdTime,
        String runId,
        String component,
        String config,
        List<String> configRowIds,
        String branchId,
        Map<String, String> variables,
        String projectId) {

    /** The Job object, or empty when the node is none (not an object, or no id): an answer to handle, not a bug. */
    public static Optional<KeboolaJob> tryParse(JsonNode job) {
        if (job == null || !job.isObject() || text(job, "id") == null || text(job, "id").isBlank()) {
            return Optional.empty();
        }
        return Optional.of(parse(job));
    }

    private static KeboolaJob parse(JsonNode job) {
        String id = text(job, "id");
        List<String> rows = new ArrayList<>();
        job.path("configRowIds").forEach(row -> rows.add(row.asText()));
        Map<String, String> variables = new LinkedHashMap<>();
        job.path("variableValuesData").path("values").forEach(v -> variables.put(v.path("name").asText(), v.path("value").asText()));
        return new KeboolaJob(id, text(job, "status"), text(job, "url"), text(job, "createdTime"), text(job, "runId"),
                text(job, "component"), text(job, "config"), List.copyOf(rows), text(job, "branchId"), variables,
                text(job.path("project"), "id"));
    }

    /**
     * Where a person sees this job: Keboola's UI, {@code <stack>/admin/projects/<project>/queue/<job id>} (the Job
     * object's own {@code url} is its API address, which a browser cannot open without a token); that API address when
     * the project is not known.
     */
    public String uiUrl(String stackUrl) {
        if (projectId == null || stackUrl == null) {
            return url;
        }
        return stackUrl.strip().replaceAll("/+$", "") + "/admin/projects/" + projectId + "/queue/" + id;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
