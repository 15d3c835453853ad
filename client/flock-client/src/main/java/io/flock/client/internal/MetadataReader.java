package io.flock.client.internal;

import static java.util.Objects.requireNonNull;

import io.flock.client.Column;
import io.flock.client.FlockErrorType;
import io.flock.client.FlockQueryException;
import io.flock.client.TableInfo;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.arrow.flight.FlightEndpoint;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.sql.util.TableRef;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Databases, tables, columns and primary keys through the Flight SQL metadata commands. Each
 * call reads its (small) result whole and is retried as one idempotent unit. Thread-safe.
 */
public final class MetadataReader {
    private final Transport transport;
    private final Retrier retrier;

    public MetadataReader(Transport transport, Retrier retrier) {
        this.transport = requireNonNull(transport, "transport is null");
        this.retrier = requireNonNull(retrier, "retrier is null");
    }

    public List<String> databases() {
        return retrier.idempotent("Listing databases", () -> rows(() -> transport.sql().getCatalogs(transport.call())))
                .stream().map(row -> (String) row.get("catalog_name")).toList();
    }

    public List<TableInfo> tables(String database) {
        requireNonNull(database, "database is null");
        return retrier.idempotent("Listing the tables of '" + database + "'",
                        () -> rows(() -> transport.sql().getTables(database, null, null, null, false, transport.call())))
                .stream().map(MetadataReader::table).toList();
    }

    /** The columns of {@code table} (optionally {@code schema.table}) in {@code database}. */
    public List<Column> columns(String database, String table) {
        Map<String, Object> row = findTable(database, table);
        Schema schema = Schema.deserializeMessage(ByteBuffer.wrap((byte[]) row.get("table_schema")));
        return StatementRunner.columns(schema);
    }

    /** The primary key columns of {@code table} in key order; empty when it has none. */
    public List<String> primaryKey(String database, String table) {
        Map<String, Object> found = findTable(database, table);
        TableRef ref = TableRef.of(database, (String) found.get("db_schema_name"), (String) found.get("table_name"));
        return retrier.idempotent("Reading the primary key of '" + database + "." + table + "'",
                        () -> rows(() -> transport.sql().getPrimaryKeys(ref, transport.call())))
                .stream()
                .sorted(Comparator.comparing(row -> ((Number) row.get("key_sequence")).intValue()))
                .map(row -> (String) row.get("column_name"))
                .toList();
    }

    private Map<String, Object> findTable(String database, String table) {
        requireNonNull(database, "database is null");
        requireNonNull(table, "table is null");
        int dot = table.indexOf('.');
        String schema = dot < 0 ? null : table.substring(0, dot);
        String name = dot < 0 ? table : table.substring(dot + 1);
        List<Map<String, Object>> matches = retrier.idempotent("Describing '" + database + "." + table + "'",
                        () -> rows(() -> transport.sql().getTables(database, likeExactly(schema), likeExactly(name), null,
                                true, transport.call())))
                .stream()
                .filter(row -> name.equals(row.get("table_name")))
                .filter(row -> schema == null || schema.equals(row.get("db_schema_name")))
                .sorted(Comparator.comparing(row -> "main".equals(row.get("db_schema_name")) ? 0 : 1))
                .toList();
        if (matches.isEmpty()) {
            throw new FlockQueryException("Table '" + database + "." + table + "' does not exist", null, 2, "NOT_FOUND",
                    FlockErrorType.USER_ERROR, "42P01", false, null);
        }
        return matches.get(0);
    }

    private static TableInfo table(Map<String, Object> row) {
        return new TableInfo((String) row.get("catalog_name"), (String) row.get("db_schema_name"),
                (String) row.get("table_name"), (String) row.get("table_type"));
    }

    /** A LIKE pattern that matches exactly {@code name} ({@code _} and {@code %} escaped), or null. */
    private static String likeExactly(String name) {
        return name == null ? null : name.replace("\\", "\\\\").replace("_", "\\_").replace("%", "\\%");
    }

    private List<Map<String, Object>> rows(Supplier<FlightInfo> call) {
        FlightInfo info = call.get();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (FlightEndpoint endpoint : info.getEndpoints()) {
            try (FlightStream stream = transport.sql().getStream(endpoint.getTicket(), transport.call())) {
                while (stream.next()) {
                    VectorSchemaRoot root = stream.getRoot();
                    for (int r = 0; r < root.getRowCount(); r++) {
                        Map<String, Object> row = new LinkedHashMap<>();
                        for (int c = 0; c < root.getFieldVectors().size(); c++) {
                            row.put(root.getSchema().getFields().get(c).getName(), ValueReader.read(root.getVector(c), r));
                        }
                        rows.add(row);
                    }
                }
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("Cannot close a metadata stream", e);
            }
        }
        return rows;
    }
}
