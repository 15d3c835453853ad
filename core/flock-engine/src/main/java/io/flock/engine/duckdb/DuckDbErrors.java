package io.flock.engine.duckdb;

import io.flock.spi.ErrorCode;
import io.flock.spi.FlockException;
import java.sql.SQLException;

/**
 * Turns DuckDB's errors into Flock's error model. DuckDB prefixes every message with its error
 * class ({@code Catalog Error: …}); the message itself is kept, since it is usually precise.
 */
final class DuckDbErrors {
    private DuckDbErrors() {
    }

    /**
     * What DuckDB's JDBC layer (duckdb_jdbc 2.0.0.1) says, instead of the cause, when a query with
     * a streaming result fails while it runs: the native code drops the result's own error.
     */
    static final String LOST_RESULT = "Invalid result set";
    static final String LOST_STREAMING_ERROR = "Invalid Input Error: " + LOST_RESULT;

    static FlockException toFlock(SQLException e) {
        String message = e.getMessage() == null ? "DuckDB failed without a message" : e.getMessage().strip();
        if (message.equals(LOST_STREAMING_ERROR)) {
            return new FlockException(ErrorCode.DATA_ERROR, "The query failed while it ran, and DuckDB did not"
                    + " report why (its JDBC layer drops the cause of a failed streaming result). Typical causes:"
                    + " a value that does not convert (CAST), a numeric overflow, an invalid function argument;"
                    + " run the query on fewer rows or without the suspect expression to find it", e);
        }
        return new FlockException(codeOf(message), message, e);
    }

    static FlockException toFlock(SQLException e, String context) {
        FlockException mapped = toFlock(e);
        return new FlockException(mapped.errorCode(), context + ": " + mapped.getMessage(), e);
    }

    /** The error code of DuckDB's {@code e}, from its message. */
    static ErrorCode codeOf(SQLException e) {
        return e.getMessage() == null ? ErrorCode.INTERNAL : codeOf(e.getMessage().strip());
    }

    static ErrorCode codeOf(String message) {
        String head = message.length() > 64 ? message.substring(0, 64) : message;
        if (head.startsWith("Parser Error")) {
            return ErrorCode.SYNTAX_ERROR;
        }
        if (head.startsWith("Catalog Error")) {
            return message.contains("already exists") ? ErrorCode.ALREADY_EXISTS : ErrorCode.NOT_FOUND;
        }
        if (head.startsWith("Constraint Error")) {
            return ErrorCode.CONSTRAINT_VIOLATION;
        }
        if (head.startsWith("Conversion Error") || head.startsWith("Invalid Input Error")
                || head.startsWith("Out of Range Error")) {
            return ErrorCode.DATA_ERROR;
        }
        if (head.startsWith("Mismatch Type Error") || head.startsWith("Type Error")) {
            return ErrorCode.TYPE_MISMATCH;
        }
        if (head.startsWith("Permission Error")) {
            return ErrorCode.PERMISSION_DENIED;
        }
        if (head.startsWith("INTERRUPT") || head.startsWith("Interrupt")) {
            return ErrorCode.QUERY_CANCELLED;
        }
        if (head.startsWith("Out of Memory Error")) {
            return ErrorCode.OUT_OF_MEMORY;
        }
        if (head.startsWith("Not implemented Error")) {
            return ErrorCode.NOT_SUPPORTED;
        }
        if (head.startsWith("TransactionContext Error") || head.startsWith("Transaction Error")) {
            return ErrorCode.TRANSACTION_CONFLICT;
        }
        if (head.startsWith("IO Error")) {
            return ErrorCode.IO_ERROR;
        }
        if (head.startsWith("INTERNAL") || head.startsWith("FATAL")) {
            return ErrorCode.INTERNAL;
        }
        return ErrorCode.INVALID_QUERY;
    }
}
