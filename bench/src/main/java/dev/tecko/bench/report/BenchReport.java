package dev.tecko.bench.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one benchmark run found: its parameters, its results, the baseline measured in the same run, their ratio and
 * the targets. Filled in as the run goes, so a run stopped by its time bound still reports what it has (incomplete).
 */
public final class BenchReport {
    private final String name;
    private final Map<String, Object> parameters = new LinkedHashMap<>();
    private final Map<String, Object> results = new LinkedHashMap<>();
    private final Map<String, Object> baseline = new LinkedHashMap<>();
    private final Map<String, Target> targets = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();
    private String environment = "";
    private String baselineDescription = "";
    private Double ratio;
    private String ratioMeaning = "";
    private boolean complete = true;

    public BenchReport(String name) {
        this.name = name;
    }

    public BenchReport parameter(String key, Object value) {
        parameters.put(key, value);
        return this;
    }

    public BenchReport result(String key, Object value) {
        results.put(key, value);
        return this;
    }

    public BenchReport baseline(String key, Object value) {
        baseline.put(key, value);
        return this;
    }

    /** The headline comparison with the baseline, and what it divides by what. */
    public BenchReport ratio(double value, String meaning) {
        ratio = value;
        ratioMeaning = meaning;
        return this;
    }

    /**
     * Declares a target, or records its measured value: a target of the same name replaces the earlier one, so a bench
     * states its targets up front (unmeasured, i.e. missed) and fills them in as it measures.
     */
    public BenchReport target(Target target) {
        targets.put(target.name(), target);
        return this;
    }

    public BenchReport note(String note) {
        notes.add(note);
        return this;
    }

    /** What the baseline is, in words. */
    public BenchReport baselineDescription(String description) {
        baselineDescription = description;
        return this;
    }

    public String baselineDescription() {
        return baselineDescription;
    }

    /** Where the numbers were measured (which broker), so a reader can judge them. */
    public BenchReport environment(String description) {
        environment = description;
        return this;
    }

    /** The run stopped before it measured everything (time bound reached, or a step failed). */
    public BenchReport incomplete(String why) {
        complete = false;
        notes.add("incomplete: " + why);
        return this;
    }

    public String name() {
        return name;
    }

    public Map<String, Object> parameters() {
        return Collections.unmodifiableMap(parameters);
    }

    public Map<String, Object> results() {
        return Collections.unmodifiableMap(results);
    }

    public Map<String, Object> baselineResults() {
        return Collections.unmodifiableMap(baseline);
    }

    public List<Target> targets() {
        return List.copyOf(targets.values());
    }

    public List<String> notes() {
        return List.copyOf(notes);
    }

    public String environment() {
        return environment;
    }

    public Double ratio() {
        return ratio;
    }

    public String ratioMeaning() {
        return ratioMeaning;
    }

    public boolean complete() {
        return complete;
    }
}
