package io.flock.benchmarks;

import io.flock.client.FlockClient;
import io.flock.client.QueryResult;
import io.flock.client.ingest.FlushMode;
import io.flock.client.ingest.IngestOptions;
import io.flock.client.ingest.IngestStream;
import io.flock.client.ingest.RowOperation;
import io.flock.client.ingest.StreamMode;
import io.flock.engine.worker.RootSequenceReader;
import io.flock.testing.TestingFlockServer;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.arrow.c.ArrowArrayStream;
import org.apache.arrow.c.Data;
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
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.postgresql.PGConnection;

/**
 * Append-only ingest of rows (bigint id, int, double, varchar ~20, date, timestamp) from one client:
 * Flock's SDK with typed row setters (AUTO_FLUSH_BACKGROUND), Flock's SDK applying Arrow batches,
 * AUTO_FLUSH_SYNC single-row latency (p50, p99), beside embedded DuckDB's appender and, with
 * {@code --postgres-url}, PostgreSQL COPY and batched INSERT. Every run checks the row count.
 * Started by {@code java -cp … io.flock.benchmarks.IngestBenchmark [--rows N] [--postgres-url URL]}
 * (see BENCHMARKS.md). Flock runs in-process on this JVM (the client competes with the server for
 * the two cores, as in production on one machine).
 */
public final class IngestBenchmark {
    private static final LocalDateTime EPOCH = LocalDateTime.of(2024, 1, 1, 0, 0);
    private static final String KEYED_TABLE = "CREATE OR REPLACE TABLE ingest_keyed (id BIGINT PRIMARY KEY,"
            + " s VARCHAR)";
    private static final String TABLE = "CREATE OR REPLACE TABLE ingest (id BIGINT, k INTEGER, v DOUBLE, s VARCHAR,"
            + " d DATE, ts TIMESTAMP)";

    private IngestBenchmark() {}

    /** One figure: what, how, rows per second (or a latency in ms). */
    record Line(String benchmark, String path, double value, String unit) {}

    /** The parts of the benchmark, for {@code --only}. */
    enum Part {
        ROWS, ARROW, SYNC, DUCKDB_ARROW, APPENDER, POSTGRES;

        static java.util.EnumSet<Part> parse(String list) {
            java.util.EnumSet<Part> parts = java.util.EnumSet.noneOf(Part.class);
            for (String name : list.split(",")) {
                try {
                    parts.add(valueOf(name.trim().replace('-', '_').toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("Unknown part '" + name + "' in --only; use any of rows, arrow,"
                            + " sync, duckdb-arrow, appender, postgres");
                }
            }
            return parts;
        }
    }

    /**
     * What to run: rows per measured run, rows per Arrow batch, the stream's batches in flight,
     * single-row latency rows, how often the two Arrow paths (Flock's and embedded DuckDB's) are
     * measured, alternating, and which parts run.
     */
    record Settings(long rows, int batchRows, int inFlight, int latencyRows, int warmups, int warmupBatches,
                    int rounds, String postgresUrl, java.util.Set<Part> parts) {}

    /** Rows of a warm-up run of the row path at most. */
    private static final long WARMUP_ROWS = 1_000_000;

    /**
     * Arrow batches sent before the measured runs (split over the warm-up runs). The per-batch code
     * of client and server runs a few times per batch, so the JIT compiles it only after a few
     * hundred batches: after 16 batches (2 × 1M rows) the measured runs still paid for compiling
     * (C2 threads were a third of the CPU) and grew cheaper run by run until about 200 batches.
     */
    private static final int WARMUP_BATCHES = 250;

    public static void main(String[] args) throws Exception {
        long rows = 2_000_000;
        int latencyRows = 2_000;
        String postgresUrl = null;
        int batchRows = IngestOptions.DEFAULT_MAX_BUFFER_ROWS;
        int inFlight = IngestOptions.defaults().maxBuffersInFlight();
        int rounds = 1;
        int warmups = 2;
        int warmupBatches = WARMUP_BATCHES;
        java.util.Set<Part> parts = java.util.EnumSet.allOf(Part.class);
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rows" -> rows = Long.parseLong(args[++i]);
                case "--batch-rows" -> batchRows = Integer.parseInt(args[++i]);
                case "--in-flight" -> inFlight = Integer.parseInt(args[++i]);
                case "--latency-rows" -> latencyRows = Integer.parseInt(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--warmup" -> warmups = Integer.parseInt(args[++i]);
                case "--warmup-batches" -> warmupBatches = Integer.parseInt(args[++i]);
                case "--only" -> parts = Part.parse(args[++i]);
                case "--postgres-url" -> postgresUrl = args[++i];
                default -> throw new IllegalArgumentException("Unknown option " + args[i]
                        + "; use --rows N, --batch-rows N, --in-flight N, --latency-rows N, --warmup N, --warmup-batches N,"
                        + " --rounds N, --only PART,…, --postgres-url URL");
            }
        }
        if (postgresUrl == null) {
            parts.remove(Part.POSTGRES);
        }
        Settings settings = new Settings(rows, batchRows, inFlight, latencyRows, warmups, warmupBatches,
                rounds, postgresUrl, parts);
        for (Line line : run(settings, System.err)) {
            System.out.printf(Locale.ROOT, "%-40s | %-48s | %10.3f %s%n", line.benchmark(), line.path(), line.value(),
                    line.unit());
        }
    }

