package io.flock.cli;

import org.jline.reader.EOFError;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;
import org.jline.reader.impl.DefaultParser;

/**
 * Tells JLine when the shell's input is complete: a backslash command at once, SQL when its last
 * statement ends with {@code ;} (outside quotes and comments). Until then Enter continues the
 * statement on a new line, so a multi-line statement is edited and kept in history as one entry.
 */
final class SqlLineParser implements Parser {
    private final DefaultParser words = new DefaultParser();

    @Override
    public ParsedLine parse(String line, int cursor, ParseContext context) {
        if (context == ParseContext.ACCEPT_LINE && !isComplete(line)) {
            throw new EOFError(-1, cursor, "statement continues until ';'", ";");
        }
        return words.parse(line, cursor, context);
    }

    static boolean isComplete(String input) {
        String trimmed = input.trim();
        if (trimmed.isEmpty() || trimmed.startsWith("\\")) {
            return true;
        }
        return !StatementSplitter.split(input).remainderHasCode();
    }
}
