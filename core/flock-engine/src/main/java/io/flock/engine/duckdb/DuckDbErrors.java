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

    static FlockException toFlock(SQLException e) {
        String message = e.getMessage() == null ? "DuckDB failed without a message" : e.getMessage().strip();
        return new FlockException(codeOf(message), message, e);
    }

    static FlockException toFlock(SQLException e, String context) {
        FlockException mapped = toFlock(e);
        return new FlockException(mapped.errorCode(), context + ": " + mapped.getMessage(), e);
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
