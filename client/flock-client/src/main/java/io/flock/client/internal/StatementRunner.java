package io.flock.client.internal;

import static java.util.Objects.requireNonNull;

import io.flock.client.Column;
import io.flock.client.StatementDescription;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.arrow.flight.FlightDescriptor;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.sql.FlightSqlClient.Transaction;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Runs statements. A statement that surely is a query starts in one {@code GetFlightInfo}: a plain
 * Flight SQL statement without parameters, Flock's {@code QueryWithParameters} command with them
 * (bound by the parameter types the server announced for that SQL, asked once and remembered).
 * Any other runs as a prepared statement: prepare, then {@code GetFlightInfo} with the parameters
 * for a statement that returns rows (retried while nothing was returned) or a {@code DoPut} update
 * for one that does not (never retried). Prepared statements can also be kept open and run many
 * times. Thread-safe.
 */
public final class StatementRunner {
    /** The outcome: a started query ({@code info} set) or an update count. */
    public record Outcome(FlightInfo info, Schema schema, long updateCount) {
        public boolean isQuery() {
            return info != null;
        }
    }

    /** SQL texts whose parameter types a client remembers. */
    private static final int PARAMETER_TYPES_REMEMBERED = 256;

    private final Transport transport;
    private final Retrier retrier;
    private final BufferAllocator allocator;
    private final ParameterTypes parameterTypes = new ParameterTypes(PARAMETER_TYPES_REMEMBERED);

    public StatementRunner(Transport transport, Retrier retrier, BufferAllocator allocator) {
        this.transport = requireNonNull(transport, "transport is null");
        this.retrier = requireNonNull(retrier, "retrier is null");
        this.allocator = requireNonNull(allocator, "allocator is null");
    }

    /**
     * Runs {@code sql} once, in {@code transaction} when it is not null. With {@code updateOnly}, a
     * statement that returns rows fails before it runs.
     */
    public Outcome run(String sql, List<Object> parameters, boolean updateOnly, Transaction transaction) {
        if (!updateOnly && LeadingKeyword.surelyQuery(sql)) {
            if (!parameters.isEmpty()) {
                return queryWithParameters(sql, parameters, transaction, true);
            }
            // A plain query starts in one call (no prepare/close round trips), still retried while
            // nothing was returned.
            FlightInfo info = retrier.idempotent("Starting the query", () -> transaction == null
                    ? transport.sql().execute(sql, transport.call())
                    : transport.sql().execute(sql, transaction, transport.call()));
            return started(info, new Schema(List.of()));
        }
        try (PreparedHandle handle = prepare(sql, transaction)) {
            return handle.run(List.of(parameters), updateOnly);
        }
    }

    /**
     * A query with parameters: bound by the types the server announced for {@code sql} (asked once,
     * then remembered) and started in one call. A remembered type that no longer fits (the table
     * changed) is asked again once.
     */
    private Outcome queryWithParameters(String sql, List<Object> parameters, Transaction transaction,
                                        boolean mayUseRemembered) {
        Schema remembered = mayUseRemembered ? parameterTypes.get(sql) : null;
        Schema types = remembered != null ? remembered : describeParameters(sql, transaction);
        VectorSchemaRoot bound;
        try {
            bound = ParameterBinder.bind(types, parameters, allocator);
        } catch (IllegalArgumentException e) {
            if (remembered == null) {
                throw e;
            }
            parameterTypes.forget(sql);
            return queryWithParameters(sql, parameters, transaction, false);
        }
        try (bound) {
            FlightDescriptor command = QueryWithParametersWire.descriptor(sql, transaction, bound);
            return started(retrier.idempotent("Starting the query",
                    () -> transport.flight().getInfo(command, transport.call())), new Schema(List.of()));
        } catch (RuntimeException e) {
            parameterTypes.forget(sql); // perhaps stale: the next run asks again
            throw e;
        }
    }

    private Schema describeParameters(String sql, Transaction transaction) {
        ServerPreparedStatement statement = open(sql, transaction);
        try {
            parameterTypes.put(sql, statement.parameterSchema());
            return statement.parameterSchema();
        } finally {
            closeQuietly(statement);
        }
    }

    private static Outcome started(FlightInfo info, Schema announced) {
        return new Outcome(info, info.getSchemaOptional().orElse(announced), -1);
    }

