package io.flock.benchmarks;

import java.util.ArrayList;
import java.util.List;

/** Renders results as a fixed-width text table (also valid Markdown). */
final class ResultTable {
    private static final List<String> HEADER = List.of("Benchmark", "Engine, client path", "Median", "Unit", "Target", "Met");

    private ResultTable() {}

    static String render(List<Result> results) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADER);
        for (Result r : results) {
            rows.add(List.of(r.benchmark(), r.path(), r.unit().format(r.value()), r.unit().label(), r.target(),
                    r.verdict().text()));
        }
        int[] widths = new int[HEADER.size()];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (int r = 0; r < rows.size(); r++) {
            appendRow(out, rows.get(r), widths);
            if (r == 0) {
                List<String> rule = new ArrayList<>();
                for (int width : widths) {
                    rule.add("-".repeat(width));
                }
                appendRow(out, rule, widths);
            }
        }
        return out.toString();
    }

    private static void appendRow(StringBuilder out, List<String> cells, int[] widths) {
        out.append('|');
        for (int i = 0; i < cells.size(); i++) {
            String cell = cells.get(i);
            boolean numeric = i == 2;
            String padding = " ".repeat(widths[i] - cell.length());
            out.append(' ').append(numeric ? padding + cell : cell + padding).append(" |");
        }
        out.append('\n');
    }
}
