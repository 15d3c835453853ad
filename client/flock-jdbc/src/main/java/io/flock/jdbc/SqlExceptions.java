package io.flock.jdbc;

import io.flock.client.FlockException;
import io.flock.client.FlockTimeoutException;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransactionRollbackException;
import java.sql.SQLTransientConnectionException;
import java.sql.SQLTransientException;

/**
 * Turns the SDK's {@link FlockException}s into {@link SQLException}s: the subclass is picked by the
 * class (first two characters) of the server's SQLSTATE, the SQLSTATE and the server's numeric
 * error code are kept, and the message is the server's ({@code Query failed (#id): …}).
 */
final class SqlExceptions {
    private SqlExceptions() {
    }

    /** The SQLException for a failure of the SDK. */
    static SQLException of(RuntimeException failure) {
        if (failure instanceof FlockException flock) {
            return of(flock, false);
        }
        return new SQLException(failure.getMessage() == null ? failure.toString() : failure.getMessage(),
                failure instanceof IllegalArgumentException ? "22023" : "HY000", failure);
    }

    /**
     * The SQLException for {@code failure}; {@code timedOut} when the client cancelled the query
     * because its statement's query timeout passed.
     */
    static SQLException of(FlockException failure, boolean timedOut) {
        String state = failure.sqlState();
        int code = failure.errorCode();
        String message = failure.getMessage();
        if (failure.queryId().isPresent() && !message.startsWith("Query failed")) {
            message = "Query failed (#" + failure.queryId().get() + "): " + message;
        }
        if (timedOut) {
            return new SQLTimeoutException(message + " (the statement's query timeout passed)", state, code, failure);
        }
        if (failure instanceof FlockTimeoutException) {
            return new SQLTimeoutException(message, state, code, failure);
        }
        String sqlClass = state.length() >= 2 ? state.substring(0, 2) : state;
        return switch (sqlClass) {
            case "08" -> failure.isRetryable()
                    ? new SQLTransientConnectionException(message, state, code, failure)
                    : new SQLNonTransientConnectionException(message, state, code, failure);
            case "28" -> new SQLInvalidAuthorizationSpecException(message, state, code, failure);
            case "42" -> new SQLSyntaxErrorException(message, state, code, failure);
            case "23" -> new SQLIntegrityConstraintViolationException(message, state, code, failure);
            case "22" -> new SQLDataException(message, state, code, failure);
            case "0A" -> new SQLFeatureNotSupportedException(message, state, code, failure);
            case "40" -> new SQLTransactionRollbackException(message, state, code, failure);
            case "53" -> new SQLTransientException(message, state, code, failure);
            case "57" -> failure.isRetryable()
                    ? new SQLTransientConnectionException(message, state, code, failure)
                    : new SQLException(message, state, code, failure);
            default -> failure.isRetryable()
                    ? new SQLTransientException(message, state, code, failure)
                    : new SQLException(message, state, code, failure);
        };
    }

    /** A feature the driver does not offer, named in the message. */
    static SQLFeatureNotSupportedException unsupported(String feature) {
        return new SQLFeatureNotSupportedException("The Flock JDBC driver does not support " + feature
                + " (docs/jdbc.md lists what it supports)", "0A000");
    }

    static SQLException closed(String what) {
        return new SQLNonTransientConnectionException("The " + what + " is closed", "08003");
    }
}
