package io.flock.benchmarks;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.apache.arrow.c.ArrowArrayStream;
import org.apache.arrow.c.Data;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBResultSet;

/**
 * Measures how upserts into a file-backed DuckDB primary-key table scale with the table's size,
 * for the strategies a primary-key write could use (docs/primary-key-tables.md records the
 * figures and the choice):
 *
 * <ul>
 *   <li>{@code on-conflict}: {@code INSERT … ON CONFLICT DO UPDATE};
 *   <li>{@code delete-insert}: in one transaction, delete the batch's keys, then insert the batch
 *       (deduplicated, last row per key wins) — what Flock's keyed writes do;
 *   <li>{@code delta}: append the batch to a delta table (merge-on-read), plus the cost of a query
 *       that merges base and delta.
 *   <li>{@code fold-delete-insert} and {@code fold-update}: append each batch to a delta and fold the
 *       delta into the table every {@code --fold-every} batches (and once at the end), the sustained
 *       rate of Flock's primary-key writes. {@code fold-delete-insert} deletes every key the delta
 *       holds and inserts the latest rows (Flock's fold: both steps maintain the primary-key index);
 *       {@code fold-update} updates the rows of keys the table holds in place ({@code UPDATE … FROM},
 *       which leaves the index alone), inserts only the new keys and deletes only for DELETE changes
 *       (measured and rejected: far slower on a large table, docs/primary-key-tables.md).
 *   <li>{@code fold-no-key}: {@code fold-delete-insert} into the same rows without the PRIMARY KEY,
 *       i.e. without DuckDB's ART index — the cost of the index in a fold.
 *   <li>{@code fold-two-tx}: {@code fold-delete-insert} with the delete of the keys committed on its
 *       own before the insert (not what Flock does: between the two commits the table lacks the
 *       folded keys' rows; docs/primary-key-tables.md).
 * </ul>
 *
 * <p>Folds report their CPU seconds per million delta rows (the whole process: DuckDB's threads).
 *
 * <p>Batches of 10,000 rows (half new keys, half existing keys scattered over the table) arrive as
 * Arrow streams, as they do in the server. Run:
 *
 * <pre>{@code
 * java --add-opens=java.base/java.nio=ALL-UNNAMED -cp <classpath> io.flock.benchmarks.UpsertStrategyProbe \
 *     [rows ...] [--batches 30] [--fold-every 10] [--checkpoint-threshold 16MB]
 * }</pre>
 */
public final class UpsertStrategyProbe {
    static final int BATCH = 10_000;
    static final String COLUMNS = "id BIGINT PRIMARY KEY, k INTEGER, v DOUBLE, s VARCHAR, d DATE, ts TIMESTAMP";
    private static int foldEvery = 10;

    private UpsertStrategyProbe() {}

