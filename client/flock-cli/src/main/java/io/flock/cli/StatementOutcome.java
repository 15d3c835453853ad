package io.flock.cli;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;

/**
 * What one successful statement did.
 *
 * @param queryId the server's query id; empty for a statement that returns no rows
 * @param returnedRows whether it was a query (then {@code rows} were returned) or DML/DDL ({@code rows} changed)
 * @param rows rows returned or changed
 * @param elapsed from sending the statement to its last row
 */
record StatementOutcome(Optional<String> queryId, boolean returnedRows, long rows, Duration elapsed) {
    StatementOutcome {
        requireNonNull(queryId, "queryId is null");
        requireNonNull(elapsed, "elapsed is null");
    }

    /** The status line of the shell, e.g. {@code (2 rows, 15 ms)} or {@code (3 rows changed, 4 ms)}. */
    String summary() {
        String noun = rows == 1 ? "row" : "rows";
        return "(" + rows + " " + noun + (returnedRows ? "" : " changed") + ", " + formatElapsed(elapsed) + ")";
    }

    static String formatElapsed(Duration elapsed) {
        long millis = elapsed.toMillis();
        if (millis < 1000) {
            return millis + " ms";
        }
        return String.format("%.2f s", elapsed.toNanos() / 1e9);
    }
}
