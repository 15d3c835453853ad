package io.flock.engine.worker;

import static java.util.Objects.requireNonNull;

/**
 * Where and how a write of Arrow rows goes ({@link Worker#prepareAppend}): a table of the database
 * the write runs on, and what each row does to it. Create it with {@link #into},
 * {@link #upsertInto} or {@link #changesInto}; names are DuckDB identifiers as written by the user,
 * quoted by the worker.
 *
 * @param schema the table's schema, usually {@code main}
 * @param table the table's name
 * @param operation what the rows do
 */
public record TableWrite(String schema, String table, Operation operation) {
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
        CHANGES
    }

    public TableWrite {
        requireNonNull(schema, "schema is null");
        requireNonNull(table, "table is null");
        requireNonNull(operation, "operation is null");
        if (schema.isBlank() || table.isBlank()) {
            throw new IllegalArgumentException("The schema and table names of a write must not be blank");
        }
    }

    /** Inserts into {@code schema.table}. */
    public static TableWrite into(String schema, String table) {
        return new TableWrite(schema, table, Operation.INSERT);
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