    /** Every part at the defaults, one round: what {@code TestIngestBenchmarkSmoke} runs. */
    static List<Line> run(long rows, int batchRows, int latencyRows, String postgresUrl, PrintStream progress)
            throws Exception {
        java.util.Set<Part> parts = java.util.EnumSet.allOf(Part.class);
        if (postgresUrl == null) {
            parts.remove(Part.POSTGRES);
        }
        return run(new Settings(rows, batchRows, IngestOptions.defaults().maxBuffersInFlight(), latencyRows, 2, 4,
                1, postgresUrl, parts), progress);
    }

    static List<Line> run(Settings settings, PrintStream progress) throws Exception {
        List<Line> lines = new ArrayList<>();
        long rows = settings.rows();
        int batchRows = settings.batchRows();
        java.util.Set<Part> parts = settings.parts();
        String arrowPath = "Flock SDK apply(VectorSchemaRoot), " + batchRows / 1000 + "k-row batches"
                + (settings.inFlight() == IngestOptions.defaults().maxBuffersInFlight() ? ""
                : ", " + settings.inFlight() + " in flight");
        String duckDbPath = "DuckDB embedded (file), INSERT from " + batchRows / 1000 + "k-row Arrow batches";
        List<Run> flockArrow = new ArrayList<>();
        List<Run> duckDbArrow = new ArrayList<>();
        try (TestingFlockServer server = TestingFlockServer.builder()
                .dataDirectory(Files.createTempDirectory("flock-ingest-bench-")).build();
             FlockClient client = FlockClient.builder().host(server.host()).port(server.port())
                     .token(server.adminToken()).build()) {
            long warmupRows = Math.min(rows, WARMUP_ROWS);
            long warmupArrowRows = (long) settings.warmupBatches() * batchRows / Math.max(1, settings.warmups());
            for (int warm = 0; warm < settings.warmups(); warm++) {
                progress.println("Warm-up " + (warm + 1) + " of " + settings.warmups());
                if (parts.contains(Part.ROWS)) {
                    rowSetters(client, warmupRows, batchRows);
                }
                if (parts.contains(Part.ARROW)) {
                    arrowBatches(client, warmupArrowRows, batchRows, settings.inFlight());
                }
            }
            if (parts.contains(Part.DUCKDB_ARROW)) {
                duckDbArrowBatches(warmupRows, batchRows);
            }
            if (parts.contains(Part.ROWS)) {
                progress.println("SDK row setters, " + rows + " rows");
                String rowPath = "Flock SDK rows, AUTO_FLUSH_BACKGROUND"
                        + (batchRows == IngestOptions.DEFAULT_MAX_BUFFER_ROWS ? "" : ", " + batchRows + "-row batches");
                long cpu = ProcessCpu.nanos();
                lines.add(new Line("append-only ingest", rowPath, rowSetters(client, rows, batchRows) / 1e6,
                        "M rows/s"));
                lines.add(cpuLine(rowPath, cpu, rows));
            }
            for (int round = 0; round < settings.rounds(); round++) {
                if (parts.contains(Part.ARROW)) {
                    progress.println("SDK Arrow batches, " + rows + " rows, round " + (round + 1));
                    flockArrow.add(measure(rows, () -> arrowBatches(client, rows, batchRows, settings.inFlight()),
                            () -> client.executeUpdate("CHECKPOINT")));
                }
                if (parts.contains(Part.DUCKDB_ARROW)) {
                    progress.println("DuckDB Arrow batches, " + rows + " rows, round " + (round + 1));
                    duckDbArrow.add(duckDbArrowBatches(rows, batchRows));
                }
            }
            addMedians(lines, arrowPath, flockArrow);
            if (parts.contains(Part.SYNC)) {
                for (StreamMode mode : StreamMode.values()) {
                    progress.println("SDK AUTO_FLUSH_SYNC latency, " + mode + ", " + settings.latencyRows() + " rows");
                    Percentiles percentiles = Percentiles.of(syncLatency(client, settings.latencyRows(), mode));
                    String path = "Flock SDK AUTO_FLUSH_SYNC" + (mode == StreamMode.CDC
                            ? ", CDC UPSERT into a primary-key table" : "");
                    lines.add(new Line("single-row latency p50", path, percentiles.median() / 1e6, "ms"));
                    lines.add(new Line("single-row latency p99", path, percentiles.at(99) / 1e6, "ms"));
                }
            }
        }
        addMedians(lines, duckDbPath, duckDbArrow);
        if (parts.contains(Part.APPENDER)) {
            progress.println("DuckDB appender, " + rows + " rows");
            lines.add(new Line("append-only ingest", "DuckDB embedded (file), appender", duckDbAppender(rows) / 1e6,
                    "M rows/s"));
        }
        if (parts.contains(Part.POSTGRES)) {
            String postgresUrl = settings.postgresUrl();
            progress.println("PostgreSQL COPY and batched INSERT, " + rows + " rows");
            lines.add(new Line("append-only ingest", "PostgreSQL COPY (pgjdbc CopyManager)", postgresCopy(postgresUrl, rows)
                    / 1e6, "M rows/s"));
            lines.add(new Line("append-only ingest", "PostgreSQL batched INSERT (10k, rewritten)",
                    postgresInsert(postgresUrl, Math.min(rows, 1_000_000)) / 1e6, "M rows/s"));
        }
        return lines;
    }

