package dev.tecko.observability.health;

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

        public List<String> failing() {
            return checks.entrySet().stream().filter(e -> !e.getValue().up()).map(Map.Entry::getKey).toList();
        }
    }
}
