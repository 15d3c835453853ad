package io.flock.cli.format;

import io.flock.client.Column;
import java.io.PrintWriter;
import java.util.Iterator;
import java.util.List;

/**
 * Delimiter-separated values (CSV, TSV) with RFC 4180 quoting: a field holding the delimiter, a
 * double quote, CR or LF is enclosed in double quotes, inner double quotes doubled. NULL is an
 * empty field. Lines end with LF. Streams: one row in memory at a time.
 */
final class DelimitedFormatter implements ResultFormatter {
    private final char delimiter;
    private final boolean header;

    DelimitedFormatter(char delimiter, boolean header) {
        this.delimiter = delimiter;
        this.header = header;
    }

    @Override
    public long write(List<Column> columns, Iterator<List<Object>> rows, PrintWriter out) {
        if (header) {
            writeLine(out, columns.stream().map(Column::name).map(name -> (Object) name).toList());
        }
        long written = 0;
        while (rows.hasNext()) {
            writeLine(out, rows.next());
            written++;
        }
        return written;
    }

    private void writeLine(PrintWriter out, List<Object> values) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                line.append(delimiter);
            }
            String text = ValueText.of(values.get(i));
            if (text != null) {
                line.append(quote(text));
            }
        }
        out.print(line.append('\n'));
    }

    private String quote(String text) {
        boolean needsQuotes = text.indexOf(delimiter) >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0
                || text.indexOf('\r') >= 0;
        return needsQuotes ? '"' + text.replace("\"", "\"\"") + '"' : text;
    }
}
