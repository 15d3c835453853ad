package io.flock.cli.format;

import io.flock.client.Column;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * JSON Lines: one object per row, keys the column names in order. Numbers and booleans are JSON
 * numbers and booleans (NaN and infinities become strings), lists arrays, maps and structs
 * objects, NULL {@code null}, everything else a string of its {@link ValueText text}. Streams.
 */
final class JsonLinesFormatter implements ResultFormatter {
    @Override
    public long write(List<Column> columns, Iterator<List<Object>> rows, PrintWriter out) {
        long written = 0;
        while (rows.hasNext()) {
            List<Object> row = rows.next();
            StringBuilder line = new StringBuilder("{");
            for (int i = 0; i < columns.size(); i++) {
                if (i > 0) {
                    line.append(',');
                }
                string(line, columns.get(i).name());
                line.append(':');
                value(line, row.get(i));
            }
            out.print(line.append("}\n"));
            written++;
        }
        return written;
    }

    private static void value(StringBuilder json, Object value) {
        if (value == null) {
            json.append("null");
        }
        else if (value instanceof Boolean bool) {
            json.append(bool);
        }
        else if (value instanceof BigDecimal decimal) {
            json.append(decimal.toPlainString());
        }
        else if (value instanceof Double || value instanceof Float) {
            double number = ((Number) value).doubleValue();
            if (Double.isFinite(number)) {
                json.append(value);
            }
            else {
                string(json, value.toString());
            }
        }
        else if (value instanceof Number) {
            json.append(value);
        }
        else if (value instanceof List<?> list) {
            json.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    json.append(',');
                }
                value(json, list.get(i));
            }
            json.append(']');
        }
        else if (value instanceof Map<?, ?> map) {
            json.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!first) {
                    json.append(',');
                }
                first = false;
                string(json, String.valueOf(ValueText.of(entry.getKey())));
                json.append(':');
                value(json, entry.getValue());
            }
            json.append('}');
        }
        else {
            string(json, ValueText.of(value));
        }
    }

    private static void string(StringBuilder json, String text) {
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    }
                    else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }
}
