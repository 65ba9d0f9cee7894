package dev.tecko.embedded.keboola;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** How the sandbox's next jobs of each configuration end, when a test or a demo wants other than success. Thread-safe. */
final class PlannedEnds {
    private static final Set<String> ENDS = Set.of("success", "warning", "error", "terminated", "cancelled");
    private final Map<String, Deque<String>> byConfig = new HashMap<>();

    synchronized void plan(String config, String status, int times) {
        if (!ENDS.contains(status)) {
            throw new IllegalArgumentException("a Keboola job ends in success, warning, error, terminated or cancelled, not " + status);
        }
        var ends = byConfig.computeIfAbsent(config, c -> new ArrayDeque<>());
        for (int i = 0; i < times; i++) {
            ends.add(status);
        }
    }

    /** How the next job of {@code config} ends: the next planned end, or success. */
    synchronized String take(String config) {
        var ends = byConfig.get(config);
        String end = ends == null ? null : ends.poll();
        return end == null ? "success" : end;
    }
}
