package io.flock.engine.duckdb;

import static io.flock.engine.duckdb.DuckDbKeyedTable.quote;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The columns of an upload (Parquet file, Arrow stream) with the table column type each is cast
 * to: a column the table has (matched by name, case-insensitively) whose type differs is cast to
 * the table's type; the others pass as they are, for the table to refuse by name. Immutable.
 */
final class ColumnCasts {
    /** The upload's columns in order, each with the type it is cast to (null: kept as it is). */
    private final Map<String, String> columns;

    private ColumnCasts(Map<String, String> columns) {
        this.columns = Collections.unmodifiableMap(columns);
    }

    /**
     * @param upload the upload's columns in order, with their DuckDB types
     * @param target the table's columns with their DuckDB types
     */
    static ColumnCasts of(Map<String, String> upload, Map<String, String> target) {
        Map<String, String> byLowerName = new LinkedHashMap<>();
        target.forEach((name, type) -> byLowerName.put(name.toLowerCase(Locale.ROOT), type));
        Map<String, String> columns = new LinkedHashMap<>();
        upload.forEach((name, type) -> {
            String cast = byLowerName.get(name.toLowerCase(Locale.ROOT));
            columns.put(name, cast == null || cast.equals(type) ? null : cast);
        });
        return new ColumnCasts(columns);
    }

    /** Whether no column is cast: the upload's rows already have the table's types. */
    boolean none() {
        return columns.values().stream().allMatch(type -> type == null);
    }

    /** The columns that are cast, each with the table's type. */
    List<Map.Entry<String, String>> cast() {
        return columns.entrySet().stream().filter(c -> c.getValue() != null).toList();
    }

    /** The select list that reads every column of the upload with its cast. */
    String selectList() {
        List<String> projection = new ArrayList<>();
        columns.forEach((name, type) -> projection.add(type == null ? quote(name)
                : "CAST(" + quote(name) + " AS " + type + ") AS " + quote(name)));
        return String.join(", ", projection);
    }
}