    /** Prepares {@code sql} on the server to run it many times, in {@code transaction} when it is not null. */
    public PreparedHandle prepare(String sql, Transaction transaction) {
        return new PreparedHandle(this, sql, transaction);
    }

    /**
     * Creates the server's prepared statement for {@code sql}, to run many times (retried on
     * UNAVAILABLE); bound to {@code transaction} when it is not null.
     */
    ServerPreparedStatement open(String sql, Transaction transaction) {
        return retrier.idempotent("Preparing the statement", () -> createPrepared(sql, transaction));
    }

    /**
     * Runs an open prepared statement of {@code sql} (in {@code transaction} when not null) once per
     * parameter row. A query takes exactly one row; it starts and is retried on UNAVAILABLE (nothing
     * was returned yet). An update runs exactly once, several rows as one batch the server applies
     * all or nothing; the count is the total.
     */
    Outcome execute(String sql, Transaction transaction, ServerPreparedStatement statement, List<List<Object>> rows,
                    boolean updateOnly) {
        Schema resultSchema = statement.resultSchema();
        boolean query = !resultSchema.getFields().isEmpty();
        if (query && updateOnly) {
            throw new IllegalArgumentException("The statement returns rows; run it with execute(): " + sql);
        }
        if (query && rows.size() != 1) {
            throw new IllegalArgumentException("A statement that returns rows cannot run as a batch of "
                    + rows.size() + " parameter rows: " + sql);
        }
        Schema parameterSchema = statement.parameterSchema();
        boolean bind = !parameterSchema.getFields().isEmpty() || rows.stream().anyMatch(row -> !row.isEmpty());
        try (VectorSchemaRoot parameters = bind ? ParameterBinder.bindRows(parameterSchema, rows, allocator) : null) {
            if (query) {
                // With parameters, Flock's one-call command: bind and start in one GetFlightInfo.
                FlightDescriptor command = parameters == null ? null
                        : QueryWithParametersWire.descriptor(sql, transaction, parameters);
                FlightInfo info = retrier.idempotent("Starting the query", () -> command == null
                        ? statement.query(transport.call())
                        : transport.flight().getInfo(command, transport.call()));
                // The server plans the statement again for each run: its schema is the current one,
                // even when the table changed since the statement was prepared.
                return started(info, resultSchema);
            }
            long count = retrier.once(() -> statement.update(parameters, transport.call()));
            return new Outcome(null, new Schema(List.of()), count);
        }
    }

    /** Begins a transaction on the client's database (retried on UNAVAILABLE: nothing ran yet). */
    public Transaction begin() {
        return retrier.idempotent("Beginning a transaction", () -> transport.sql().beginTransaction(transport.call()));
    }

    /** Commits {@code transaction}; never retried. */
    public void commit(Transaction transaction) {
        retrier.once(() -> {
            transport.sql().commit(transaction, transport.call());
            return null;
        });
    }

    /** Rolls {@code transaction} back; never retried. */
    public void rollback(Transaction transaction) {
        retrier.once(() -> {
            transport.sql().rollback(transaction, transport.call());
            return null;
        });
    }

    /** Closes a prepared statement on the server; failures are ignored (the server expires idle ones). */
    void close(ServerPreparedStatement statement) {
        closeQuietly(statement);
    }

    public StatementDescription describe(String sql) {
        return retrier.idempotent("Preparing the statement", () -> {
            ServerPreparedStatement statement = createPrepared(sql, null);
            try {
                return new StatementDescription(sql, columns(statement.resultSchema()),
                        columns(statement.parameterSchema()));
            } finally {
                closeQuietly(statement);
            }
        });
    }

    /** The columns of a schema, with SQL type names. */
    public static List<Column> columns(Schema schema) {
        return schema.getFields().stream()
                .map(field -> new Column(field.getName(), TypeNames.of(field), field.isNullable()))
                .collect(Collectors.toUnmodifiableList());
    }

    private ServerPreparedStatement createPrepared(String sql, Transaction transaction) {
        return ServerPreparedStatement.create(transport.flight(), allocator, sql, transaction, transport.call());
    }

    private void closeQuietly(ServerPreparedStatement statement) {
        try {
            statement.close(transport.call());
        } catch (RuntimeException e) {
            // The server drops idle handles itself (prepared-statement.idle-timeout).
        }
    }
}
