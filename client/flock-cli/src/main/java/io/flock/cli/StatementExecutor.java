package io.flock.cli;

import static java.util.Objects.requireNonNull;

import io.flock.cli.format.ResultFormatter;
import io.flock.client.FlockClient;
import io.flock.client.FlockException;
import io.flock.client.QueryResult;
import io.flock.client.Row;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;

/**
 * Runs one statement at a time and writes its rows with a {@link ResultFormatter}. The running
 * query can be cancelled from another thread ({@link #cancelRunning()}, e.g. on Ctrl-C); all else
 * is for one thread.
 */
final class StatementExecutor {
    private final FlockClient client;
    private final ResultFormatter formatter;
    private final PrintWriter out;
    private volatile String runningQueryId;

    StatementExecutor(FlockClient client, ResultFormatter formatter, PrintWriter out) {
        this.client = requireNonNull(client, "client is null");
        this.formatter = requireNonNull(formatter, "formatter is null");
        this.out = requireNonNull(out, "out is null");
    }

    /**
     * Executes {@code sql} and writes its rows, if any.
     *
     * @throws FlockException as the server reported it
     */
    StatementOutcome execute(String sql) {
        long start = System.nanoTime();
        try (QueryResult result = client.execute(sql)) {
            runningQueryId = result.queryId().orElse(null);
            if (!result.returnsRows()) {
                return new StatementOutcome(result.queryId(), false, result.updateCount().orElse(0), since(start));
            }
            Iterator<Row> rows = result.rows();
            long count = formatter.write(result.columns(), values(rows), out);
            out.flush();
            return new StatementOutcome(result.queryId(), true, count, since(start));
        }
        finally {
            runningQueryId = null;
            out.flush();
        }
    }

    /** Asks the server to cancel the query running now, if any; the query then fails with a cancel error. */
    void cancelRunning() {
        String queryId = runningQueryId;
        if (queryId != null) {
            client.cancel(queryId);
        }
    }

    private static Iterator<List<Object>> values(Iterator<Row> rows) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return rows.hasNext();
            }

            @Override
            public List<Object> next() {
                return rows.next().values();
            }
        };
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
