package dev.tecko.observability.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The metrics docs/metrics.md documents: every row of its tables whose first cell is a metric name in backticks and whose
 * columns are {@code | metric | type | labels | runtime | meaning |}. Tests compare it with a real scrape, so the document
 * cannot drift from the code.
 */
public final class MetricsCatalog {
    public record Documented(String name, String type, Set<String> labels, Set<String> runtimes, String meaning) {
    }

    private final List<Documented> metrics;

    private MetricsCatalog(List<Documented> metrics) {
        this.metrics = metrics;
    }

    /** docs/metrics.md of the repository, found from a module's directory (the working directory of its tests). */
    public static MetricsCatalog fromRepository() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("docs/metrics.md"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("docs/metrics.md not found above " + Path.of("").toAbsolutePath());
        }
        return parse(dir.resolve("docs/metrics.md"));
    }

    public static MetricsCatalog parse(Path markdown) {
        try {
            return parse(Files.readString(markdown));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static MetricsCatalog parse(String markdown) {
        List<Documented> metrics = new ArrayList<>();
        for (String line : markdown.split("\n")) {
            String trimmed = line.trim();
            if (!trimmed.startsWith("| `")) {
                continue;
            }
            String[] cells = Arrays.stream(trimmed.substring(1, trimmed.length() - 1).split("\\|")).map(String::trim).toArray(String[]::new);
            if (cells.length < 5) {
                throw new IllegalArgumentException("a metric row needs | metric | type | labels | runtime | meaning |: " + line);
            }
            metrics.add(new Documented(unquote(cells[0]), cells[1], words(cells[2]), words(cells[3]), cells[4]));
        }
        return new MetricsCatalog(metrics);
    }

    /** Backticked names, or comma-separated words; "–" or empty for none. Label values after {@code =} are dropped. */
    private static Set<String> words(String cell) {
        Set<String> words = new TreeSet<>();
        for (String part : cell.split(",")) {
            String word = unquote(part.trim());
            int eq = word.indexOf('=');
            word = (eq >= 0 ? word.substring(0, eq) : word).trim();
            if (!word.isEmpty() && !word.equals("–") && !word.equals("-")) {
                words.add(word);
            }
        }
        return words;
    }

    private static String unquote(String cell) {
        return cell.replace("`", "").trim();
    }

    public List<Documented> all() {
        return metrics;
    }

    public List<Documented> forRuntime(String runtime) {
        return metrics.stream().filter(m -> m.runtimes().contains(runtime)).toList();
    }

    /** What the document promises for {@code runtime} and the scrape lacks: a metric, or one of its labels. */
    public List<String> missingFrom(String runtime, PrometheusScrape scrape) {
        List<String> missing = new ArrayList<>();
        for (Documented metric : forRuntime(runtime)) {
            if (!scrape.has(metric.name())) {
                missing.add(metric.name());
            } else if (!scrape.labelNames(metric.name()).containsAll(metric.labels())) {
                missing.add(metric.name() + " labels " + metric.labels() + " (scraped: " + scrape.labelNames(metric.name()) + ")");
            }
        }
        return missing;
    }

    /** Sample names of the scrape starting with {@code prefix} that belong to no metric documented for {@code runtime}. */
    public Set<String> undocumentedIn(String runtime, PrometheusScrape scrape, String prefix) {
        List<Documented> documented = forRuntime(runtime);
        Set<String> undocumented = new TreeSet<>();
        for (PrometheusScrape.Sample sample : scrape.samples()) {
            if (sample.name().startsWith(prefix)
                    && documented.stream().noneMatch(d -> scrape.family(d.name()).contains(sample))) {
                undocumented.add(sample.name());
            }
        }
        return undocumented;
    }
}
