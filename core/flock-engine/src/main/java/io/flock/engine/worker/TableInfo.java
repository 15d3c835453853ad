package io.flock.engine.worker;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A table or view of a database, for metadata calls.
 *
 * @param database the Flock database (the Flight SQL catalog)
 * @param schema the schema inside it, usually {@code main}
 * @param name the table's name
 * @param type {@code TABLE} or {@code VIEW}
 * @param columns its columns as an Arrow schema
 * @param primaryKey the primary key's columns in key order; empty if none
 */
public record TableInfo(String database, String schema, String name, String type, Schema columns,
                        List<String> primaryKey) {
    public TableInfo {
        requireNonNull(database, "database is null");
        requireNonNull(schema, "schema is null");
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
        requireNonNull(columns, "columns is null");
        primaryKey = List.copyOf(primaryKey);
    }
}
