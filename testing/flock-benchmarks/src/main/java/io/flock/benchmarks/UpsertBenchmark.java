package io.flock.benchmarks;

import io.flock.client.FlockClient;
import io.flock.client.ingest.IngestOptions;
import io.flock.client.ingest.IngestStream;
import io.flock.client.ingest.StreamMode;
import io.flock.engine.FlockEngine;
import io.flock.engine.query.RunningQuery;
import io.flock.engine.query.Session;
import io.flock.engine.worker.TableWrite;
import io.flock.testing.TestingFlockServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;

/**
 * Upserts into a primary-key table of {@code rows} rows (bigint id, int, double, varchar ~20, date,
 * timestamp) in batches of 10,000 rows (or {@code --batch-rows}), half new keys and half existing keys scattered over the
 * table, through {@link FlockEngine#append} with {@link TableWrite#upsertInto} (the storage path
 * under CDC streams) and through a CDC stream of the Java SDK over Arrow Flight, into a table whose
 * key DuckDB's index keeps and one created {@code WITH (key_index = false)}; beside PostgreSQL
 * {@code INSERT … ON CONFLICT DO UPDATE} with the same batches and, as the limit, embedded DuckDB
 * upserting up to 8 of the same batches itself ({@link EmbeddedUpserts}).
 *
 * <p>Two Flock figures: <em>acknowledged</em> counts the time of the writes alone; <em>sustained</em>
 * also counts folding every delta into the table, until a query sees the last row. Started by
 * {@code FLOCK_BENCH_MAIN=io.flock.benchmarks.UpsertBenchmark testing/flock-benchmarks/run
 * [--rows 1000000,10000000] [--batches 200]} (see BENCHMARKS.md).
 */
public final class UpsertBenchmark {
    static final int DEFAULT_BATCH_ROWS = 10_000;
    /** Batches upserted into embedded DuckDB (the limit): its {@code ON CONFLICT} is slow, so at most this many. */
    private static final int EMBEDDED_BATCHES = 8;

    private static final byte[] UPSERT = "UPSERT".getBytes(StandardCharsets.UTF_8);

    private UpsertBenchmark() {}

    /** What one measurement found. */
    record Figures(long tableRows, long upserts, double acknowledgedRowsPerSecond, double sustainedRowsPerSecond,
                   double cpuSecondsPerMillion, double finalWaitSeconds) {}

