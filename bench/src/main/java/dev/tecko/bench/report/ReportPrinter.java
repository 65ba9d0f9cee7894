package dev.tecko.bench.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Map;

/**
 * Renders a {@link BenchReport} twice: an aligned text table for people and one JSON object (on one line) for machines.
 * Both carry the same content; the JSON keeps full precision.
 */
public final class ReportPrinter {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ReportPrinter() {
    }

    public static String table(BenchReport report) {
        var table = new TextTable("section", "metric", "value");
        report.parameters().forEach((k, v) -> table.row("parameter", k, format(v)));
        report.results().forEach((k, v) -> table.row("result", k, format(v)));
        report.baselineResults().forEach((k, v) -> table.row("baseline", k, format(v)));
        if (report.ratio() != null) {
            table.row("ratio", report.ratioMeaning(), format(report.ratio()));
        }
        for (Target t : report.targets()) {
            String verdict = t.met() ? "MET" : "MISSED";
            table.row("target", t.name() + " " + t.comparison().symbol() + " " + format(t.threshold()),
                    (t.actual() == null ? "n/a" : format(t.actual())) + " " + verdict);
        }
        var out = new StringBuilder();
        out.append("tecko bench ").append(report.name()).append(report.complete() ? "" : " (INCOMPLETE)").append('\n');
        if (!report.environment().isEmpty()) {
            out.append(report.environment()).append('\n');
        }
        if (!report.baselineDescription().isEmpty()) {
            out.append("baseline: ").append(report.baselineDescription()).append('\n');
        }
        out.append(table.render());
        report.notes().forEach(n -> out.append("note: ").append(n).append('\n'));
        return out.toString();
    }

    public static String json(BenchReport report) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("name", report.name());
        root.put("complete", report.complete());
        root.put("environment", report.environment());
        root.set("parameters", MAPPER.valueToTree(report.parameters()));
        root.set("results", MAPPER.valueToTree(report.results()));
        root.put("baseline_description", report.baselineDescription());
        root.set("baseline", MAPPER.valueToTree(report.baselineResults()));
        if (report.ratio() != null) {
            root.put("ratio", report.ratio());
        } else {
            root.putNull("ratio");
        }
        root.put("ratio_meaning", report.ratioMeaning());
        var targets = root.putArray("targets");
        for (Target t : report.targets()) {
            ObjectNode node = targets.addObject();
            node.put("name", t.name());
            node.put("comparison", t.comparison().symbol());
            node.put("threshold", t.threshold());
            if (t.actual() == null) {
                node.putNull("actual");
            } else {
                node.put("actual", t.actual());
            }
            node.put("met", t.met());
        }
        root.set("notes", MAPPER.valueToTree(report.notes()));
        try {
            return MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the report as JSON", e);
        }
    }

    /** Whole numbers as they are, fractions to a precision that fits their size. */
    static String format(Object value) {
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            double abs = Math.abs(d);
            String pattern = abs == 0 || abs >= 1000 ? "%.0f" : abs >= 10 ? "%.1f" : "%.3f";
            return String.format(Locale.ROOT, pattern, d);
        }
        if (value instanceof Map<?, ?> map) {
            return map.toString();
        }
        return String.valueOf(value);
    }
}
