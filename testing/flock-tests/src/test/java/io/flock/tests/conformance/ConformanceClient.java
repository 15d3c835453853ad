package io.flock.tests.conformance;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What {@link ConformanceSuite} needs from a client of Flock: connect, run statements, read
 * metadata, cancel, and turn the client's errors into a {@link Failure}. Values come back
 * normalized to plain Java values (see {@link Values#normalize}), so one expectation fits every client.
 */
interface ConformanceClient {
    /** Where and as whom to connect; {@code trustedCa} null means plaintext, else TLS trusting only that CA. */
    record Endpoint(String host, int port, String user, String token, Path trustedCa) {
        Endpoint withToken(String otherToken) {
            return new Endpoint(host, port, user, otherToken, trustedCa);
        }
    }

    /** A client error reduced to what the suite compares: SQLSTATE (null if the client does not expose it) and message. */
    record Failure(String sqlState, String message) {
    }

    /** Opens a session on {@code database}. Clients that connect lazily may only fail on the first statement. */
    Session connect(Endpoint endpoint, String database) throws Exception;

    /** The failure this client reports for {@code error} (thrown by any call of a session). */
    Failure failure(Throwable error);

    /** The documented differences of this client. */
    Quirks quirks();

    /** One connection. */
    interface Session extends AutoCloseable {
        /** Streams the rows of a query, each row normalized, to {@code consumer} as they arrive. */
        void forEachRow(String sql, List<Object> parameters, Consumer<List<Object>> consumer) throws Exception;

        /** Runs a statement that returns no rows and returns its update count. */
        long update(String sql, Object... parameters) throws Exception;

        /** The first cell of a query as the client's generic accessor returns it (Row.get, ResultSet.getObject), unnormalized. */
        Object rawValue(String sql) throws Exception;

        List<String> databases() throws Exception;

        List<String> tables(String database) throws Exception;

        List<String> columns(String database, String table) throws Exception;

        List<String> primaryKey(String database, String table) throws Exception;

        /** Starts a query whose first row is read on another thread. */
        Running start(String sql) throws Exception;

        @Override
        void close() throws Exception;
    }

    /** A query running on another thread. */
    interface Running {
        /** The server's query id, when the client exposes it. */
        Optional<String> queryId() throws Exception;

        /** Cancels the query from the calling thread. */
        void cancel() throws Exception;

        /** Waits for the reading thread to end and returns what it failed with (null if it did not fail). */
        Throwable awaitFailure(Duration limit) throws Exception;
    }
}
