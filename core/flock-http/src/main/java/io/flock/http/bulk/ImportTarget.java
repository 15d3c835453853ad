package io.flock.http.bulk;

import static java.util.Objects.requireNonNull;

import io.flock.engine.FlockEngine;
import io.flock.engine.catalog.Principal;
import io.flock.engine.query.Session;
import io.flock.engine.worker.TableInfo;
import io.flock.engine.worker.TableWrite;
import io.flock.spi.ErrorCode;
import io.flock.spi.FlockException;
import java.util.Optional;

/**
 * The table an import writes into, checked writable before any byte is accepted: its session, its
 * columns and the write (an insert, or an upsert for a primary-key table).
 */
record ImportTarget(Session session, TableInfo table, TableWrite write) {
    ImportTarget {
        requireNonNull(session, "session is null");
        requireNonNull(table, "table is null");
        requireNonNull(write, "write is null");
    }

    /**
     * Resolves {@code table} ({@code name} or {@code schema.name}) in {@code database} (the
     * default database when empty).
     *
     * @throws FlockException PERMISSION_DENIED, DATABASE_NOT_FOUND, NOT_FOUND, INVALID_ARGUMENT
     */
    static ImportTarget resolve(FlockEngine engine, Principal principal, Optional<String> database, String table) {
        Session session = engine.session(principal, database);
        engine.checkWritable(session);
        int dot = table.indexOf('.');
        String schema = dot > 0 ? table.substring(0, dot) : "main";
        String name = dot > 0 ? table.substring(dot + 1) : table;
        TableInfo info = engine.tables(principal, session.database()).stream()
                .filter(t -> t.schema().equals(schema) && t.name().equals(name)).findFirst()
                .or(() -> engine.tables(principal, session.database()).stream()
                        .filter(t -> t.schema().equalsIgnoreCase(schema) && t.name().equalsIgnoreCase(name)).findFirst())
                .orElseThrow(() -> new FlockException(ErrorCode.NOT_FOUND, "Table '" + session.database() + "."
                        + schema + "." + name + "' does not exist; create it before importing into it"));
        if (!info.type().equals("TABLE")) {
            throw new FlockException(ErrorCode.INVALID_ARGUMENT, "'" + session.database() + "." + schema + "." + name
                    + "' is a " + info.type().toLowerCase(java.util.Locale.ROOT) + "; imports go into tables");
        }
        TableWrite write = info.primaryKey().isEmpty()
                ? TableWrite.into(info.schema(), info.name())
                : TableWrite.upsertInto(info.schema(), info.name());
        return new ImportTarget(session, info, write);
    }

    /** {@code database.schema.table} for answers and messages. */
    String qualifiedName() {
        return session.database() + "." + table.schema() + "." + table.name();
    }
}
