package io.flock.cli.format;

import io.flock.client.Column;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * A table for people: a header, a rule, columns as wide as their widest value, numbers
 * right-aligned, NULL shown as {@code NULL}, line breaks inside values shown as {@code \n}. Holds
 * the whole result in memory to measure the widths.
 */
final class AlignedFormatter implements ResultFormatter {
    private static final String NULL = "NULL";

    @Override
    public long write(List<Column> columns, Iterator<List<Object>> rows, PrintWriter out) {
        int count = columns.size();
        int[] widths = new int[count];
        boolean[] numeric = new boolean[count];
        for (int i = 0; i < count; i++) {
            widths[i] = columns.get(i).name().length();
            numeric[i] = true;
        }
        List<String[]> cells = new ArrayList<>();
        boolean[] seenValue = new boolean[count];
        while (rows.hasNext()) {
            List<Object> row = rows.next();
            String[] line = new String[count];
            for (int i = 0; i < count; i++) {
                Object value = row.get(i);
                String text = value == null ? NULL : ValueText.of(value).replace("\r", "\\r").replace("\n", "\\n");
                if (value != null) {
                    seenValue[i] = true;
                    numeric[i] &= ValueText.isNumber(value);
                }
                widths[i] = Math.max(widths[i], text.length());
                line[i] = text;
            }
            cells.add(line);
        }
        String[] header = columns.stream().map(Column::name).toArray(String[]::new);
        boolean[] left = new boolean[count];
        writeLine(out, header, widths, left);
        StringBuilder rule = new StringBuilder();
        for (int i = 0; i < count; i++) {
            rule.append(i == 0 ? "-" : "-+-").append("-".repeat(widths[i]));
        }
        out.println(rule.append('-'));
        boolean[] right = new boolean[count];
        for (int i = 0; i < count; i++) {
            right[i] = numeric[i] && seenValue[i];
        }
        for (String[] line : cells) {
            writeLine(out, line, widths, right);
        }
        return cells.size();
    }

    private static void writeLine(PrintWriter out, String[] values, int[] widths, boolean[] right) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            line.append(i == 0 ? " " : " | ");
            String padding = " ".repeat(widths[i] - values[i].length());
            line.append(right[i] ? padding + values[i] : values[i] + padding);
        }
        out.println(line.toString().stripTrailing());
    }
}
