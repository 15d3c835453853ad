package io.flock.jdbc;

import java.sql.SQLException;

/** The rows behind a {@link FlockResultSet}: a query's stream or rows built by the driver. */
interface RowSource {
    /** The next row's values in column order, or null at the end. */
    Object[] next() throws SQLException;

    /** Frees the rows; a query not read to its end is cancelled. Idempotent. */
    void close();

    /** Rows held in memory (metadata results). */
    static RowSource of(java.util.List<Object[]> rows) {
        java.util.Iterator<Object[]> iterator = rows.iterator();
        return new RowSource() {
            @Override
            public Object[] next() {
                return iterator.hasNext() ? iterator.next() : null;
            }

            @Override
            public void close() {
            }
        };
    }
}
