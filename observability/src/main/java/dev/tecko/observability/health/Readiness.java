package dev.tecko.observability.health;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tecko.schemas.json.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** A runtime's readiness: every check must pass. */
public final class Readiness {
    private final List<HealthCheck> checks = new CopyOnWriteArrayList<>();

    public Readiness add(HealthCheck check) {
        checks.add(check);
        return this;
    }

    /** Runs every check now; a check that throws counts as failing, with the exception as its detail. */
    public Report report() {
        Map<String, CheckResult> results = new LinkedHashMap<>();
        for (HealthCheck check : checks) {
            CheckResult result;
            try {
                result = check.check();
            } catch (RuntimeException e) {
                result = CheckResult.down("check failed: " + e);
            }
            results.put(check.name(), result);
        }
        return new Report(results);
    }

    /** The checks' results, in the order they were added. */
    public record Report(Map<String, CheckResult> checks) {
        public boolean up() {
            return checks.values().stream().allMatch(CheckResult::up);
        }

        /** This report with one more check's result, e.g. that the runtime is stopping. */
        public Report with(String name, CheckResult result) {
            Map<String, CheckResult> more = new LinkedHashMap<>(checks);
            more.put(name, result);
            return new Report(more);
        }

        /**
         * The probes' answer body, the same from every runtime: the overall status, each check with its detail, and
         * the failing ones named.
         */
        public ObjectNode toJson() {
            ObjectNode body = Json.mapper().createObjectNode().put("status", up() ? "UP" : "DOWN");
            ObjectNode each = body.putObject("checks");
            checks.forEach((name, result) -> each.putObject(name).put("status", result.up() ? "UP" : "DOWN")
                    .put("detail", result.detail()));
            if (!up()) {
                var names = body.putArray("failing");
                failing().forEach(names::add);
            }
            return body;
        }

        public List<String> failing() {
            return checks.entrySet().stream().filter(e -> !e.getValue().up()).map(Map.Entry::getKey).toList();
        }
    }
}
