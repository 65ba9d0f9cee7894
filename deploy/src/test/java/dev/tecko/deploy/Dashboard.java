package dev.tecko.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** The Grafana dashboard's panels and the PromQL each one runs. */
final class Dashboard {
    private final JsonNode root;

    private Dashboard(JsonNode root) {
        this.root = root;
    }

    static Dashboard read(Path path) {
        try {
            return new Dashboard(new ObjectMapper().readTree(path.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    JsonNode root() {
        return root;
    }

    /** Panels that show data (rows only group them). */
    List<JsonNode> panels() {
        List<JsonNode> panels = new ArrayList<>();
        root.path("panels").forEach(p -> {
            if (!"row".equals(p.path("type").asText())) {
                panels.add(p);
            }
        });
        return panels;
    }

    List<String> expressions() {
        List<String> expressions = new ArrayList<>();
        panels().forEach(p -> p.path("targets").forEach(t -> expressions.add(t.path("expr").asText())));
        return expressions;
    }

    /** Every metric sample name the dashboard reads, with the titles of the panels reading it. */
    Map<String, Set<String>> metrics() {
        Map<String, Set<String>> metrics = new TreeMap<>();
        for (JsonNode panel : panels()) {
            panel.path("targets").forEach(t -> PromQl.metricNames(t.path("expr").asText())
                    .forEach(name -> metrics.computeIfAbsent(name, n -> new TreeSet<>()).add(panel.path("title").asText())));
        }
        return metrics;
    }
}