    public static void main(String[] args) throws Exception {
        List<Long> sizes = new ArrayList<>();
        int batches = 30;
        String threshold = "16MB";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--batches" -> batches = Integer.parseInt(args[++i]);
                case "--fold-every" -> foldEvery = Integer.parseInt(args[++i]);
                case "--checkpoint-threshold" -> threshold = args[++i];
                default -> sizes.add(Long.parseLong(args[i].replace("_", "")));
            }
        }
        if (sizes.isEmpty()) {
            sizes = List.of(1_000_000L, 10_000_000L);
        }
        Path directory = Files.createTempDirectory("flock-upsert-probe-");
        try (BufferAllocator allocator = new RootAllocator();
             DuckDBConnection generator = open(null, "16MB")) {
            for (long rows : sizes) {
                Path base = directory.resolve("base-" + rows + ".duckdb");
                long start = System.nanoTime();
                try (DuckDBConnection c = open(base, threshold); Statement s = c.createStatement()) {
                    s.execute("CREATE TABLE t (" + COLUMNS + ")");
                    s.execute("INSERT INTO t " + rowsSql("range", "range(" + rows + ")"));
                    s.execute("CHECKPOINT");
                }
                System.out.printf(Locale.ROOT, "%,d rows loaded in %.1f s (%,d MB)%n", rows, seconds(start),
                        Files.size(base) >> 20);
                for (String strategy : List.of(System.getenv().getOrDefault("PROBE_STRATEGIES",
                        "delete-insert,delta,on-conflict").split(","))) {
                    Path copy = directory.resolve(strategy + ".duckdb");
                    Files.copy(base, copy, StandardCopyOption.REPLACE_EXISTING);
                    try (DuckDBConnection c = open(copy, threshold)) {
                        run(strategy, c, generator, allocator, rows, batches);
                    } finally {
                        Files.deleteIfExists(copy);
                        Files.deleteIfExists(Path.of(copy + ".wal"));
                    }
                }
                Files.deleteIfExists(base);
            }
        } finally {
            try (var files = Files.walk(directory)) {
                files.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void run(String strategy, DuckDBConnection c, DuckDBConnection generator,
                            BufferAllocator allocator, long rows, int batches) throws Exception {
        try (Statement s = c.createStatement()) {
            boolean folds = strategy.startsWith("fold-");
            if (strategy.equals("fold-no-key")) {
                // The same rows without the PRIMARY KEY (no ART index to maintain): what a fold costs
                // when the key is not DuckDB's to enforce.
                s.execute("CREATE TABLE t_no_key AS SELECT * FROM t");
                s.execute("DROP TABLE t");
                s.execute("ALTER TABLE t_no_key RENAME TO t");
                s.execute("CHECKPOINT");
            }
            if (strategy.equals("delta")) {
                s.execute("CREATE TABLE delta (id BIGINT, k INTEGER, v DOUBLE, s VARCHAR, d DATE, ts TIMESTAMP, "
                        + "seq BIGINT)");
            }
            if (folds) {
                s.execute("CREATE TABLE delta (id BIGINT, k INTEGER, v DOUBLE, s VARCHAR, d DATE, ts TIMESTAMP, "
                        + "op VARCHAR, seq BIGINT)");
            }
            long foldNanos = 0;
            long foldCpuNanos = 0;
            int foldCount = 0;
            long[] nanos = new long[batches];
            for (int b = 0; b < batches; b++) {
                byte[] ipc = arrowBatch(generator, allocator, batchSql(rows, b));
                long start = System.nanoTime();
                try (ArrowArrayStream stream = ArrowArrayStream.allocateNew(allocator)) {
                    ArrowReader reader = new ArrowStreamReader(new ByteArrayInputStream(ipc), allocator);
                    Data.exportArrayStream(allocator, reader, stream);
                    c.registerArrowStream("batch", stream);
                    apply(strategy, s, b);
                    s.execute("DROP VIEW IF EXISTS batch");
                }
                if (folds && ((b + 1) % foldEvery == 0 || b == batches - 1)) {
                    long foldStart = System.nanoTime();
                    long foldCpuStart = ProcessCpu.nanos();
                    fold(strategy, s);
                    foldNanos += System.nanoTime() - foldStart;
                    foldCpuNanos += ProcessCpu.nanos() - foldCpuStart;
                    foldCount++;
                }
                nanos[b] = System.nanoTime() - start;
            }
            report(strategy, rows, nanos);
            if (folds) {
                System.out.printf(Locale.ROOT, "  %-13s %d folds of up to %,d delta rows: %.0f ms per fold, %.2f CPU s"
                                + " per M rows folded; steps ms (delete keys | latest rows, insert | update, insert new"
                                + " keys, clear delta, commit) %s%n",
                        strategy, foldCount, (long) foldEvery * BATCH, foldNanos / 1e6 / foldCount,
                        foldCpuNanos / 1e9 / ((double) batches * BATCH / 1e6),
                        java.util.Arrays.toString(java.util.Arrays.stream(FOLD_STEPS).map(n -> n / 1_000_000).toArray()));
                java.util.Arrays.fill(FOLD_STEPS, 0);
                try (ResultSet r = s.executeQuery("SELECT count(*), count(DISTINCT id), sum(k) FROM t")) {
                    r.next();
                    System.out.printf(Locale.ROOT, "  %-13s table after: %,d rows, %,d keys, sum(k) %d%n", strategy,
                            r.getLong(1), r.getLong(2), r.getLong(3));
                }
            }
            if (System.getenv("PROBE_STEPS") != null) {
                System.out.println("  steps ms: " + java.util.Arrays.toString(
                        java.util.Arrays.stream(STEPS).map(n -> n / 1_000_000).toArray()));
                java.util.Arrays.fill(STEPS, 0);
            }
            long start = System.nanoTime();
            String query = strategy.equals("delta") ? mergedQuery() : "SELECT count(*), sum(v), max(s) FROM t";
            long count;
            try (ResultSet r = s.executeQuery(query)) {
                r.next();
                count = r.getLong(1);
            }
            System.out.printf(Locale.ROOT, "  %-13s scan of %,d rows: %.0f ms%n", strategy, count,
                    (System.nanoTime() - start) / 1e6);
            if (strategy.equals("delta")) {
                start = System.nanoTime();
                s.execute("BEGIN");
                s.execute("DELETE FROM t WHERE id IN (SELECT id FROM delta)");
                s.execute("INSERT INTO t SELECT id, k, v, s, d, ts FROM delta "
                        + "QUALIFY row_number() OVER (PARTITION BY id ORDER BY seq DESC) = 1");
                s.execute("DELETE FROM delta");
                s.execute("COMMIT");
                System.out.printf(Locale.ROOT, "  %-13s compaction of %,d delta rows: %.0f ms%n", strategy,
                        (long) batches * BATCH, (System.nanoTime() - start) / 1e6);
            }
        }
    }

    private static void apply(String strategy, Statement s, int b) throws SQLException {
        switch (strategy) {
            case "on-conflict" -> s.execute("INSERT INTO t SELECT * FROM batch ON CONFLICT (id) DO UPDATE SET "
                    + "k = excluded.k, v = excluded.v, s = excluded.s, d = excluded.d, ts = excluded.ts");
            case "delete-insert" -> {
                timed(0, s, "BEGIN");
                timed(1, s, "CREATE TEMP TABLE staged AS SELECT * FROM batch");
                timed(2, s, "DELETE FROM t WHERE id IN (SELECT id FROM staged)");
                timed(3, s, "INSERT INTO t SELECT id, k, v, s, d, ts FROM staged "
                        + "QUALIFY row_number() OVER (PARTITION BY id ORDER BY rowid DESC) = 1");
                timed(4, s, "DROP TABLE staged");
                timed(5, s, "COMMIT");
            }
            case "delta" -> s.execute("INSERT INTO delta SELECT *, " + ((long) b * BATCH) + " + row_number() "
                    + "OVER () FROM batch");
            case "fold-delete-insert", "fold-update", "fold-no-key", "fold-two-tx" -> s.execute("INSERT INTO delta SELECT *, 'UPSERT', "
                    + ((long) b * BATCH) + " + row_number() OVER () FROM batch");
            default -> throw new IllegalArgumentException(strategy);
        }
    }

    /** The rows of {@code sql} as an Arrow IPC stream, as a client would send them. */
    private static byte[] arrowBatch(DuckDBConnection generator, BufferAllocator allocator, String sql)
            throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Statement g = generator.createStatement();
             DuckDBResultSet result = (DuckDBResultSet) g.executeQuery(sql)) {
            ArrowReader reader = (ArrowReader) result.arrowExportStream(allocator, BATCH);
            try (ArrowStreamWriter writer = new ArrowStreamWriter(reader.getVectorSchemaRoot(), null, out)) {
                writer.start();
                while (reader.loadNextBatch()) {
                    writer.writeBatch();
                }
                writer.end();
            }
            reader.close();
        }
        return out.toByteArray();
    }

    static final long[] STEPS = new long[6];
    static final long[] FOLD_STEPS = new long[5];

    private static void fold(String strategy, Statement s) throws SQLException {
        String latest = "SELECT * FROM delta QUALIFY row_number() OVER (PARTITION BY id ORDER BY seq DESC) = 1";
        long start = System.nanoTime();
        s.execute("BEGIN");
        if (strategy.equals("fold-delete-insert") || strategy.equals("fold-no-key") || strategy.equals("fold-two-tx")) {
            s.execute("DELETE FROM t USING (SELECT DISTINCT id FROM delta) AS keys WHERE t.id = keys.id");
            if (strategy.equals("fold-two-tx")) {
                s.execute("COMMIT");
                s.execute("BEGIN");
            }
            FOLD_STEPS[0] += System.nanoTime() - start;
            start = System.nanoTime();
            s.execute("INSERT INTO t SELECT id, k, v, s, d, ts FROM (" + latest + ") WHERE op = 'UPSERT'");
            FOLD_STEPS[1] += System.nanoTime() - start;
        } else {
            s.execute("CREATE TEMP TABLE latest AS " + latest);
            FOLD_STEPS[0] += System.nanoTime() - start;
            start = System.nanoTime();
            s.execute("UPDATE t SET k = l.k, v = l.v, s = l.s, d = l.d, ts = l.ts FROM latest AS l"
                    + " WHERE t.id = l.id AND l.op = 'UPSERT'");
            FOLD_STEPS[1] += System.nanoTime() - start;
            start = System.nanoTime();
            s.execute("DELETE FROM t USING latest AS l WHERE t.id = l.id AND l.op = 'DELETE'");
            s.execute("INSERT INTO t SELECT id, k, v, s, d, ts FROM latest AS l WHERE op = 'UPSERT'"
                    + " AND NOT EXISTS (SELECT 1 FROM t WHERE t.id = l.id)");
            FOLD_STEPS[2] += System.nanoTime() - start;
            s.execute("DROP TABLE latest");
        }
        start = System.nanoTime();
        s.execute("DELETE FROM delta");
        FOLD_STEPS[3] += System.nanoTime() - start;
        start = System.nanoTime();
        s.execute("COMMIT");
        FOLD_STEPS[4] += System.nanoTime() - start;
    }

    private static void timed(int step, Statement s, String sql) throws SQLException {
        long start = System.nanoTime();
        s.execute(sql);
        STEPS[step] += System.nanoTime() - start;
    }

    private static String mergedQuery() {
        return "WITH latest AS (SELECT * EXCLUDE (seq) FROM delta "
                + "QUALIFY row_number() OVER (PARTITION BY id ORDER BY seq DESC) = 1) "
                + "SELECT count(*), sum(v), max(s) FROM (SELECT * FROM t ANTI JOIN latest USING (id) "
                + "UNION ALL SELECT * FROM latest)";
    }

    private static void report(String strategy, long rows, long[] nanos) {
        int half = nanos.length / 2;
        long first = 0;
        long second = 0;
        for (int i = 0; i < nanos.length; i++) {
            if (i < half) {
                first += nanos[i];
            } else {
                second += nanos[i];
            }
        }
        long[] sorted = nanos.clone();
        java.util.Arrays.sort(sorted);
        double total = (first + second) / 1e9;
        System.out.printf(Locale.ROOT, "  %-13s %,d rows: %,.0f rows/s overall (first half %,.0f, second half %,.0f); "
                        + "batch median %.0f ms, max %.0f ms%n", strategy, rows, nanos.length * BATCH / total,
                half * BATCH / (first / 1e9), (nanos.length - half) * BATCH / (second / 1e9),
                sorted[sorted.length / 2] / 1e6, sorted[sorted.length - 1] / 1e6);
    }

    /** Half existing keys scattered over [0, rows), half new keys above the table's range. */
    private static String batchSql(long rows, int b) {
        long half = BATCH / 2;
        String keys = "(SELECT (hash(" + b + " * " + half + " + range) % " + rows + ")::BIGINT AS key FROM range("
                + half + ") UNION ALL SELECT " + rows + " + " + b + " * " + half + " + range FROM range(" + half + "))";
        return rowsSql("key + " + b, keys + " AS keys");
    }

    private static String rowsSql(String seed, String from) {
        return "SELECT " + (seed.equals("range") ? "range" : "key") + " AS id, CAST((" + seed + ") % 1000 AS INTEGER) AS k, "
                + "CAST(" + seed + " AS DOUBLE) * 0.5 AS v, printf('row-%016d', " + seed + ") AS s, "
                + "DATE '2020-01-01' + CAST((" + seed + ") % 2000 AS INTEGER) AS d, "
                + "TIMESTAMP '2020-01-01' + to_seconds(CAST(" + seed + " AS BIGINT)) AS ts FROM " + from;
    }

    private static DuckDBConnection open(Path file, String threshold) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("memory_limit", "4GB");
        properties.setProperty("threads", "2");
        if (file != null) {
            properties.setProperty("checkpoint_threshold", threshold);
        }
        return (DuckDBConnection) DriverManager.getConnection(
                file == null ? "jdbc:duckdb:" : "jdbc:duckdb:" + file.toAbsolutePath(), properties);
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

}
