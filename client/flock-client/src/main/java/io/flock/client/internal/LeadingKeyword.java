package io.flock.client.internal;

import java.util.Locale;
import java.util.Set;

/**
 * The first keyword of a SQL text, past whitespace and comments: enough to know that a statement
 * surely returns rows, so the client can start it in one call instead of preparing it first.
 * Anything unsure (a CTE, which may wrap an INSERT; DML with RETURNING) is not "surely".
 */
final class LeadingKeyword {
    private static final Set<String> QUERIES = Set.of("SELECT", "FROM", "VALUES", "TABLE", "SHOW", "DESCRIBE",
            "SUMMARIZE", "EXPLAIN", "PIVOT", "UNPIVOT");

    private LeadingKeyword() {
    }

    /** Whether {@code sql} starts with a keyword that only queries start with. */
    static boolean surelyQuery(String sql) {
        String keyword = of(sql);
        return keyword.equals("(") || QUERIES.contains(keyword);
    }

    /** The leading keyword in upper case, {@code "("} for a parenthesis, or "" if there is none. */
    static String of(String sql) {
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (sql.startsWith("--", i)) {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? n : end + 1;
            } else if (sql.startsWith("/*", i)) {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else {
                break;
            }
        }
        if (i < n && sql.charAt(i) == '(') {
            return "(";
        }
        int start = i;
        while (i < n && Character.isLetter(sql.charAt(i))) {
            i++;
        }
        return sql.substring(start, i).toUpperCase(Locale.ROOT);
    }
}
