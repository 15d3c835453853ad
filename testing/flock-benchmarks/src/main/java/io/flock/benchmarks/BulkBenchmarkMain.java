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
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Bulk export and import over HTTP (docs/bulk.md) against PostgreSQL's {@code COPY … TO STDOUT} /
 * {@code COPY … FROM STDIN}: {@code rows} rows of 6 columns (BIGINT, INTEGER, DOUBLE, VARCHAR of
 * about 20 characters, DATE, TIMESTAMP) as CSV, gzip-compressed CSV and Parquet, serially and in 4
 * parts, through the Flock SDK. Start it with {@code testing/flock-benchmarks/run --bulk}.
 * Arguments: {@code --rows N} (default 10,000,000, as the issue asks), {@code --runs N} (measured
 * runs, default 3, after one warm-up), {@code --postgres-url URL}, {@code --only REGEX} (measure only
 * the rows whose "operation, path" contains a match, e.g. {@code "export csv,"} or
 * {@code "1 stream"}; imports need their export's file, so an import row also runs the export it
 * reads, unmeasured), {@code --property KEY=VALUE} (a server setting, repeatable, e.g.
 * {@code bulk.import-piece-size=64MB}).
 */
public final class BulkBenchmarkMain {
    private static final String COLUMNS = "range AS id, CAST(range % 100000 AS INTEGER) AS k, CAST(range AS DOUBLE) * 0.25 AS v,"
            + " printf('name-%015d', range) AS s, DATE '2020-01-01' + CAST(range % 3000 AS INTEGER) AS d,"
            + " TIMESTAMP '2020-01-01' + to_seconds(range) AS ts";
    private static final String PG_COLUMNS = "g AS id, (g % 100000)::integer AS k, g * 0.25::float8 AS v,"
            + " 'name-' || lpad(g::text, 15, '0') AS s, DATE '2020-01-01' + (g % 3000)::integer AS d,"
            + " TIMESTAMP '2020-01-01' + g * INTERVAL '1 second' AS ts";

    /** CPU time of this JVM: Flock's server and client (for PostgreSQL only pgjdbc's side). */

    private BulkBenchmarkMain() {
    }

    private record Row(String operation, String path, double seconds, double cpuSeconds, long rows, long bytes) {
        double rowsPerSecond() {
            return rows / seconds;
        }
    }

