package io.flock.engine.system;

import java.util.List;

/** A table of the system database {@code flock}, filled fresh for every query that reads it. */
public record SystemTable(String name, List<SystemColumn> columns) {
    public SystemTable {
        columns = List.copyOf(columns);
    }

    public String createStatement() {
        StringBuilder ddl = new StringBuilder("CREATE TABLE ").append(name).append(" (");
        for (int i = 0; i < columns.size(); i++) {
            if (i > 0) {
                ddl.append(", ");
            }
            ddl.append(columns.get(i).name()).append(' ').append(columns.get(i).duckDbType());
        }
        return ddl.append(')').toString();
    }
}
