package io.flock.cli.format;

import io.flock.client.Column;
import java.io.PrintWriter;
import java.util.Iterator;
import java.util.List;

/**
 * A GitHub-flavoured Markdown table: {@code |} in values escaped, line breaks as {@code <br>},
 * NULL shown as {@code NULL}. Columns are not padded, so it streams.
 */
final class MarkdownFormatter implements ResultFormatter {
    @Override
    public long write(List<Column> columns, Iterator<List<Object>> rows, PrintWriter out) {
        StringBuilder header = new StringBuilder("|");
        StringBuilder rule = new StringBuilder("|");
        for (Column column : columns) {
            header.append(' ').append(escape(column.name())).append(" |");
            rule.append(" --- |");
        }
        out.println(header);
        out.println(rule);
        long written = 0;
        while (rows.hasNext()) {
            StringBuilder line = new StringBuilder("|");
            for (Object value : rows.next()) {
                line.append(' ').append(value == null ? "NULL" : escape(ValueText.of(value))).append(" |");
            }
            out.println(line);
            written++;
        }
        return written;
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("|", "\\|").replace("\r\n", "<br>").replace("\n", "<br>")
                .replace("\r", "<br>");
    }
}