    @FunctionalInterface
    private interface Body {
        long run() throws Exception;
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
        List<Row> results = new ArrayList<>();
        String loadBefore = LoadAverage.oneMinute();
        TestingFlockServer.Builder builder = TestingFlockServer.builder();
        properties.forEach(builder::property);
        try (TestingFlockServer server = builder.build();
             FlockClient client = FlockClient.builder().host(server.host()).port(server.port())
                     .httpPort(server.server().httpPort()).token(server.adminToken()).build()) {
            System.err.println("Loading " + rows + " rows into Flock");
            client.executeUpdate("CREATE TABLE bulk6 AS SELECT " + COLUMNS + " FROM range(" + rows + ")");
            client.executeUpdate("CREATE TABLE bulk6_copy AS SELECT * FROM bulk6 WHERE false");
            for (BulkOptions options : List.of(BulkOptions.of(BulkFormat.CSV),
                    BulkOptions.of(BulkFormat.CSV).withCompression(BulkCompression.GZIP), BulkOptions.of(BulkFormat.PARQUET))) {
                String name = options.format().parameter() + options.compression().suffix();
                Path file = work.resolve("bulk6." + name);
                Path parts = Files.createDirectories(work.resolve("parts-" + name));
                final long total = rows;
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
                        check(client.bulk().importFrom("bulk6_copy", in, options).rows(), total);
                    }
                    return Files.size(file);
                };
                Body importParts = () -> {
                    client.executeUpdate("DELETE FROM bulk6_copy");
                    List<PartSource> sources = new ArrayList<>();
                    try (Stream<Path> listing = Files.list(parts)) {
                        listing.sorted().forEach(p -> sources.add(() -> Files.newInputStream(p)));
                    }
                    check(client.bulk().importParallel("bulk6_copy", sources, options, 4).rows(), total);
                    return directorySize(parts);
                };
                String serial = "Flock HTTP, 1 stream";
                String parallel = "Flock HTTP, 4 parts";
                measure(only, results, "export " + name, serial, runs, total, exportSerial);
                measure(only, results, "export " + name, parallel, runs, total, exportParts);
                if (selected(only, "import " + name, serial) && !Files.exists(file)) {
                    exportSerial.run();
                }
                measure(only, results, "import " + name, serial, runs, total, importSerial);
                if (selected(only, "import " + name, parallel) && directorySize(parts) == 0) {
                    exportParts.run();
                }
                measure(only, results, "import " + name, parallel, runs, total, importParts);
            }
        }
        if (postgresUrl != null && (selected(only, "export csv", "PostgreSQL COPY TO STDOUT")
                || selected(only, "import csv", "PostgreSQL COPY FROM STDIN"))) {
            results.addAll(postgres(postgresUrl, rows, runs, work, only));
        }
        deleteTree(work);
        System.out.printf(Locale.ROOT, "Bulk benchmark: %,d rows x 6 columns; %d measured runs after 1 warm-up (median);"
                + " machine: %d processors, %s, Java %s; 1-minute load %s at start, %s at end%n%n", rows, runs,
                Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"),
                System.getProperty("java.version"), loadBefore, LoadAverage.oneMinute());
        System.out.println(render(results));
    }

    private static List<Row> postgres(String url, long rows, int runs, Path work, Pattern only) throws Exception {
        List<Row> results = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(url); Statement s = connection.createStatement()) {
            System.err.println("Loading " + rows + " rows into PostgreSQL");
            s.execute("DROP TABLE IF EXISTS bulk6, bulk6_copy");
            s.execute("CREATE UNLOGGED TABLE bulk6 AS SELECT " + PG_COLUMNS + " FROM generate_series(0, " + (rows - 1)
                    + ") AS g");
            s.execute("CREATE UNLOGGED TABLE bulk6_copy AS SELECT * FROM bulk6 WHERE false");
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            Path file = work.resolve("pg.csv");
            Body copyOut = () -> {
                try (OutputStream out = Files.newOutputStream(file)) {
                    check(copy.copyOut("COPY bulk6 TO STDOUT (FORMAT csv, HEADER)", out), rows);
                }
                return Files.size(file);
            };
            measure(only, results, "export csv", "PostgreSQL COPY TO STDOUT", runs, rows, copyOut);
            if (selected(only, "import csv", "PostgreSQL COPY FROM STDIN") && !Files.exists(file)) {
                copyOut.run();
            }
            measure(only, results, "import csv", "PostgreSQL COPY FROM STDIN", runs, rows, () -> {
                s.execute("TRUNCATE bulk6_copy");
                try (InputStream in = Files.newInputStream(file)) {
                    check(copy.copyIn("COPY bulk6_copy FROM STDIN (FORMAT csv, HEADER)", in), rows);
                }
                return Files.size(file);
            });
            s.execute("DROP TABLE bulk6, bulk6_copy");
        }
        return results;
    }

    private static boolean selected(Pattern only, String operation, String path) {
        return only.matcher(operation + ", " + path).find();
    }

    private static void measure(Pattern only, List<Row> results, String operation, String path, int runs, long rows,
                                Body body) throws Exception {
        if (selected(only, operation, path)) {
            results.add(measure(operation, path, runs, rows, body));
        }
    }

    private static Row measure(String operation, String path, int runs, long rows, Body body) throws Exception {
        System.err.printf("  %s, %s: 1 warm-up + %d runs%n", operation, path, runs);
        body.run();
        List<Double> seconds = new ArrayList<>();
        List<Double> cpuSeconds = new ArrayList<>();
        long bytes = 0;
        for (int i = 0; i < runs; i++) {
            long cpuStart = ProcessCpu.nanos();
            long start = System.nanoTime();
            bytes = body.run();
            seconds.add((System.nanoTime() - start) / 1e9);
            cpuSeconds.add((ProcessCpu.nanos() - cpuStart) / 1e9);
        }
        seconds.sort(Comparator.naturalOrder());
        cpuSeconds.sort(Comparator.naturalOrder());
        double median = seconds.get(seconds.size() / 2);
        double cpuMedian = cpuSeconds.get(cpuSeconds.size() / 2);
        System.err.printf(Locale.ROOT, "    median %.2f s (CPU of this JVM %.2f s; runs %s)%n", median, cpuMedian, seconds);
        return new Row(operation, path, median, cpuMedian, rows, bytes);
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

    private static String render(List<Row> results) {
        double pgExport = results.stream().filter(r -> r.path().startsWith("PostgreSQL COPY TO")).mapToDouble(Row::rowsPerSecond)
                .findFirst().orElse(Double.NaN);
        double pgImport = results.stream().filter(r -> r.path().startsWith("PostgreSQL COPY FROM"))
                .mapToDouble(Row::rowsPerSecond).findFirst().orElse(Double.NaN);
        StringBuilder table = new StringBuilder(
                "| operation | path | median s | M rows/s | MB/s (file) | vs PostgreSQL COPY | CPU s (this JVM) |\n"
                        + "|---|---|---:|---:|---:|---:|---:|\n");
        for (Row r : results) {
            double reference = r.operation().startsWith("export") ? pgExport : pgImport;
            table.append(String.format(Locale.ROOT, "| %s | %s | %.2f | %.2f | %.0f | %s | %.2f |%n", r.operation(), r.path(),
                    r.seconds(), r.rowsPerSecond() / 1e6, r.bytes() / r.seconds() / 1e6,
                    Double.isNaN(reference) ? "—" : String.format(Locale.ROOT, "%.1f×", r.rowsPerSecond() / reference),
                    r.cpuSeconds()));
        }
        return table.toString();
    }

    private static void deleteTree(Path root) throws Exception {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
