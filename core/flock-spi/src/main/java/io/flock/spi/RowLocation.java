package io.flock.spi;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * Where in a write the row that failed it is: its 0-based position among the rows of the write
 * (or of the ingest batch) as the client sent them, and the column at fault when one is.
 * Transports send it beside the message ({@code flock-error-row}, {@code flock-error-column}), so
 * clients need not parse the message to find the row.
 *
 * @param row the failing row, 0-based within the write or batch as sent
 * @param column the column at fault, as the table or the sent rows name it; empty when the row as
 *     a whole failed
 */
public record RowLocation(long row, Optional<String> column) {
    public RowLocation {
        if (row < 0) {
            throw new IllegalArgumentException("row is negative: " + row);
        }
        requireNonNull(column, "column is null");
    }

    /** The row {@code row}, no column named. */
    public static RowLocation of(long row) {
        return new RowLocation(row, Optional.empty());
    }

    /** The value of column {@code column} in row {@code row}. */
    public static RowLocation of(long row, String column) {
        return new RowLocation(row, Optional.of(requireNonNull(column, "column is null")));
    }
}
