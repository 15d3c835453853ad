package io.flock.jdbc;

import java.sql.SQLException;
import java.util.Iterator;
import java.util.List;

/** The rows behind a {@link FlockResultSet}: a query's stream or rows built by the driver. */
interface RowSource {
    /** Moves to the next row; false at the end. */
    boolean next() throws SQLException;

    /** The value of {@code column} (from 0) in the current row; null for SQL NULL. */
    Object value(int column) throws SQLException;

    /** Frees the rows; a query not read to its end is cancelled. Idempotent. */
    void close();

    /** Rows held in memory (metadata results). */
    static RowSource of(List<Object[]> rows) {
        Iterator<Object[]> iterator = rows.iterator();
        return new RowSource() {
            private Object[] current;

            @Override
            public boolean next() {
                current = iterator.hasNext() ? iterator.next() : null;
                return current != null;
            }

            @Override
            public Object value(int column) {
                return current[column];
            }

            @Override
            public void close() {
            }
        };
    }
}
