package io.flock.benchmarks;

import io.flock.client.FlockClient;
import io.flock.client.bulk.BulkCompression;
import io.flock.client.bulk.BulkFormat;
import io.flock.client.bulk.BulkOptions;
import io.flock.client.bulk.PartSource;
import io.flock.testing.TestingFlockServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Bulk export and import over HTTP (docs/bulk.md) against PostgreSQL's {@code COPY … TO STDOUT} /
 * {@code COPY … FROM STDIN} and, as the limit, embedded DuckDB's own {@code COPY … TO} / {@code COPY
 * … FROM} of a file: {@code rows} rows of 6 columns (BIGINT, INTEGER, DOUBLE, VARCHAR of about 20
 * characters, DATE, TIMESTAMP) as CSV, gzip-compressed CSV and Parquet, serially and in 4 parts,
 * through the Flock SDK. Start it with {@code testing/flock-benchmarks/run --bulk}.
 *
 * <p>Every selected row runs once per round — one warm-up round, then {@code --runs} measured
 * rounds — so whatever else holds the machine's cores for a while slows every row alike, and the
 * ratios between rows (Flock against PostgreSQL, Parquet against CSV) stay comparable.
 *
 * <p>Arguments: {@code --rows N} (default 10,000,000, as the issue asks), {@code --runs N}
 * (measured rounds, default 3), {@code --postgres-url URL}, {@code --only REGEX} (measure only the
 * rows whose "operation, path" contains a match, e.g. {@code "export csv,"} or {@code "1 stream"};
 * imports need their export's file, so an import row also runs the export it reads, unmeasured),
 * {@code --property KEY=VALUE} (a server setting, repeatable, e.g.
 * {@code bulk.import-piece-size=64MB}).
 */
public final class BulkBenchmarkMain {
    private static final String COLUMNS = "range AS id, CAST(range % 100000 AS INTEGER) AS k, CAST(range AS DOUBLE) * 0.25 AS v,"
            + " printf('name-%015d', range) AS s, DATE '2020-01-01' + CAST(range % 3000 AS INTEGER) AS d,"
            + " TIMESTAMP '2020-01-01' + to_seconds(range) AS ts";
    private static final String PG_COLUMNS = "g AS id, (g % 100000)::integer AS k, g * 0.25::float8 AS v,"
            + " 'name-' || lpad(g::text, 15, '0') AS s, DATE '2020-01-01' + (g % 3000)::integer AS d,"
            + " TIMESTAMP '2020-01-01' + g * INTERVAL '1 second' AS ts";
    /** The Parquet options Flock's exports use (docs/bulk.md), so the limit writes the same file. */
    private static final String FLOCK_PARQUET = "FORMAT parquet, COMPRESSION zstd, COMPRESSION_LEVEL 1, DICTIONARY_SIZE_LIMIT 0";
    private static final String SERIAL = "Flock HTTP, 1 stream";
    private static final String PARALLEL = "Flock HTTP, 4 parts";
    private static final String EMBEDDED_EXPORT = "DuckDB embedded, COPY TO file";
    private static final String EMBEDDED_IMPORT = "DuckDB embedded, COPY FROM file";

    private BulkBenchmarkMain() {
    }

    private record Row(String operation, String path, double seconds, double cpuSeconds, long rows, long bytes) {
        double rowsPerSecond() {
            return rows / seconds;
        }
    }

    /** One run of a row; returns the bytes of the file it wrote or read. */
    @FunctionalInterface
    private interface Body {
        long run() throws Exception;
    }

    /**
     * A row of the table: {@code prepare} (null for none) makes what {@code body} reads — the file an
     * import needs — when the row is measured without the row that would have made it.
     */
    private record Case(String operation, String path, Body body, Body prepare) {
        String name() {
            return operation + ", " + path;
        }
    }

    public static void main(String[] args) throws Exception {
        long rows = 10_000_000;
        int runs = 3;
        java.util.Map<String, String> properties = new java.util.LinkedHashMap<>();
        String postgresUrl = null;
        Pattern only = Pattern.compile(".*");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rows" -> rows = Long.parseLong(args[++i].replace("_", ""));
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--postgres-url" -> postgresUrl = args[++i];
                case "--only" -> only = Pattern.compile(args[++i]);
                case "--property" -> {
                    try {
                        ServerProperties.add(properties, args[++i]);
                    } catch (IllegalArgumentException e) {
                        System.err.println(e.getMessage());
                        System.exit(2);
                    }
                }
                default -> {
                    System.err.println("Unknown argument " + args[i] + "; use --rows N --runs N --postgres-url URL"
                            + " --only REGEX --property KEY=VALUE");
                    System.exit(2);
                }
            }
        }
        Path work = Files.createTempDirectory("flock-bulk-bench-");
        String loadBefore = LoadAverage.oneMinute();
        TestingFlockServer.Builder builder = TestingFlockServer.builder();
        properties.forEach(builder::property);
        List<Row> results;
        try (TestingFlockServer server = builder.build();
             FlockClient client = FlockClient.builder().host(server.host()).port(server.port())
                     .httpPort(server.server().httpPort()).token(server.adminToken()).build();
             EmbeddedDuckDb duckdb = EmbeddedDuckDb.open();
             Connection postgres = postgresUrl == null ? null : DriverManager.getConnection(postgresUrl)) {
            List<Case> cases = new ArrayList<>(flockCases(client, rows, work));
            cases.addAll(embeddedCases(duckdb, rows, work));
            if (postgres != null) {
                cases.addAll(postgresCases(postgres, rows, work));
            }
            Pattern selected = only;
            cases.removeIf(c -> !selected.matcher(c.name()).find());
            load(client, duckdb, postgres, rows, cases);
            results = measure(cases, runs, rows);
        }
        deleteTree(work);
        System.out.printf(Locale.ROOT, "Bulk benchmark: %,d rows x 6 columns; %d measured rounds after 1 warm-up round,"
                + " every row once per round (median); machine: %d processors, %s, Java %s; 1-minute load %s at start,"
                + " %s at end%n%n", rows, runs, Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"),
                System.getProperty("java.version"), loadBefore, LoadAverage.oneMinute());
        System.out.println(render(results));
    }

    /** Loads the table into each system that a selected row uses. */
    private static void load(FlockClient client, EmbeddedDuckDb duckdb, Connection postgres, long rows, List<Case> cases)
            throws Exception {
        if (cases.stream().anyMatch(c -> c.path().startsWith("Flock"))) {
            System.err.println("Loading " + rows + " rows into Flock");
            client.executeUpdate("CREATE TABLE bulk6 AS SELECT " + COLUMNS + " FROM range(" + rows + ")");
            client.executeUpdate("CREATE TABLE bulk6_copy AS SELECT * FROM bulk6 WHERE false");
        }
        if (cases.stream().anyMatch(c -> c.path().startsWith("DuckDB"))) {
            System.err.println("Loading " + rows + " rows into embedded DuckDB");
            duckdb.execute("CREATE TABLE bulk6 AS SELECT " + COLUMNS + " FROM range(" + rows + ")");
            duckdb.execute("CREATE TABLE bulk6_copy AS SELECT * FROM bulk6 WHERE false");
            duckdb.execute("CHECKPOINT");
        }
        if (cases.stream().anyMatch(c -> c.path().startsWith("PostgreSQL"))) {
            System.err.println("Loading " + rows + " rows into PostgreSQL");
            try (Statement s = postgres.createStatement()) {
                s.execute("DROP TABLE IF EXISTS bulk6, bulk6_copy");
                s.execute("CREATE UNLOGGED TABLE bulk6 AS SELECT " + PG_COLUMNS + " FROM generate_series(0, "
                        + (rows - 1) + ") AS g");
                s.execute("CREATE UNLOGGED TABLE bulk6_copy AS SELECT * FROM bulk6 WHERE false");
            }
        }
    }

    private static List<Case> flockCases(FlockClient client, long rows, Path work) throws Exception {
        List<Case> cases = new ArrayList<>();
        for (BulkOptions options : List.of(BulkOptions.of(BulkFormat.CSV),
                BulkOptions.of(BulkFormat.CSV).withCompression(BulkCompression.GZIP), BulkOptions.of(BulkFormat.PARQUET))) {
            String name = options.format().parameter() + options.compression().suffix();
            Path file = work.resolve("bulk6." + name);
            Path parts = Files.createDirectories(work.resolve("parts-" + name));
            Body exportSerial = () -> {
                try (OutputStream out = Files.newOutputStream(file)) {
                    client.bulk().export("SELECT * FROM bulk6", options, out);
                }
                return Files.size(file);
            };
            Body exportParts = () -> {
                client.bulk().exportParallel("SELECT * FROM bulk6", 4, options, (part, content) -> {
                    try (OutputStream out = Files.newOutputStream(parts.resolve("part-" + part + "." + name))) {
                        content.transferTo(out);
                    }
                });
                return directorySize(parts);
            };
            Body importSerial = () -> {
                client.executeUpdate("DELETE FROM bulk6_copy");
                try (InputStream in = Files.newInputStream(file)) {
                    check(client.bulk().importFrom("bulk6_copy", in, options).rows(), rows);
                }
                return Files.size(file);
            };
            Body importParts = () -> {
                client.executeUpdate("DELETE FROM bulk6_copy");
                List<PartSource> sources = new ArrayList<>();
                try (Stream<Path> listing = Files.list(parts)) {
                    listing.sorted().forEach(p -> sources.add(() -> Files.newInputStream(p)));
                }
                check(client.bulk().importParallel("bulk6_copy", sources, options, 4).rows(), rows);
                return directorySize(parts);
            };
            cases.add(new Case("export " + name, SERIAL, exportSerial, null));
            cases.add(new Case("export " + name, PARALLEL, exportParts, null));
            cases.add(new Case("import " + name, SERIAL, importSerial, exportSerial));
            cases.add(new Case("import " + name, PARALLEL, importParts, exportParts));
        }
        return cases;
    }

    /**
     * The limit: the same table in embedded DuckDB (file database, same threads), written to and read
     * from a local file by DuckDB's own {@code COPY} — no server, network, sandbox or Arrow hand-over.
     * CSV and Parquet (with Flock's Parquet options); not gzip, whose level DuckDB's {@code COPY} does
     * not take (Flock compresses at level 1).
     */
    private static List<Case> embeddedCases(EmbeddedDuckDb duckdb, long rows, Path work) {
        List<Case> cases = new ArrayList<>();
        for (String format : List.of("csv", "parquet")) {
            Path file = work.resolve("duckdb." + format);
            String options = format.equals("csv") ? "FORMAT csv, HEADER" : FLOCK_PARQUET;
            String readOptions = format.equals("csv") ? "FORMAT csv, HEADER" : "FORMAT parquet";
            Body export = () -> {
                check(duckdb.copy("COPY bulk6 TO '" + file + "' (" + options + ")"), rows);
                return Files.size(file);
            };
            Body importFile = () -> {
                duckdb.execute("DELETE FROM bulk6_copy");
                check(duckdb.copy("COPY bulk6_copy FROM '" + file + "' (" + readOptions + ")"), rows);
                return Files.size(file);
            };
            cases.add(new Case("export " + format, EMBEDDED_EXPORT, export, null));
            cases.add(new Case("import " + format, EMBEDDED_IMPORT, importFile, export));
        }
        return cases;
    }

    private static List<Case> postgresCases(Connection connection, long rows, Path work) throws Exception {
        CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
        Path file = work.resolve("pg.csv");
        Body copyOut = () -> {
            try (OutputStream out = Files.newOutputStream(file)) {
                check(copy.copyOut("COPY bulk6 TO STDOUT (FORMAT csv, HEADER)", out), rows);
            }
            return Files.size(file);
        };
        Body copyIn = () -> {
            try (Statement s = connection.createStatement()) {
                s.execute("TRUNCATE bulk6_copy");
            }
            try (InputStream in = Files.newInputStream(file)) {
                check(copy.copyIn("COPY bulk6_copy FROM STDIN (FORMAT csv, HEADER)", in), rows);
            }
            return Files.size(file);
        };
        return List.of(new Case("export csv", "PostgreSQL COPY TO STDOUT", copyOut, null),
                new Case("import csv", "PostgreSQL COPY FROM STDIN", copyIn, copyOut));
    }

    /**
     * Runs every case once per round, a warm-up round first, then {@code runs} measured rounds; an
     * import whose export is not among the cases gets its file from {@code prepare} first.
     */
    private static List<Row> measure(List<Case> cases, int runs, long rows) throws Exception {
        for (Case c : cases) {
            if (c.prepare() != null && cases.stream().noneMatch(other -> other.body() == c.prepare())) {
                c.prepare().run();
            }
        }
        double[][] seconds = new double[cases.size()][runs];
        double[][] cpuSeconds = new double[cases.size()][runs];
        long[] bytes = new long[cases.size()];
        for (int round = -1; round < runs; round++) {
            System.err.println(round < 0 ? "Warm-up round" : "Round " + (round + 1) + " of " + runs);
            for (int k = 0; k < cases.size(); k++) {
                long cpuStart = ProcessCpu.nanos();
                long start = System.nanoTime();
                bytes[k] = cases.get(k).body().run();
                if (round >= 0) {
                    seconds[k][round] = (System.nanoTime() - start) / 1e9;
                    cpuSeconds[k][round] = (ProcessCpu.nanos() - cpuStart) / 1e9;
                    System.err.printf(Locale.ROOT, "  %s: %.2f s (CPU of this JVM %.2f s)%n", cases.get(k).name(),
                            seconds[k][round], cpuSeconds[k][round]);
                }
            }
        }
        List<Row> results = new ArrayList<>();
        for (int k = 0; k < cases.size(); k++) {
            results.add(new Row(cases.get(k).operation(), cases.get(k).path(), median(seconds[k]), median(cpuSeconds[k]),
                    rows, bytes[k]));
        }
        return results;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static void check(long actual, long expected) {
        if (actual != expected) {
            throw new IllegalStateException("Expected " + expected + " rows, got " + actual);
        }
    }

    private static long directorySize(Path directory) throws Exception {
        try (Stream<Path> files = Files.list(directory)) {
            return files.mapToLong(p -> p.toFile().length()).sum();
        }
    }

    /**
     * The table: each row's rate also against PostgreSQL's {@code COPY} of CSV in the same direction
     * and, for Flock's rows, against the limit (embedded DuckDB's {@code COPY} of the same format).
     */
    private static String render(List<Row> results) {
        StringBuilder table = new StringBuilder("| operation | path | median s | M rows/s | MB/s (file) | vs PostgreSQL COPY"
                + " | vs DuckDB embedded | CPU s (this JVM) |\n|---|---|---:|---:|---:|---:|---:|---:|\n");
        for (Row r : results) {
            String direction = r.operation().substring(0, r.operation().indexOf(' '));
            double postgres = rate(results, direction + " csv", "PostgreSQL");
            double limit = r.path().startsWith("Flock") ? rate(results, r.operation(), "DuckDB embedded") : Double.NaN;
            table.append(String.format(Locale.ROOT, "| %s | %s | %.2f | %.2f | %.0f | %s | %s | %.2f |%n", r.operation(),
                    r.path(), r.seconds(), r.rowsPerSecond() / 1e6, r.bytes() / r.seconds() / 1e6,
                    ratio(r.rowsPerSecond(), postgres), ratio(r.rowsPerSecond(), limit), r.cpuSeconds()));
        }
        return table.toString();
    }

    /** The rate of the row {@code operation} whose path starts with {@code path}; NaN if none was measured. */
    private static double rate(List<Row> results, String operation, String path) {
        return results.stream().filter(r -> r.operation().equals(operation) && r.path().startsWith(path))
                .mapToDouble(Row::rowsPerSecond).findFirst().orElse(Double.NaN);
    }

    private static String ratio(double rate, double reference) {
        return Double.isNaN(reference) ? "—" : String.format(Locale.ROOT, "%.2f×", rate / reference);
    }

    private static void deleteTree(Path root) throws Exception {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
