package io.flock.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits SQL text into statements at {@code ;}, ignoring semicolons inside single-quoted strings,
 * double-quoted identifiers, {@code --} line comments and {@code /* *}{@code /} block comments.
 * Stateless.
 */
final class StatementSplitter {
    /**
     * The complete statements of a text and what follows the last {@code ;}.
     *
     * @param statements the statements ended by {@code ;}, trimmed, without it; those holding only
     *     comments or blanks are left out
     * @param remainder the text after the last {@code ;}, trimmed
     * @param remainderHasCode whether the remainder holds more than blanks and comments
     */
    record Split(List<String> statements, String remainder, boolean remainderHasCode) {
        Split {
            statements = List.copyOf(statements);
        }

        /** The statements plus a non-empty remainder: every statement of a script. */
        List<String> all() {
            List<String> all = new ArrayList<>(statements);
            if (remainderHasCode) {
                all.add(remainder);
            }
            return all;
        }
    }

    private StatementSplitter() {}

    static Split split(String text) {
        List<String> statements = new ArrayList<>();
        int start = 0;
        boolean hasCode = false;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            char next = i + 1 < text.length() ? text.charAt(i + 1) : 0;
            if (c == '\'' || c == '"') {
                i = closing(text, i + 1, c);
                hasCode = true;
            }
            else if (c == '-' && next == '-') {
                int end = text.indexOf('\n', i);
                i = end < 0 ? text.length() : end + 1;
            }
            else if (c == '/' && next == '*') {
                int end = text.indexOf("*/", i + 2);
                i = end < 0 ? text.length() : end + 2;
            }
            else if (c == ';') {
                if (hasCode) {
                    statements.add(text.substring(start, i).trim());
                }
                start = i + 1;
                hasCode = false;
                i++;
            }
            else {
                hasCode |= !Character.isWhitespace(c);
                i++;
            }
        }
        return new Split(statements, text.substring(start).trim(), hasCode);
    }

    /** The index after the quote that closes one opened before {@code from}; a doubled quote is part of the text. */
    private static int closing(String text, int from, char quote) {
        int i = from;
        while (i < text.length()) {
            if (text.charAt(i) == quote) {
                if (i + 1 < text.length() && text.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return text.length();
    }
}