    /**
     * One measured run of an Arrow path: the rate until every row is acknowledged, and the CPU time
     * of the whole process per million rows, without and with the {@code CHECKPOINT} that follows
     * (the rows' share of checkpoint work: without it a run's CPU depends on whether the write-ahead
     * log happened to cross the checkpoint threshold during the run).
     */
    record Run(double rowsPerSecond, double cpuPerMillion, double cpuPerMillionWithCheckpoint) {}

    @FunctionalInterface
    interface Measured {
        double run() throws Exception;
    }

    @FunctionalInterface
    interface Checkpoint {
        void run() throws Exception;
    }

    /** Checkpoints (untimed), then times {@code ingest} and the checkpoint after it. */
    private static Run measure(long rows, Measured ingest, Checkpoint checkpoint) throws Exception {
        checkpoint.run();
        long cpu = ProcessCpu.nanos();
        double rate = ingest.run();
        double cpuIngest = cpuPerMillion(cpu, rows);
        checkpoint.run();
        return new Run(rate, cpuIngest, cpuPerMillion(cpu, rows));
    }

    /** The medians of the rounds of one path (every round's figures in the path when more than one). */
    private static void addMedians(List<Line> lines, String path, List<Run> rounds) {
        if (rounds.isEmpty()) {
            return;
        }
        String suffix = "";
        if (rounds.size() > 1) {
            StringBuilder each = new StringBuilder(", median of");
            rounds.forEach(r -> each.append(String.format(Locale.ROOT, " %.2f/%.2f/%.2f", r.rowsPerSecond() / 1e6,
                    r.cpuPerMillion(), r.cpuPerMillionWithCheckpoint())));
            suffix = each.toString();
        }
        lines.add(new Line("append-only ingest", path + suffix, median(rounds, Run::rowsPerSecond) / 1e6, "M rows/s"));
        lines.add(new Line("append-only ingest CPU", path, median(rounds, Run::cpuPerMillion), "CPU s per M rows"));
        lines.add(new Line("append-only ingest CPU with checkpoint", path,
                median(rounds, Run::cpuPerMillionWithCheckpoint), "CPU s per M rows"));
    }

