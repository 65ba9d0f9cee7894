package dev.tecko.bench.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A plain-text table with aligned columns: text left, the last column (the values) right-aligned. */
public final class TextTable {
    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    public TextTable(String... header) {
        this.header = List.of(header);
    }

    public TextTable row(String... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException("a row needs " + header.size() + " cells, got " + cells.length);
        }
        rows.add(List.of(cells));
        return this;
    }

    public String render() {
        int[] widths = new int[header.size()];
        for (List<String> line : lines()) {
            for (int c = 0; c < widths.length; c++) {
                widths[c] = Math.max(widths[c], line.get(c).length());
            }
        }
        var out = new StringBuilder();
        List<List<String>> lines = lines();
        for (int r = 0; r < lines.size(); r++) {
            out.append(format(lines.get(r), widths)).append('\n');
            if (r == 0) {
                out.append(rule(widths)).append('\n');
            }
        }
        return out.toString();
    }

    private List<List<String>> lines() {
        List<List<String>> all = new ArrayList<>();
        all.add(header);
        all.addAll(rows);
        return all;
    }

    private static String format(List<String> cells, int[] widths) {
        var line = new StringBuilder();
        for (int c = 0; c < widths.length; c++) {
            boolean last = c == widths.length - 1;
            String padding = " ".repeat(widths[c] - cells.get(c).length());
            line.append(last ? padding + cells.get(c) : cells.get(c) + padding);
            if (!last) {
                line.append("  ");
            }
        }
        return line.toString().stripTrailing();
    }

    private static String rule(int[] widths) {
        List<String> dashes = new ArrayList<>();
        for (int w : widths) {
            dashes.add(String.join("", Collections.nCopies(w, "-")));
        }
        return String.join("  ", dashes);
    }
}
