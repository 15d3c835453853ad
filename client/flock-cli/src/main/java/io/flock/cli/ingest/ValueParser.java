package io.flock.cli.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Turns an input value (text from CSV, or any JSON from JSON Lines) into the Java value a row
 * setter takes for a column: numbers and booleans as written, DATE/TIME/TIMESTAMP in ISO-8601 (a
 * space may separate date and time), TIMESTAMPTZ with an offset ({@code Z}, {@code +02:00}),
 * INTERVAL in ISO-8601 ({@code P1Y2M3DT4H5M6S}), BLOB as {@code \x} followed by hex (else the
 * text's UTF-8 bytes), LIST/MAP/STRUCT as JSON (in CSV: the field's text is JSON).
 * A value that does not parse throws {@link IllegalArgumentException} naming the column.
 */
final class ValueParser {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ValueParser() {
    }

    static Object parse(Field field, JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        ArrowType type = field.getType();
        String name = field.getName();
        try {
            return switch (type.getTypeID()) {
                case Bool -> value.isBoolean() ? value.booleanValue() : bool(value.asText(), name);
                case Int -> value.isIntegralNumber() ? value.longValue() : Long.parseLong(value.asText().trim());
                case FloatingPoint -> value.isNumber() ? value.doubleValue() : Double.parseDouble(value.asText().trim());
                case Decimal -> value.isNumber() ? value.decimalValue() : new BigDecimal(value.asText().trim());
                case Utf8, LargeUtf8 -> value.isTextual() ? value.asText() : value.toString();
                case Binary, LargeBinary, FixedSizeBinary -> binary(value.asText());
                case Date -> LocalDate.parse(value.asText().trim());
                case Time -> LocalTime.parse(value.asText().trim());
                case Timestamp -> ((ArrowType.Timestamp) type).getTimezone() == null
                        ? LocalDateTime.parse(isoDateTime(value.asText()))
                        : OffsetDateTime.parse(isoDateTime(value.asText()));
                case Interval -> interval(value.asText().trim());
                case List, LargeList, FixedSizeList -> list(field, json(value));
                case Map -> map(field, json(value));
                case Struct -> struct(field, json(value));
                default -> throw new IllegalArgumentException("column '" + name + "' has the type " + type
                        + ", which flock ingest cannot fill");
            };
        } catch (NumberFormatException | DateTimeParseException | ArithmeticException e) {
            throw new IllegalArgumentException("column '" + name + "': cannot read '" + shorten(value) + "' as "
                    + kind(type) + " (" + e.getMessage() + ")");
        }
    }

    private static boolean bool(String text, String column) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true", "t", "1", "yes" -> true;
            case "false", "f", "0", "no" -> false;
            default -> throw new IllegalArgumentException("column '" + column + "': cannot read '" + text
                    + "' as BOOLEAN (use true or false)");
        };
    }

    private static byte[] binary(String text) {
        if (text.startsWith("\\x")) {
            return HexFormat.of().parseHex(text.substring(2));
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String isoDateTime(String text) {
        String trimmed = text.trim();
        return trimmed.length() > 10 && trimmed.charAt(10) == ' '
                ? trimmed.substring(0, 10) + 'T' + trimmed.substring(11) : trimmed;
    }

    private static Object interval(String text) {
        String upper = text.toUpperCase(Locale.ROOT);
        int t = upper.indexOf('T');
        Period period = t == 1 || upper.equals("P") ? Period.ZERO : Period.parse(t < 0 ? upper : upper.substring(0, t));
        Duration duration = t < 0 ? Duration.ZERO : Duration.parse("PT" + upper.substring(t + 1));
        return new Object[] {period, duration};
    }

    private static JsonNode json(JsonNode value) {
        if (!value.isTextual()) {
            return value;
        }
        try {
            return JSON.readTree(value.asText());
        } catch (IOException e) {
            throw new IllegalArgumentException("'" + shorten(value) + "' is not JSON");
        }
    }

    private static List<Object> list(Field field, JsonNode value) {
        if (!value.isArray()) {
            throw new IllegalArgumentException("column '" + field.getName() + "' is a LIST: give a JSON array");
        }
        Field element = field.getChildren().get(0);
        List<Object> out = new ArrayList<>();
        value.forEach(v -> out.add(nested(element, v)));
        return out;
    }

    private static Map<Object, Object> map(Field field, JsonNode value) {
        if (!value.isObject()) {
            throw new IllegalArgumentException("column '" + field.getName() + "' is a MAP: give a JSON object");
        }
        Field entries = field.getChildren().get(0);
        Map<Object, Object> out = new LinkedHashMap<>();
        value.fields().forEachRemaining(e -> out.put(nested(entries.getChildren().get(0),
                com.fasterxml.jackson.databind.node.TextNode.valueOf(e.getKey())), nested(entries.getChildren().get(1),
                e.getValue())));
        return out;
    }

    private static Map<String, Object> struct(Field field, JsonNode value) {
        if (!value.isObject()) {
            throw new IllegalArgumentException("column '" + field.getName() + "' is a STRUCT: give a JSON object");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Field child : field.getChildren()) {
            JsonNode v = value.get(child.getName());
            if (v != null) {
                out.put(child.getName(), nested(child, v));
            }
        }
        return out;
    }

    private static Object nested(Field field, JsonNode value) {
        Object parsed = parse(field, value);
        return parsed instanceof Object[] interval ? intervalValue(interval) : parsed;
    }

    /** A nested INTERVAL: the row API takes a Period or a Duration there, so only one of them may be non-zero. */
    private static Object intervalValue(Object[] interval) {
        Period period = (Period) interval[0];
        Duration duration = (Duration) interval[1];
        return duration.isZero() ? period : period.isZero() ? duration : period;
    }

    private static String kind(ArrowType type) {
        return switch (type.getTypeID()) {
            case Int -> "an integer";
            case FloatingPoint -> "a floating-point number";
            case Decimal -> "a decimal number";
            case Date -> "a DATE (yyyy-mm-dd)";
            case Time -> "a TIME (hh:mm:ss)";
            case Timestamp -> ((ArrowType.Timestamp) type).getTimezone() == null
                    ? "a TIMESTAMP (yyyy-mm-dd hh:mm:ss)" : "a TIMESTAMPTZ (yyyy-mm-dd hh:mm:ss+hh:mm)";
            case Interval -> "an INTERVAL (ISO-8601, e.g. P1DT2H)";
            default -> type.toString();
        };
    }

    private static String shorten(JsonNode value) {
        String text = value.isTextual() ? value.asText() : value.toString();
        return text.length() > 60 ? text.substring(0, 57) + "…" : text;
    }
}
