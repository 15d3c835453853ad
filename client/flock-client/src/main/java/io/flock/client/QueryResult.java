package io.flock.client;

import static java.util.Objects.requireNonNull;

import io.flock.client.internal.ResultStream;
import io.flock.client.internal.StatementRunner;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The result of one statement from {@link FlockClient#execute(String, Object...)}. For a query
 * the {@link #queryId() id} and {@link #columns() columns} are known at once, while the server
 * executes; rows stream when first read, either as {@link Row}s ({@link #fetchOne()},
 * {@link #fetchMany(int)}, {@link #fetchAll()}, {@link #rows()}) or as Arrow batches
 * ({@link #arrowStream()}), not both. Reading is bounded in memory: one Arrow batch at a time
 * (plus the rows a {@code fetch} call returns). A result can be read once.
 *
 * <p>For a statement that returns no rows (DML, DDL) {@link #updateCount()} holds the count and
 * there are no rows.
 *
 * <p>{@link #close()} frees the server's state: a query not read to the end is cancelled. Not
 * thread-safe, except {@link #queryId()} and {@link #cancel()}, which any thread may call.
 */
public final class QueryResult implements AutoCloseable {
    private enum Mode { UNREAD, ROWS, CURSOR, ARROW }

    private final String queryId;
    private final List<Column> columns;
    private final long updateCount;
    private final ResultStream stream;
    private final Consumer<String> canceller;
    private final Consumer<QueryResult> onClose;
    private Mode mode = Mode.UNREAD;
    private RowCursor rowCursor;
    private List<String> names;
    private Map<String, Integer> indexByName;
    private boolean closed;

    QueryResult(String queryId, Schema schema, long updateCount, ResultStream stream, Consumer<String> canceller,
                Consumer<QueryResult> onClose) {
        this.queryId = queryId;
        this.columns = StatementRunner.columns(requireNonNull(schema, "schema is null"));
        this.updateCount = updateCount;
        this.stream = stream;
        this.canceller = requireNonNull(canceller, "canceller is null");
        this.onClose = requireNonNull(onClose, "onClose is null");
    }

    /** The server's query id, e.g. {@code 20261122_004512_00042_k3x9q}; empty for a statement that returns no rows. */
    public Optional<String> queryId() {
        return Optional.ofNullable(queryId);
    }

    /** The result's columns as announced before execution; empty for a statement that returns no rows. */
    public List<Column> columns() {
        return columns;
    }

    /** Whether the statement returns rows. */
    public boolean returnsRows() {
        return stream != null;
    }

    /** The number of rows changed by DML (0 for DDL); empty for a query. */
    public OptionalLong updateCount() {
        return stream == null ? OptionalLong.of(updateCount) : OptionalLong.empty();
    }

    /** The next row, or empty at the end of the result. */
    public Optional<Row> fetchOne() {
        return Optional.ofNullable(nextRow());
    }

    /** Up to {@code count} next rows; fewer only at the end of the result. */
    public List<Row> fetchMany(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative, but is " + count);
        }
        List<Row> rows = new ArrayList<>(Math.min(count, 10_000));
        Row row;
        while (rows.size() < count && (row = nextRow()) != null) {
            rows.add(row);
        }
        return rows;
    }

    /** All remaining rows. Mind the memory for large results: prefer {@link #rows()}. */
    public List<Row> fetchAll() {
        List<Row> rows = new ArrayList<>();
        Row row;
        while ((row = nextRow()) != null) {
            rows.add(row);
        }
        return rows;
    }

    /** The remaining rows, read batch by batch as the iterator advances (bounded memory). */
    public Iterator<Row> rows() {
        return new Iterator<>() {
            private Row next;

            @Override
            public boolean hasNext() {
                if (next == null) {
                    next = nextRow();
                }
                return next != null;
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("No more rows in the result of query " + queryId);
                }
                Row row = next;
                next = null;
                return row;
            }
        };
    }

    /**
     * The rows through a cursor that reads values straight from the Arrow batches, building no
     * {@link Row} objects: the fastest row-by-row read (what the JDBC driver uses). Only if no row
     * was read otherwise.
     */
    public RowCursor cursor() {
        use(Mode.CURSOR);
        if (stream == null) {
            throw new IllegalStateException("The statement returns no rows: it has no cursor");
        }
        return new RowCursor(stream, columns.size());
    }

    /**
     * The result as Arrow batches, for callers that process columns. The batch's memory belongs to
     * the client and is reused by the next batch. Only if no row was read yet.
     */
    public ArrowBatches arrowStream() {
        use(Mode.ARROW);
        return new ArrowBatches(stream, this);
    }

    /** Asks the server to cancel this query; reading further rows then fails with {@link FlockCancelledException}. */
    public void cancel() {
        if (queryId != null) {
            canceller.accept(queryId);
        }
    }

    /** Frees the result; a query not read to its end is cancelled on the server. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (stream != null && !stream.completed()) {
                try {
                    canceller.accept(queryId);
                } catch (FlockException e) {
                    // The query ended meanwhile; there is nothing left to cancel.
                }
            }
        } finally {
            if (stream != null) {
                stream.close();
            }
            onClose.accept(this);
        }
    }

    private Row nextRow() {
        use(Mode.ROWS);
        if (stream == null) {
            return null;
        }
        if (rowCursor == null) {
            rowCursor = new RowCursor(stream, columns.size());
        }
        if (!rowCursor.next()) {
            return null;
        }
        if (names == null) {
            shape(stream.root().getSchema());
        }
        Object[] values = new Object[names.size()];
        for (int c = 0; c < values.length; c++) {
            values[c] = rowCursor.get(c);
        }
        return new Row(names, indexByName, values);
    }

    private void shape(Schema schema) {
        List<String> fieldNames = new ArrayList<>();
        Map<String, Integer> index = new HashMap<>();
        for (Field field : schema.getFields()) {
            index.putIfAbsent(field.getName(), fieldNames.size());
            fieldNames.add(field.getName());
        }
        names = List.copyOf(fieldNames);
        indexByName = Map.copyOf(index);
    }

    private void use(Mode wanted) {
        if (closed) {
            throw new IllegalStateException("The result of query " + queryId + " is closed");
        }
        if (mode != Mode.UNREAD && mode != wanted) {
            throw new IllegalStateException("The result of query " + queryId + " is already read as "
                    + (mode == Mode.ROWS ? "rows" : mode == Mode.CURSOR ? "a cursor" : "Arrow batches")
                    + "; read it one way only");
        }
        if (wanted == Mode.ARROW && stream == null) {
            throw new IllegalStateException("The statement returns no rows: it has no Arrow stream");
        }
        mode = wanted;
    }
}
