package io.flock.benchmarks;

import java.io.ByteArrayInputStream;
import java.io.PrintStream;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.apache.arrow.c.ArrowArrayStream;
import org.apache.arrow.c.Data;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowStreamReader;

/**
 * The upsert benchmark's limit: the same table and batches upserted straight into embedded DuckDB
 * (a file database with the primary key, same threads and memory as a Flock database), each batch
 * registered as an Arrow stream, in the two ways DuckDB offers an application: its own {@code INSERT
 * … ON CONFLICT DO UPDATE}, and a transaction per batch that stages the batch, deletes its keys and
 * inserts its rows (Flock's fold, without a delta to gather batches). Each rate counts the statements only.
 */
final class EmbeddedUpserts {
    /** A transaction per batch; a registered Arrow stream reads once, so the batch is staged for its two uses. */
    private static final List<String> STAGED_DELETE_INSERT = List.of("BEGIN",
            "CREATE TEMP TABLE staged AS SELECT * FROM batch", "DELETE FROM u WHERE id IN (SELECT id FROM staged)",
            "INSERT INTO u SELECT * FROM staged", "DROP TABLE staged", "COMMIT");

    /** How a batch is applied. */
    enum Strategy {
        ON_CONFLICT("DuckDB embedded (file), INSERT … ON CONFLICT DO UPDATE", true,
                List.of("INSERT INTO u SELECT * FROM batch ON CONFLICT (id) DO UPDATE SET k = excluded.k, v = excluded.v,"
                        + " s = excluded.s, d = excluded.d, ts = excluded.ts")),
        DELETE_INSERT("DuckDB embedded (file), DELETE keys + INSERT per batch", true, STAGED_DELETE_INSERT),
        /** The limit of a table created {@code WITH (key_index = false)}: the same, on a table without DuckDB's key. */
        DELETE_INSERT_NO_KEY_INDEX("DuckDB embedded (file), no key index, DELETE keys + INSERT per batch", false,
                STAGED_DELETE_INSERT);


        private final String path;
        private final boolean keyIndex;
        private final List<String> statements;

        Strategy(String path, boolean keyIndex, List<String> statements) {
            this.path = path;
            this.keyIndex = keyIndex;
            this.statements = statements;
        }

        String path() {
            return path;
        }
    }

    private EmbeddedUpserts() {}

    /**
     * Loads {@code rows} rows as the Flock run does, then upserts {@code batches} of its batches
     * ({@link UpsertBenchmark#batch}); returns upserted rows per second.
     */
    static double run(Strategy strategy, long rows, int batches, int batchRows, BufferAllocator allocator,
                      PrintStream progress) throws Exception {
        try (EmbeddedDuckDb duckdb = EmbeddedDuckDb.open()) {
            long start = System.nanoTime();
            duckdb.execute("CREATE TABLE u (id BIGINT " + (strategy.keyIndex ? "PRIMARY KEY" : "NOT NULL")
                    + ", k INTEGER, v DOUBLE, s VARCHAR, d DATE, ts TIMESTAMP)");
            duckdb.execute(UpsertBenchmark.loadSql(rows));
            duckdb.execute("CHECKPOINT");
            progress.printf("DuckDB (%s): %,d rows loaded in %.1f s%n", strategy, rows, (System.nanoTime() - start) / 1e9);
            long nanos = 0;
            for (int b = 0; b < batches; b++) {
                byte[] ipc = UpsertBenchmark.batch(allocator, rows, batchRows, b);
                try (ArrowArrayStream stream = ArrowArrayStream.allocateNew(allocator);
                     ArrowStreamReader reader = new ArrowStreamReader(new ByteArrayInputStream(ipc), allocator)) {
                    Data.exportArrayStream(allocator, reader, stream);
                    duckdb.connection().registerArrowStream("batch", stream);
                    long batchStart = System.nanoTime();
                    for (String sql : strategy.statements) {
                        duckdb.execute(sql);
                    }
                    nanos += System.nanoTime() - batchStart;
                    duckdb.execute("DROP VIEW batch");
                }
            }
            check(duckdb, rows + (long) batches * (batchRows / 2));
            double rate = (double) batches * batchRows / (nanos / 1e9);
            progress.printf("DuckDB (%s): %,d upserts into %,d rows: %,.0f rows/s%n", strategy, (long) batches * batchRows,
                    rows, rate);
            return rate;
        }
    }

    private static void check(EmbeddedDuckDb duckdb, long expected) throws SQLException {
        try (Statement statement = duckdb.connection().createStatement();
             ResultSet result = statement.executeQuery("SELECT count(*) FROM u")) {
            result.next();
            if (result.getLong(1) != expected) {
                throw new IllegalStateException("DuckDB table holds " + result.getLong(1) + " rows after the upserts, not "
                        + expected);
            }
        }
    }
}
