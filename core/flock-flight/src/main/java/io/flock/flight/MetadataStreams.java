package io.flock.flight;

import static java.util.Objects.requireNonNull;

import io.flock.engine.FlockEngine;
import io.flock.engine.catalog.Principal;
import io.flock.engine.worker.TableInfo;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.flight.FlightProducer.ServerStreamListener;
import org.apache.arrow.flight.sql.FlightSqlProducer.Schemas;
import org.apache.arrow.flight.sql.impl.FlightSql;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Answers the Flight SQL metadata commands (catalogs, schemas, tables, keys, types) for one
 * principal: only databases it may use, with the LIKE filters of each command applied.
 */
final class MetadataStreams {
    private final FlockEngine engine;
    private final BufferAllocator allocator;

    MetadataStreams(FlockEngine engine, BufferAllocator allocator) {
        this.engine = requireNonNull(engine, "engine is null");
        this.allocator = requireNonNull(allocator, "allocator is null");
    }

    void catalogs(Principal principal, ServerStreamListener listener) {
        List<Object[]> rows = new ArrayList<>();
        engine.databases(principal).forEach(d -> rows.add(new Object[] {d}));
        MetadataRows.send(allocator, Schemas.GET_CATALOGS_SCHEMA, rows, listener);
    }

    void schemas(Principal principal, FlightSql.CommandGetDbSchemas command, ServerStreamListener listener) {
        LikePattern schemaPattern = LikePattern.of(command.hasDbSchemaFilterPattern(), command.getDbSchemaFilterPattern());
        List<Object[]> rows = new ArrayList<>();
        for (String database : databases(principal, command.hasCatalog(), command.getCatalog())) {
            for (String schema : engine.schemas(principal, database)) {
                if (schemaPattern.matches(schema)) {
                    rows.add(new Object[] {database, schema});
                }
            }
        }
        MetadataRows.send(allocator, Schemas.GET_SCHEMAS_SCHEMA, rows, listener);
    }

    void tables(Principal principal, FlightSql.CommandGetTables command, ServerStreamListener listener) {
        LikePattern schemaPattern = LikePattern.of(command.hasDbSchemaFilterPattern(), command.getDbSchemaFilterPattern());
        LikePattern tablePattern = LikePattern.of(command.hasTableNameFilterPattern(), command.getTableNameFilterPattern());
        List<String> types = command.getTableTypesList();
        List<Object[]> rows = new ArrayList<>();
        for (String database : databases(principal, command.hasCatalog(), command.getCatalog())) {
            for (TableInfo table : engine.tables(principal, database)) {
                if (schemaPattern.matches(table.schema()) && tablePattern.matches(table.name())
                        && (types.isEmpty() || types.contains(table.type()))) {
                    rows.add(command.getIncludeSchema()
                            ? new Object[] {database, table.schema(), table.name(), table.type(),
                                    ArrowSchemas.serialize(table.columns())}
                            : new Object[] {database, table.schema(), table.name(), table.type()});
                }
            }
        }
        MetadataRows.send(allocator, command.getIncludeSchema() ? Schemas.GET_TABLES_SCHEMA
                : Schemas.GET_TABLES_SCHEMA_NO_SCHEMA, rows, listener);
    }

    void tableTypes(ServerStreamListener listener) {
        MetadataRows.send(allocator, Schemas.GET_TABLE_TYPES_SCHEMA,
                List.of(new Object[] {"TABLE"}, new Object[] {"VIEW"}), listener);
    }

    void primaryKeys(Principal principal, FlightSql.CommandGetPrimaryKeys command, ServerStreamListener listener) {
        List<Object[]> rows = new ArrayList<>();
        for (String database : databases(principal, command.hasCatalog(), command.getCatalog())) {
            for (TableInfo table : engine.tables(principal, database)) {
                boolean schemaMatches = !command.hasDbSchema() || command.getDbSchema().equals(table.schema());
                if (schemaMatches && table.name().equals(command.getTable())) {
                    for (int i = 0; i < table.primaryKey().size(); i++) {
                        rows.add(new Object[] {database, table.schema(), table.name(), table.primaryKey().get(i),
                                i + 1, null});
                    }
                }
            }
        }
        MetadataRows.send(allocator, Schemas.GET_PRIMARY_KEYS_SCHEMA, rows, listener);
    }

    void typeInfo(FlightSql.CommandGetXdbcTypeInfo request, ServerStreamListener listener) {
        MetadataRows.send(allocator, Schemas.GET_TYPE_INFO_SCHEMA,
                XdbcTypes.rows(request.hasDataType() ? request.getDataType() : null), listener);
    }

    /** Foreign keys are not reported yet: an empty result of the command's schema. */
    void none(org.apache.arrow.vector.types.pojo.Schema schema, ServerStreamListener listener) {
        MetadataRows.send(allocator, schema, List.of(), listener);
    }

    /** The databases a metadata call covers: the one named, or all the principal may use. */
    private List<String> databases(Principal principal, boolean hasCatalog, String catalog) {
        List<String> all = engine.databases(principal);
        if (!hasCatalog) {
            return all;
        }
        return all.contains(catalog) ? List.of(catalog) : List.of();
    }
}
