package io.flock.engine.worker;

import static java.util.Objects.requireNonNull;

/**
 * A value of a write's rows that does not convert to its table column's type.
 *
 * @param row the row, 0-based, in the order of the write's rows
 * @param column the table column's name
 * @param type the table column's type
 */
public record BadValue(long row, String column, String type) {
    public BadValue {
        requireNonNull(column, "column is null");
        requireNonNull(type, "type is null");
    }
}
