package io.flock.client;

import static java.util.Objects.requireNonNull;

import io.flock.client.internal.ColumnReader;
import io.flock.client.internal.ResultStream;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * A cursor over the rows of a query, from {@link QueryResult#cursor()}: the fastest way to read
 * rows value by value. It reads straight from the current Arrow batch (one batch in memory at a
 * time) and builds no {@link Row} objects; only the values asked for are converted, to the Java
 * types {@link Row} documents. Columns are numbered from 0.
 *
 * <p>Not thread-safe.
 */
public final class RowCursor {
    private final ResultStream stream;
    private final int columnCount;
    private ColumnReader[] readers;
    private int row = -1;
    private int batchRows;
    private boolean ended;

    RowCursor(ResultStream stream, int columnCount) {
        this.stream = requireNonNull(stream, "stream is null");
        this.columnCount = columnCount;
    }

    /** Moves to the next row; false at the end of the result. */
    public boolean next() {
        if (ended) {
            return false;
        }
        row++;
        while (row >= batchRows) {
            if (!stream.nextBatch()) {
                ended = true;
                readers = null;
                return false;
            }
            VectorSchemaRoot root = stream.root();
            batchRows = root.getRowCount();
            row = 0;
            ColumnReader[] next = new ColumnReader[root.getFieldVectors().size()];
            for (int c = 0; c < next.length; c++) {
                next[c] = ColumnReader.of(root.getVector(c));
            }
            readers = next;
        }
        return true;
    }

    /** The number of columns. */
    public int columnCount() {
        return columnCount;
    }

    /**
     * The value of {@code column} (from 0) in the current row, or null for SQL NULL.
     *
     * @throws IllegalStateException before the first {@link #next()} or after the end
     * @throws IndexOutOfBoundsException for a column that does not exist
     */
    public Object get(int column) {
        if (readers == null) {
            throw new IllegalStateException(ended ? "The result has no more rows" : "Call next() before reading a row");
        }
        return readers[column].read(row);
    }
}
