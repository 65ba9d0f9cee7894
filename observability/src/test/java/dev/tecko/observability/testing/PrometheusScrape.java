package dev.tecko.observability.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The samples of a Prometheus text exposition, enough to ask which metrics and labels are there and what they say. */
public final class PrometheusScrape {
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+(\\S+).*$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");
    /** What Prometheus appends to a family's name in its samples. */
    private static final List<String> SUFFIXES = List.of("", "_total", "_count", "_sum", "_bucket", "_max", "_created");

    public record Sample(String name, Map<String, String> labels, double value) {
    }

    private final List<Sample> samples;

    private PrometheusScrape(List<Sample> samples) {
        this.samples = samples;
    }

    public static PrometheusScrape parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher m = SAMPLE.matcher(line);
            if (!m.matches()) {
                throw new IllegalArgumentException("not a Prometheus sample line: " + line);
            }
            Map<String, String> labels = new LinkedHashMap<>();
            if (m.group(2) != null) {
                Matcher l = LABEL.matcher(m.group(2));
                while (l.find()) {
                    labels.put(l.group(1), l.group(2));
                }
            }
            samples.add(new Sample(m.group(1), labels, Double.parseDouble(m.group(3))));
        }
        return new PrometheusScrape(samples);
    }

    /** The samples of one family: {@code name} as documented, with whatever suffix its type adds. */
    public List<Sample> family(String name) {
        return samples.stream().filter(s -> SUFFIXES.stream().anyMatch(suffix -> s.name().equals(name + suffix))).toList();
    }

    public boolean has(String name) {
        return !family(name).isEmpty();
    }

    /** Every label name seen on the family's samples. */
    public Set<String> labelNames(String name) {
        Set<String> names = new TreeSet<>();
        family(name).forEach(s -> names.addAll(s.labels().keySet()));
        names.remove("le");
        return names;
    }

    /** The value of the one sample with exactly this name (suffix included) and these labels among its own. */
    public Optional<Double> value(String sampleName, Map<String, String> labels) {
        return samples.stream().filter(s -> s.name().equals(sampleName) && s.labels().entrySet().containsAll(labels.entrySet()))
                .map(Sample::value).reduce(Double::sum);
    }

    public List<Sample> samples() {
        return samples;
    }
}
