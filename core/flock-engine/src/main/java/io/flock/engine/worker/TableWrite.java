package io.flock.engine.worker;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * Where and how a write of Arrow rows goes ({@link Worker#prepareAppend}): a table of the database
 * the write runs on, and what each row does to it. Create it with {@link #into},
 * {@link #upsertInto}, {@link #changesInto} or {@link #create}; names are DuckDB identifiers as written by the user,
 * quoted by the worker.
 *
 * @param schema the table's schema, usually {@code main}
 * @param table the table's name
 * @param operation what the rows do
 * @param stream the position of an ingest stream recorded in the same transaction, if any
 *     ({@link #withStream})
 */
public record TableWrite(String schema, String table, Operation operation, Optional<StreamPosition> stream) {
    /** The name of the per-row operation column of a {@link Operation#CHANGES} write. */
    public static final String OPERATION_COLUMN = "__flock_op";

    /** What the rows of a write do to the table. */
    public enum Operation {
        /** Every row is a new row; a row whose primary key exists already fails the write. */
        INSERT,
        /** Every row replaces the row with the same primary key, or is new (primary-key tables). */
        UPSERT,
        /**
         * Rows carry their operation in the VARCHAR column {@value #OPERATION_COLUMN}: {@code UPSERT}
         * as above, or {@code DELETE}, which removes the row with that key and is ignored when no
         * such row exists (primary-key tables; CDC streams). Rows apply in their order.
         */
        CHANGES,
        /**
         * The table does not exist yet: it is created with the rows' columns, typed as DuckDB maps
         * their Arrow types, and filled with them in one transaction; the write fails if it exists.
         */
        CREATE,
        /** Like {@link #CREATE}, replacing a table of that name if there is one (its rows, columns and key). */
        REPLACE;

        /** Whether the write creates the table ({@link #CREATE}, {@link #REPLACE}). */
        public boolean createsTable() {
            return this == CREATE || this == REPLACE;
        }

        /** Whether the write needs a primary key ({@link #UPSERT}, {@link #CHANGES}). */
        public boolean keyed() {
            return this == UPSERT || this == CHANGES;
        }
    }

    public TableWrite {
        requireNonNull(schema, "schema is null");
        requireNonNull(table, "table is null");
        requireNonNull(operation, "operation is null");
        requireNonNull(stream, "stream is null");
        if (schema.isBlank() || table.isBlank()) {
            throw new IllegalArgumentException("The schema and table names of a write must not be blank");
        }
    }

    /** A write that records no stream position. */
    public TableWrite(String schema, String table, Operation operation) {
        this(schema, table, operation, Optional.empty());
    }

    /**
     * The position of an ingest stream: the write records {@code sequence} as the stream's last
     * applied batch in the same transaction as the rows, and fails with TRANSACTION_CONFLICT
     * (writing nothing) when the stream already recorded {@code sequence} or a later one.
     *
     * @param streamId the stream's id
     * @param sequence the batch's sequence, not negative
     */
    public record StreamPosition(String streamId, long sequence) {
        public StreamPosition {
            requireNonNull(streamId, "streamId is null");
            if (streamId.isBlank()) {
                throw new IllegalArgumentException("A stream id must not be blank");
            }
            if (sequence < 0) {
                throw new IllegalArgumentException("A batch sequence must not be negative, but is " + sequence);
            }
        }
    }

    /** This write, also recording batch {@code sequence} of stream {@code streamId} (exactly once). */
    public TableWrite withStream(String streamId, long sequence) {
        return new TableWrite(schema, table, operation, Optional.of(new StreamPosition(streamId, sequence)));
    }

    /** Inserts into {@code schema.table}. */
    public static TableWrite into(String schema, String table) {
        return new TableWrite(schema, table, Operation.INSERT);
    }

    /**
     * Creates the table {@code schema.table} from the rows' columns and fills it; with
     * {@code replace}, a table of that name is replaced, else the write fails if it exists.
     */
    public static TableWrite create(String schema, String table, boolean replace) {
        return new TableWrite(schema, table, replace ? Operation.REPLACE : Operation.CREATE);
    }

    /** Upserts into the primary-key table {@code schema.table}. */
    public static TableWrite upsertInto(String schema, String table) {
        return new TableWrite(schema, table, Operation.UPSERT);
    }

    /** Applies changes (upserts and deletes) to the primary-key table {@code schema.table}. */
    public static TableWrite changesInto(String schema, String table) {
        return new TableWrite(schema, table, Operation.CHANGES);
    }

    /** {@code "schema"."table"}, quoted for SQL. */
    public String qualifiedName() {
        return quote(schema) + "." + quote(table);
    }

    /** {@code schema.table} for messages. */
    @Override
    public String toString() {
        return schema + "." + table;
    }

    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
