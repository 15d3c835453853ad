package io.flock.flight;

import io.flock.engine.query.Session;
import io.flock.engine.worker.PreparedShape;
import io.flock.spi.ErrorCode;
import io.flock.spi.FlockException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Prepared statements of all clients, by handle. A handle belongs to the user who created it;
 * the statement is re-checked by the engine whenever it runs. Handles idle longer than the
 * configured time are dropped, so clients that never close them cannot leak memory.
 */
final class PreparedStatements {
    /** Open handles allowed at once, so that clients that never close them cannot exhaust memory. */
    static final int MAX_OPEN = 100_000;
    private final Map<String, Prepared> statements = new ConcurrentHashMap<>();
    private final long idleNanos;

    PreparedStatements(Duration idleTimeout) {
        this.idleNanos = idleTimeout.toNanos();
    }

    /** One prepared statement and the parameter rows last bound to it. */
    static final class Prepared {
        final String handle;
        final Session session;
        final String sql;
        final PreparedShape shape;
        final Optional<String> transactionId;
        volatile List<List<Object>> parameters = List.of();
        volatile long lastUsedNanos = System.nanoTime();

        Prepared(String handle, Session session, String sql, PreparedShape shape, Optional<String> transactionId) {
            this.handle = handle;
            this.session = session;
            this.sql = sql;
            this.shape = shape;
            this.transactionId = transactionId;
        }

        /** The first bound row, or none for a statement without parameters. */
        List<Object> firstRow() {
            List<List<Object>> rows = parameters;
            return rows.isEmpty() ? List.of() : rows.get(0);
        }
    }

    Prepared add(Session session, String sql, PreparedShape shape, Optional<String> transactionId) {
        evictIdle();
        if (statements.size() >= MAX_OPEN) {
            throw new FlockException(ErrorCode.TOO_MANY_QUERIES, MAX_OPEN + " prepared statements are open on this"
                    + " server; close the ones you no longer use (ClosePreparedStatement)");
        }
        String handle = UUID.randomUUID().toString();
        Prepared prepared = new Prepared(handle, session, sql, shape, transactionId);
        statements.put(handle, prepared);
        return prepared;
    }

    Prepared get(byte[] handle, String user) {
        Prepared prepared = statements.get(new String(handle, StandardCharsets.UTF_8));
        if (prepared == null || !prepared.session.principal().user().equals(user)) {
            throw new FlockException(ErrorCode.STATEMENT_NOT_FOUND, "Prepared statement '"
                    + new String(handle, StandardCharsets.UTF_8) + "' does not exist or was closed");
        }
        prepared.lastUsedNanos = System.nanoTime();
        return prepared;
    }

    void remove(byte[] handle, String user) {
        Prepared prepared = get(handle, user);
        statements.remove(prepared.handle);
    }

    int size() {
        return statements.size();
    }

    private void evictIdle() {
        long now = System.nanoTime();
        statements.values().removeIf(p -> now - p.lastUsedNanos > idleNanos);
    }
}