    public static void main(String[] args) throws Exception {
        List<Long> sizes = List.of(1_000_000L, 10_000_000L);
        int batches = 200;
        String postgresUrl = null;
        String compactionInterval = "1s";
        String compactionRows = "500000";
        int batchRows = DEFAULT_BATCH_ROWS;
        Map<String, String> properties = new LinkedHashMap<>();
        List<Boolean> keyIndexes = List.of(true, false);
        List<Path> paths = List.of(Path.ENGINE, Path.SDK);
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rows" -> sizes = parseSizes(args[++i]);
                case "--batches" -> batches = Integer.parseInt(args[++i]);
                case "--batch-rows" -> batchRows = Integer.parseInt(args[++i]);
                case "--compaction-interval" -> compactionInterval = args[++i];
                case "--compaction-rows" -> compactionRows = args[++i];
                case "--postgres-url" -> postgresUrl = args[++i];
                case "--property" -> ServerProperties.add(properties, args[++i]);
                case "--key-index" -> keyIndexes = parseKeyIndexes(args[++i]);
                case "--path" -> paths = parsePaths(args[++i]);
                default -> throw new IllegalArgumentException("Unknown option '" + args[i]
                        + "'; use --rows N[,N…] --batches N --batch-rows N --key-index true|false|both --path engine|sdk|both"
                        + " --compaction-interval DURATION --compaction-rows N --property KEY=VALUE --postgres-url URL");
            }
        }
        PrintStream progress = System.err;
        List<Result> results = new ArrayList<>();
        String loadBefore = LoadAverage.oneMinute();
        for (long rows : sizes) {
            for (boolean keyIndex : keyIndexes) {
                for (Path via : paths) {
                    Figures flock = flock(rows, batches, batchRows, compactionInterval, compactionRows, keyIndex, via,
                            properties, progress);
                    String path = via.label + (keyIndex ? "" : ", key_index = false");
                    String size = "upsert into " + label(rows) + " rows";
                    results.add(Result.reference(size + ", acknowledged", path, flock.acknowledgedRowsPerSecond(),
                            Result.Unit.ROWS_PER_SECOND, flock.upserts()));
                    results.add(Result.atLeast(size + ", sustained", path, flock.sustainedRowsPerSecond(),
                            Result.Unit.ROWS_PER_SECOND, flock.upserts(), 500_000));
                    results.add(Result.reference(size + ", CPU s per M rows", path, flock.cpuSecondsPerMillion(),
                            Result.Unit.SECONDS, flock.upserts()));
                    results.add(Result.reference(size + ", wait of the last query", path, flock.finalWaitSeconds(),
                            Result.Unit.SECONDS, 1));
                }
            }
            int embeddedBatches = Math.min(batches, EMBEDDED_BATCHES);
            try (BufferAllocator allocator = new RootAllocator()) {
                for (EmbeddedUpserts.Strategy strategy : EmbeddedUpserts.Strategy.values()) {
                    double rate = EmbeddedUpserts.run(strategy, rows, embeddedBatches, batchRows, allocator, progress);
                    results.add(Result.reference("upsert into " + label(rows) + " rows", strategy.path(), rate,
                            Result.Unit.ROWS_PER_SECOND, (long) embeddedBatches * batchRows));
                }
            }
            if (postgresUrl != null) {
                double postgres = postgres(postgresUrl, rows, Math.min(batches, 50), batchRows, progress);
                results.add(Result.reference("upsert into " + label(rows) + " rows", "PostgreSQL, ON CONFLICT",
                        postgres, Result.Unit.ROWS_PER_SECOND, (long) Math.min(batches, 50) * batchRows));
            }
        }
        Runtime runtime = Runtime.getRuntime();
        System.out.printf("Upsert benchmark: batches of %,d rows (half new keys, half existing keys scattered),"
                        + " %d batches per Flock run; storage.compaction-interval=%s, storage.compaction-rows=%s; %s;"
                        + " machine: %d processors, Java %s; 1-minute load average %s at start, %s at end%n%n",
                batchRows, batches, compactionInterval, compactionRows, properties, runtime.availableProcessors(),
                System.getProperty("java.version"), loadBefore, LoadAverage.oneMinute());
        System.out.println(ResultTable.render(results));
    }

    private static List<Long> parseSizes(String text) {
        List<Long> sizes = new ArrayList<>();
        for (String size : text.split(",")) {
            sizes.add(Long.parseLong(size.replace("_", "").strip()));
        }
        return sizes;
    }

    /** How the upserts reach the server. */
    enum Path {
        /** {@link FlockEngine#append} in the server's JVM: the storage path alone. */
        ENGINE("Flock, engine append"),
        /** A CDC stream of the Java SDK over Arrow Flight: every batch as {@code apply(VectorSchemaRoot)}. */
        SDK("Flock SDK, CDC stream");

        private final String label;

        Path(String label) {
            this.label = label;
        }
    }

    private static List<Path> parsePaths(String text) {
        return switch (text) {
            case "engine" -> List.of(Path.ENGINE);
            case "sdk" -> List.of(Path.SDK);
            case "both" -> List.of(Path.ENGINE, Path.SDK);
            default -> throw new IllegalArgumentException("--path is engine, sdk or both, not '" + text + "'");
        };
    }

    /** {@code true}, {@code false} or {@code both}: the tables' key kept by DuckDB's index, by Flock, or each in turn. */
    private static List<Boolean> parseKeyIndexes(String text) {
        return switch (text) {
            case "true" -> List.of(true);
            case "false" -> List.of(false);
            case "both" -> List.of(true, false);
            default -> throw new IllegalArgumentException("--key-index is true, false or both, not '" + text + "'");
        };
    }

    private static String label(long rows) {
        return rows % 1_000_000 == 0 ? rows / 1_000_000 + "M" : String.format("%,d", rows);
    }

    /** Loads the table in a fresh in-process server, then upserts {@code batches} batches. */
    static Figures flock(long rows, int batches, int batchRows, String compactionInterval, String compactionRows,
                         boolean keyIndex, Path via, Map<String, String> properties, PrintStream progress)
            throws Exception {
        TestingFlockServer.Builder builder = TestingFlockServer.builder()
                .property("storage.compaction-interval", compactionInterval)
                .property("storage.compaction-rows", compactionRows);
        properties.forEach(builder::property);
        try (TestingFlockServer server = builder.build();
             BufferAllocator allocator = new RootAllocator()) {
            FlockEngine engine = server.server().engine();
            Session session = engine.session(engine.principal("admin"), Optional.of("default_db"));
            long start = System.nanoTime();
            engine.executeUpdate(session, "CREATE TABLE u (id BIGINT PRIMARY KEY, k INTEGER, v DOUBLE, s VARCHAR,"
                    + " d DATE, ts TIMESTAMP) WITH (key_index = " + keyIndex + ")", List.of(), allocator);
            engine.executeUpdate(session, loadSql(rows), List.of(), allocator);
            engine.executeUpdate(session, "CHECKPOINT", List.of(), allocator);
            progress.printf("Flock: %,d rows loaded into a primary-key table (key_index = %s) in %.1f s%n", rows,
                    keyIndex, (System.nanoTime() - start) / 1e9);
            List<byte[]> data = new ArrayList<>();
            for (int b = 0; b < batches; b++) {
                data.add(batch(allocator, rows, batchRows, b, via == Path.SDK));
            }
            long upserts = 0;
            long cpuStart = ProcessCpu.nanos();
            start = System.nanoTime();
            if (via == Path.SDK) {
                upserts = viaSdk(server, data, allocator);
            } else {
                for (byte[] batch : data) {
                    try (ArrowStreamReader reader = new ArrowStreamReader(new ByteArrayInputStream(batch), allocator)) {
                        upserts += engine.append(session, TableWrite.upsertInto("main", "u"), reader, allocator);
                    }
                }
            }
            long acknowledged = System.nanoTime() - start;
            long cpuAcknowledged = ProcessCpu.nanos() - cpuStart;
            long count = count(engine, session, allocator);
            long sustained = System.nanoTime() - start;
            long cpu = ProcessCpu.nanos() - cpuStart;
            long expected = rows + (long) batches * (batchRows / 2);
            if (count != expected) {
                throw new IllegalStateException("Flock table holds " + count + " rows after the upserts, not " + expected);
            }
            progress.printf("Flock: database file after the upserts: %s%n", databaseSize(engine, session, allocator));
            Figures figures = new Figures(rows, upserts, upserts / (acknowledged / 1e9), upserts / (sustained / 1e9),
                    cpu / 1e9 / (upserts / 1e6), (sustained - acknowledged) / 1e9);
            progress.printf("Flock: %,d upserts into %,d rows: acknowledged %,.0f rows/s, sustained %,.0f rows/s,"
                            + " %.2f CPU s per M rows (%.2f until acknowledged), the last query waited %.2f s%n", upserts,
                    rows, figures.acknowledgedRowsPerSecond(), figures.sustainedRowsPerSecond(),
                    figures.cpuSecondsPerMillion(), cpuAcknowledged / 1e9 / (upserts / 1e6), figures.finalWaitSeconds());
            return figures;
        }
    }

    /**
     * Sends the batches through one CDC stream of the SDK (default options: background flushes,
     * several batches in flight), each as {@code apply(VectorSchemaRoot)}; returns once every batch
     * is acknowledged (the stream's close).
     */
    private static long viaSdk(TestingFlockServer server, List<byte[]> data, BufferAllocator allocator)
            throws IOException {
        long upserts = 0;
        try (FlockClient client = FlockClient.builder().host(server.host()).port(server.port())
                .token(server.adminToken()).build();
             IngestStream stream = client.openStream("default_db", "u", StreamMode.CDC, IngestOptions.defaults())) {
            for (byte[] batch : data) {
                try (ArrowStreamReader reader = new ArrowStreamReader(new ByteArrayInputStream(batch), allocator)) {
                    reader.loadNextBatch();
                    stream.apply(reader.getVectorSchemaRoot());
                    upserts += reader.getVectorSchemaRoot().getRowCount();
                }
            }
        }
        return upserts;
    }

    private static long count(FlockEngine engine, Session session, BufferAllocator allocator) throws Exception {
        RunningQuery query = engine.submit(session, "SELECT count(*) FROM u", List.of(), allocator);
        try {
            query.awaitStarted();
            ArrowReader reader = query.reader().orElseThrow();
            reader.loadNextBatch();
            long count = ((BigIntVector) reader.getVectorSchemaRoot().getVector(0)).get(0);
            query.finish();
            return count;
        } catch (RuntimeException e) {
            throw query.fail(e);
        }
    }

    /** DuckDB's size figures of the database (file, free blocks, write-ahead log), as text. */
    private static String databaseSize(FlockEngine engine, Session session, BufferAllocator allocator) throws Exception {
        RunningQuery query = engine.submit(session, "SELECT database_size || ', ' || free_blocks || ' free blocks of '"
                + " || total_blocks || ', write-ahead log ' || wal_size FROM pragma_database_size()"
                + " WHERE database_name = current_database()", List.of(), allocator);
        try {
            query.awaitStarted();
            ArrowReader reader = query.reader().orElseThrow();
            reader.loadNextBatch();
            String size = reader.getVectorSchemaRoot().getVector(0).getObject(0).toString();
            query.finish();
            return size;
        } catch (RuntimeException e) {
            throw query.fail(e);
        }
    }

    /** The statement that fills table {@code u} with {@code rows} rows before the upserts. */
    static String loadSql(long rows) {
        return "INSERT INTO u SELECT range, CAST(range % 1000 AS INTEGER), range * 0.5, printf('row-%016d', range),"
                + " DATE '2020-01-01' + CAST(range % 2000 AS INTEGER), TIMESTAMP '2020-01-01' + to_seconds(range)"
                + " FROM range(" + rows + ")";
    }

    /** Key {@code i} of batch {@code b}: the first half existing keys spread over the table, then new keys. */
    static long key(long rows, int batchRows, int b, int i) {
        int half = batchRows / 2;
        if (i < half) {
            long n = (long) b * half + i;
            return Math.floorMod(n * 2_654_435_761L + 12_345, rows);
        }
        return rows + (long) b * half + (i - half);
    }

    /** One batch as an Arrow IPC stream, as a client sends it. */
    static byte[] batch(BufferAllocator allocator, long rows, int batchRows, int b) throws IOException {
        return batch(allocator, rows, batchRows, b, false);
    }

    /** One batch; with {@code withOperation} each row also carries {@code __flock_op = 'UPSERT'}, as CDC streams send. */
    static byte[] batch(BufferAllocator allocator, long rows, int batchRows, int b, boolean withOperation)
            throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (BigIntVector id = new BigIntVector("id", allocator);
             IntVector k = new IntVector("k", allocator);
             Float8Vector v = new Float8Vector("v", allocator);
             VarCharVector s = new VarCharVector("s", allocator);
             DateDayVector d = new DateDayVector("d", allocator);
             TimeStampMicroVector ts = new TimeStampMicroVector("ts", allocator);
             VarCharVector op = new VarCharVector(TableWrite.OPERATION_COLUMN, allocator);
             VectorSchemaRoot root = withOperation ? VectorSchemaRoot.of(id, k, v, s, d, ts, op)
                     : VectorSchemaRoot.of(id, k, v, s, d, ts);
             ArrowStreamWriter writer = new ArrowStreamWriter(root, null, bytes)) {
            root.allocateNew();
            long epochDay = LocalDate.of(2024, 1, 1).toEpochDay();
            long micros = LocalDateTime.of(2024, 1, 1, 0, 0).toEpochSecond(java.time.ZoneOffset.UTC) * 1_000_000L;
            for (int i = 0; i < batchRows; i++) {
                long key = key(rows, batchRows, b, i);
                id.setSafe(i, key);
                k.setSafe(i, (int) (key % 1000));
                v.setSafe(i, key * 0.25);
                s.setSafe(i, String.format("upd-%016d", key).getBytes(StandardCharsets.UTF_8));
                d.setSafe(i, (int) (epochDay + key % 365));
                ts.setSafe(i, micros + key * 1_000_000L);
                if (withOperation) {
                    op.setSafe(i, UPSERT);
                }
            }
            root.setRowCount(batchRows);
            writer.start();
            writer.writeBatch();
            writer.end();
        }
        return bytes.toByteArray();
    }

    /** Loads the table into PostgreSQL, then upserts with {@code INSERT … ON CONFLICT}; returns rows/s. */
    static double postgres(String url, long rows, int batches, int batchRows, PrintStream progress)
            throws Exception {
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            long start = System.nanoTime();
            statement.execute("DROP TABLE IF EXISTS u");
            statement.execute("CREATE TABLE u (id BIGINT PRIMARY KEY, k INTEGER, v DOUBLE PRECISION, s VARCHAR,"
                    + " d DATE, ts TIMESTAMP)");
            statement.execute("INSERT INTO u SELECT i, CAST(i % 1000 AS INTEGER), i * 0.5, 'row-' || lpad(i::text, 16, '0'),"
                    + " DATE '2020-01-01' + CAST(i % 2000 AS INTEGER), TIMESTAMP '2020-01-01' + i * INTERVAL '1 second'"
                    + " FROM generate_series(0, " + (rows - 1) + ") AS i");
            statement.execute("VACUUM ANALYZE u");
            progress.printf("PostgreSQL: %,d rows loaded in %.1f s%n", rows, (System.nanoTime() - start) / 1e9);
            long total = 0;
            long nanos = 0;
            try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO u SELECT * FROM unnest(?::bigint[],"
                    + " ?::integer[], ?::double precision[], ?::varchar[], ?::date[], ?::timestamp[])"
                    + " ON CONFLICT (id) DO UPDATE SET k = excluded.k, v = excluded.v, s = excluded.s, d = excluded.d,"
                    + " ts = excluded.ts")) {
                for (int b = 0; b < batches; b++) {
                    Object[][] columns = new Object[6][batchRows];
                    for (int i = 0; i < batchRows; i++) {
                        long key = key(rows, batchRows, b, i);
                        columns[0][i] = key;
                        columns[1][i] = (int) (key % 1000);
                        columns[2][i] = key * 0.25;
                        columns[3][i] = String.format("upd-%016d", key);
                        columns[4][i] = java.sql.Date.valueOf(LocalDate.of(2024, 1, 1).plusDays(key % 365));
                        columns[5][i] = java.sql.Timestamp.valueOf(LocalDateTime.of(2024, 1, 1, 0, 0).plusSeconds(key));
                    }
                    String[] types = {"bigint", "integer", "float8", "varchar", "date", "timestamp"};
                    for (int c = 0; c < 6; c++) {
                        upsert.setArray(c + 1, connection.createArrayOf(types[c], columns[c]));
                    }
                    long batchStart = System.nanoTime();
                    total += upsert.executeUpdate();
                    nanos += System.nanoTime() - batchStart;
                }
            }
            double seconds = nanos / 1e9;
            try (ResultSet rs = statement.executeQuery("SELECT count(*) FROM u")) {
                rs.next();
                if (rs.getLong(1) != rows + (long) batches * (batchRows / 2)) {
                    throw new IllegalStateException("PostgreSQL table holds " + rs.getLong(1) + " rows after the upserts");
                }
            }
            double rate = total / seconds;
            progress.printf("PostgreSQL: %,d upserts into %,d rows: %,.0f rows/s%n", total, rows, rate);
            statement.execute("DROP TABLE u");
            return rate;
        }
    }
}
