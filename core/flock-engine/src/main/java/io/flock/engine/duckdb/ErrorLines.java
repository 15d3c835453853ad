package io.flock.engine.duckdb;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Moves the line numbers in DuckDB's CSV reader errors ({@code CSV Error on Line: 41}) by the
 * lines that came before the file it read, so that the error of a piece names the line of the
 * whole upload. The quoted text of the line ({@code Original Line: …}) is left alone.
 */
final class ErrorLines {
    private static final Pattern LINE = Pattern.compile("(?<!Original )\\bLine: (\\d{1,18})");

    private ErrorLines() {
    }

    /** {@code message} with {@code lines} added to every line number it names. */
    static String shift(String message, long lines) {
        if (lines == 0) {
            return message;
        }
        Matcher matcher = LINE.matcher(message);
        StringBuilder shifted = new StringBuilder(message.length() + 8);
        while (matcher.find()) {
            matcher.appendReplacement(shifted, "Line: " + (Long.parseLong(matcher.group(1)) + lines));
        }
        matcher.appendTail(shifted);
        return shifted.toString();
    }
}
