package io.flock.cli;

import io.flock.client.FlockAuthenticationException;
import io.flock.client.FlockConnectionException;
import io.flock.client.FlockException;
import java.io.PrintWriter;

/** Writes a failed statement's error the same way in scripts and in the shell, and picks the exit code. */
final class ErrorReporter {
    private ErrorReporter() {}

    /**
     * Writes the server's message, then a line with the error name, the SQLSTATE and the query id
     * (when the statement got as far as a query; errors of planning carry none), e.g.
     * {@code [NOT_FOUND, SQLSTATE 42P01, query 20261122_004512_00042_k3x9q]}.
     */
    static void report(FlockException error, PrintWriter err) {
        err.println(error.getMessage().stripTrailing());
        err.println("[" + error.errorName() + ", SQLSTATE " + error.sqlState()
                + error.queryId().map(id -> ", query " + id).orElse("") + "]");
        err.flush();
    }

    static int exitCode(FlockException error) {
        if (error instanceof FlockConnectionException || error instanceof FlockAuthenticationException) {
            return ExitCodes.CONNECTION_FAILED;
        }
        return ExitCodes.STATEMENT_FAILED;
    }
}
