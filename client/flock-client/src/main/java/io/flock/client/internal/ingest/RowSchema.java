package io.flock.client.internal.ingest;

import static java.util.Objects.requireNonNull;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/** The columns of a stream's table as the server announced them on open; names match case-insensitively. */
public final class RowSchema {
    private final String table;
    private final List<Field> fields;
    private final List<String> primaryKey;
    private final Map<String, Integer> exact = new HashMap<>();
    private final Map<String, Integer> index = new HashMap<>();

    public RowSchema(String table, Schema schema, List<String> primaryKey) {
        this.table = requireNonNull(table, "table is null");
        this.fields = List.copyOf(schema.getFields());
        this.primaryKey = List.copyOf(primaryKey);
        for (int i = 0; i < fields.size(); i++) {
            exact.putIfAbsent(fields.get(i).getName(), i);
            index.putIfAbsent(fields.get(i).getName().toLowerCase(Locale.ROOT), i);
        }
    }

    /** The position of {@code column}; IllegalArgumentException naming the table's columns if none. */
    public int indexOf(String column) {
        requireNonNull(column, "column is null");
        Integer position = exact.get(column); // the common case, without building a lower-case copy per call
        if (position != null) {
            return position;
        }
        position = index.get(column.toLowerCase(Locale.ROOT));
        if (position == null) {
            throw new IllegalArgumentException("Table '" + table + "' has no column '" + column + "' (its columns: "
                    + String.join(", ", fields.stream().map(Field::getName).toList()) + ")");
        }
        return position;
    }

    public List<Field> fields() {
        return fields;
    }

    public Field field(int position) {
        return fields.get(position);
    }

    public List<String> primaryKey() {
        return primaryKey;
    }

    public String table() {
        return table;
    }
}
