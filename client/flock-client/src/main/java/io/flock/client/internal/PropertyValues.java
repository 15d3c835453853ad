package io.flock.client.internal;

import io.flock.client.ClientProperty;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the text of a {@link ClientProperty} into its Java value, by the property's kind. */
public final class PropertyValues {
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    private PropertyValues() {
    }

    /**
     * The value of {@code text} for {@code property}: String, Integer, Boolean, Duration, Path or
     * Map of headers.
     *
     * @throws IllegalArgumentException naming the property and the bad value
     */
    public static Object parse(ClientProperty property, String text) {
        String value = text.trim();
        return switch (property.kind()) {
            case TEXT, SECRET -> value;
            case PORT -> parseInt(property, value, 1, 65535);
            case POSITIVE_INT -> parseInt(property, value, 1, Integer.MAX_VALUE);
            case BOOLEAN -> parseBoolean(property, value);
            case DURATION -> parseDuration(property, value);
            case PATH -> Path.of(value);
            case HEADERS -> parseHeaders(property, value);
        };
    }

    /** A duration such as {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 1d}. */
    public static Duration parseDuration(ClientProperty property, String value) {
        Matcher m = DURATION.matcher(value.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw invalid(property, value, "a duration such as 500ms, 30s, 5m or 2h");
        }
        long amount = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
    }

    /** Renders a duration the way {@link #parseDuration} reads it. */
    public static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis % 3_600_000 == 0 && millis > 0) {
            return millis / 3_600_000 + "h";
        }
        if (millis % 60_000 == 0 && millis > 0) {
            return millis / 60_000 + "m";
        }
        if (millis % 1000 == 0) {
            return millis / 1000 + "s";
        }
        return millis + "ms";
    }

    private static int parseInt(ClientProperty property, String value, int min, int max) {
        try {
            int parsed = Integer.parseInt(value);
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw invalid(property, value, "an integer from " + min + " to " + max);
    }

    private static boolean parseBoolean(ClientProperty property, String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw invalid(property, value, "true or false");
        };
    }

    private static Map<String, String> parseHeaders(ClientProperty property, String value) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String pair : value.split(";")) {
            if (pair.isBlank()) {
                continue;
            }
            int equals = pair.indexOf('=');
            if (equals <= 0) {
                throw invalid(property, value, "name=value pairs separated by ';'");
            }
            headers.put(decode(pair.substring(0, equals).trim()).toLowerCase(Locale.ROOT),
                    decode(pair.substring(equals + 1).trim()));
        }
        return headers;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    private static IllegalArgumentException invalid(ClientProperty property, String value, String expected) {
        String shown = property.kind() == ClientProperty.Kind.SECRET ? "<redacted>" : "'" + value + "'";
        return new IllegalArgumentException(
                "Client property '" + property.key() + "' must be " + expected + ", but is " + shown);
    }
}