    private static double median(List<Run> rounds, java.util.function.ToDoubleFunction<Run> figure) {
        double[] sorted = rounds.stream().mapToDouble(figure).sorted().toArray();
        return sorted[sorted.length / 2];
    }

    /** CPU time of this process (server, client and DuckDB threads) per million rows since {@code startCpuNanos}. */
    private static Line cpuLine(String path, long startCpuNanos, long rows) {
        return new Line("append-only ingest CPU", path, cpuPerMillion(startCpuNanos, rows), "CPU s per M rows");
    }

    private static double cpuPerMillion(long startCpuNanos, long rows) {
        return (ProcessCpu.nanos() - startCpuNanos) / 1e9 / (rows / 1e6);
    }

    static String text(long i) {
        return "value-" + (1_000_000_000_000L + i);
    }

    /** The SDK's row setters in background mode, {@code batchRows} rows per batch (the default: the SDK's). */
    static double rowSetters(FlockClient client, long rows, int batchRows) {
        client.executeUpdate(TABLE);
        long start = System.nanoTime();
        try (IngestStream stream = client.openStream("default_db", "ingest", StreamMode.APPEND_ONLY,
                IngestOptions.builder().maxBufferRows(batchRows).build())) {
            for (long i = 0; i < rows; i++) {
                stream.apply(stream.createRow(RowOperation.INSERT).setLong("id", i).setLong("k", i % 1000)
                        .setDouble("v", i * 0.5).setString("s", text(i)).setDate("d", EPOCH.toLocalDate().plusDays(i % 3650))
                        .setTimestamp("ts", EPOCH.plusSeconds(i)));
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        check(client, rows);
        return rows / seconds;
    }

    static double arrowBatches(FlockClient client, long rows, int batch, int inFlight) {
        client.executeUpdate(TABLE);
        long start = System.nanoTime();
        try (BufferAllocator allocator = new RootAllocator();
             VectorSchemaRoot root = VectorSchemaRoot.create(ARROW_SCHEMA, allocator);
             IngestStream stream = client.openStream("default_db", "ingest", StreamMode.APPEND_ONLY,
                     IngestOptions.builder().maxBuffersInFlight(inFlight).build())) {
            for (long first = 0; first < rows; first += batch) {
                fill(root, first, (int) Math.min(batch, rows - first));
                stream.apply(root);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        check(client, rows);
        return rows / seconds;
    }

    private static final Schema ARROW_SCHEMA = new Schema(List.of(field("id", new ArrowType.Int(64, true)),
            field("k", new ArrowType.Int(32, true)), field("v", new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)),
            field("s", ArrowType.Utf8.INSTANCE), field("d", new ArrowType.Date(DateUnit.DAY)),
            field("ts", new ArrowType.Timestamp(TimeUnit.MICROSECOND, null))));

    /** Fills {@code root} with rows {@code first .. first + n - 1} of the benchmark's data. */
    private static void fill(VectorSchemaRoot root, long first, int n) {
        long epochMicros = EPOCH.toEpochSecond(java.time.ZoneOffset.UTC) * 1_000_000L;
        int epochDay = (int) EPOCH.toLocalDate().toEpochDay();
        root.allocateNew();
        BigIntVector id = (BigIntVector) root.getVector(0);
        IntVector k = (IntVector) root.getVector(1);
        Float8Vector v = (Float8Vector) root.getVector(2);
        VarCharVector s = (VarCharVector) root.getVector(3);
        DateDayVector d = (DateDayVector) root.getVector(4);
        TimeStampMicroVector ts = (TimeStampMicroVector) root.getVector(5);
        for (int j = 0; j < n; j++) {
            long i = first + j;
            id.setSafe(j, i);
            k.setSafe(j, (int) (i % 1000));
            v.setSafe(j, i * 0.5);
            s.setSafe(j, text(i).getBytes(StandardCharsets.UTF_8));
            d.setSafe(j, epochDay + (int) (i % 3650));
            ts.setSafe(j, epochMicros + i * 1_000_000L);
        }
        root.setRowCount(n);
    }

    /**
     * Embedded DuckDB's own insert of the same Arrow batches into a file-backed table, one
     * autocommitted {@code INSERT … SELECT} from each registered batch — the limit a server that
     * writes through DuckDB can approach. Like the Flock path, the batches are built while timing.
     */
    static Run duckDbArrowBatches(long rows, int batch) throws Exception {
        java.nio.file.Path dir = Files.createTempDirectory("duckdb-ingest-bench-");
        java.util.Properties settings = new java.util.Properties();
        settings.setProperty("threads", "2");
        settings.setProperty("checkpoint_threshold", "256MB");
        try (BufferAllocator allocator = new RootAllocator();
             DuckDBConnection connection = (DuckDBConnection) DriverManager.getConnection(
                     "jdbc:duckdb:" + dir.resolve("bench.duckdb"), settings);
             Statement statement = connection.createStatement();
             VectorSchemaRoot root = VectorSchemaRoot.create(ARROW_SCHEMA, allocator)) {
            statement.execute(TABLE);
            Run run = measure(rows, () -> {
                long start = System.nanoTime();
                int view = 0;
                for (long first = 0; first < rows; first += batch) {
                    fill(root, first, (int) Math.min(batch, rows - first));
                    try (ArrowArrayStream stream = ArrowArrayStream.allocateNew(allocator);
                         ArrowReader reader = new OneBatchReader(allocator, root)) {
                        Data.exportArrayStream(allocator, reader, stream);
                        connection.registerArrowStream("batch_" + ++view, stream);
                        statement.execute("INSERT INTO ingest BY NAME SELECT * FROM batch_" + view);
                        statement.execute("DROP VIEW batch_" + view);
                    }
                }
                return rows / ((System.nanoTime() - start) / 1e9);
            }, () -> statement.execute("CHECKPOINT"));
            checkRowCount(statement, rows);
            return run;
        }
    }

    /** Fails unless embedded DuckDB's table {@code ingest} holds exactly {@code rows} rows. */
    private static void checkRowCount(Statement statement, long rows) throws SQLException {
        try (var rs = statement.executeQuery("SELECT count(*) FROM ingest")) {
            rs.next();
            if (rs.getLong(1) != rows) {
                throw new IllegalStateException("DuckDB table holds " + rs.getLong(1) + " rows, not " + rows);
            }
        }
    }

    /** The current content of one root as a one-batch Arrow stream (no copy). */
    private static final class OneBatchReader extends RootSequenceReader {
        private final VectorSchemaRoot source;
        private boolean read;

        OneBatchReader(BufferAllocator allocator, VectorSchemaRoot source) {
            super(allocator);
            this.source = source;
        }

        @Override
        protected VectorSchemaRoot nextRoot() {
            if (read) {
                return null;
            }
            read = true;
            return source;
        }

        @Override
        protected Schema readSchema() {
            return source.getSchema();
        }
    }

    /**
     * The time of each {@code apply()} of a single row in {@code AUTO_FLUSH_SYNC}: an INSERT into
     * the append-only table, or, for {@code CDC}, an UPSERT into a primary-key table whose keys repeat
     * (from the second half on, every row replaces one).
     */
    static long[] syncLatency(FlockClient client, int rows, StreamMode mode) {
        boolean cdc = mode == StreamMode.CDC;
        client.executeUpdate(cdc ? KEYED_TABLE : TABLE);
        long[] nanos = new long[rows];
        long keys = Math.max(1, rows / 2);
        try (IngestStream stream = client.openStream("default_db", cdc ? "ingest_keyed" : "ingest", mode,
                IngestOptions.builder().flushMode(FlushMode.AUTO_FLUSH_SYNC).build())) {
            for (int i = 0; i < rows; i++) {
                long start = System.nanoTime();
                stream.apply(stream.createRow(cdc ? RowOperation.UPSERT : RowOperation.INSERT)
                        .setLong("id", cdc ? i % keys : i).setString("s", text(i)));
                nanos[i] = System.nanoTime() - start;
            }
        }
        if (cdc) {
            try (QueryResult result = client.execute("SELECT count(*) FROM ingest_keyed")) {
                long count = result.rows().next().getLong(0);
                if (count != Math.min(rows, keys)) {
                    throw new IllegalStateException("Flock table ingest_keyed holds " + count + " rows, not " + keys);
                }
            }
        } else {
            check(client, rows);
        }
        return nanos;
    }

    private static Field field(String name, ArrowType type) {
        return new Field(name, FieldType.nullable(type), null);
    }

    private static void check(FlockClient client, long rows) {
        try (QueryResult result = client.execute("SELECT count(*) FROM ingest")) {
            long count = result.rows().next().getLong(0);
            if (count != rows) {
                throw new IllegalStateException("Flock table ingest holds " + count + " rows, not " + rows);
            }
        }
    }

    static double duckDbAppender(long rows) throws Exception {
        java.nio.file.Path dir = Files.createTempDirectory("duckdb-ingest-bench-");
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + dir.resolve("bench.duckdb"));
             Statement statement = connection.createStatement()) {
            statement.execute(TABLE);
            long start = System.nanoTime();
            try (DuckDBAppender appender = ((DuckDBConnection) connection).createAppender("main", "ingest")) {
                for (long i = 0; i < rows; i++) {
                    appender.beginRow();
                    appender.append(i);
                    appender.append((int) (i % 1000));
                    appender.append(i * 0.5);
                    appender.append(text(i));
                    appender.append(EPOCH.toLocalDate().plusDays(i % 3650));
                    appender.append(EPOCH.plusSeconds(i));
                    appender.endRow();
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            checkRowCount(statement, rows);
            return rows / seconds;
        }
    }

    static double postgresCopy(String url, long rows) throws Exception {
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS ingest");
            statement.execute("CREATE TABLE ingest (id BIGINT, k INTEGER, v DOUBLE PRECISION, s VARCHAR, d DATE, ts TIMESTAMP)");
            long start = System.nanoTime();
            var copy = connection.unwrap(PGConnection.class).getCopyAPI();
            int chunk = 100_000;
            for (long first = 0; first < rows; first += chunk) {
                StringBuilder text = new StringBuilder();
                for (long i = first; i < Math.min(rows, first + chunk); i++) {
                    text.append(i).append('\t').append(i % 1000).append('\t').append(i * 0.5).append('\t').append(text(i))
                            .append('\t').append(EPOCH.toLocalDate().plusDays(i % 3650)).append('\t')
                            .append(EPOCH.plusSeconds(i)).append('\n');
                }
                copy.copyIn("COPY ingest FROM STDIN", new StringReader(text.toString()));
            }
            return rows / ((System.nanoTime() - start) / 1e9);
        }
    }

    static double postgresInsert(String url, long rows) throws Exception {
        String rewrite = url + (url.contains("?") ? "&" : "?") + "reWriteBatchedInserts=true";
        try (Connection connection = DriverManager.getConnection(rewrite); Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS ingest");
            statement.execute("CREATE TABLE ingest (id BIGINT, k INTEGER, v DOUBLE PRECISION, s VARCHAR, d DATE, ts TIMESTAMP)");
            long start = System.nanoTime();
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO ingest VALUES (?, ?, ?, ?, ?, ?)")) {
                for (long i = 0; i < rows; i++) {
                    insert.setLong(1, i);
                    insert.setInt(2, (int) (i % 1000));
                    insert.setDouble(3, i * 0.5);
                    insert.setString(4, text(i));
                    insert.setObject(5, EPOCH.toLocalDate().plusDays(i % 3650));
                    insert.setObject(6, EPOCH.plusSeconds(i));
                    insert.addBatch();
                    if ((i + 1) % 10_000 == 0) {
                        insert.executeBatch();
                    }
                }
                insert.executeBatch();
            }
            return rows / ((System.nanoTime() - start) / 1e9);
        }
    }
}
