package dev.tecko.dispatcher.keboola;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
        Map<String, String> variables) {

    public static KeboolaJob parse(JsonNode job) {
        String id = text(job, "id");
        if (id == null) {
            throw new IllegalArgumentException("the Job object has no id");
        }
        List<String> rows = new ArrayList<>();
        job.path("configRowIds").forEach(row -> rows.add(row.asText()));
        Map<String, String> variables = new LinkedHashMap<>();
        job.path("variableValuesData").path("values").forEach(v -> variables.put(v.path("name").asText(), v.path("value").asText()));
        return new KeboolaJob(id, text(job, "status"), text(job, "url"), text(job, "createdTime"), text(job, "runId"),
                text(job, "component"), text(job, "config"), List.copyOf(rows), text(job, "branchId"), variables);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
