package io.flock.cli.format;

import java.math.BigDecimal;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The text of one value as the text formats show it: ISO dates and times, hex bytes, plain decimals. */
final class ValueText {
    private ValueText() {}

    /** The text of {@code value}, or null for SQL NULL. */
    static String of(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof byte[] bytes) {
            return "\\x" + HexFormat.of().formatHex(bytes);
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(ValueText::nested).collect(Collectors.joining(", ", "[", "]"));
        }
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream()
                    .map(entry -> nested(entry.getKey()) + ": " + nested(entry.getValue()))
                    .collect(Collectors.joining(", ", "{", "}"));
        }
        return value.toString();
    }

    /** Whether the value is shown right-aligned. */
    static boolean isNumber(Object value) {
        return value instanceof Number;
    }

    private static String nested(Object value) {
        return value == null ? "NULL" : of(value);
    }
}
