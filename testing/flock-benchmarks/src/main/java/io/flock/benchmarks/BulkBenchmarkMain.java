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
import java.util.stream.Stream;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Bulk export and import over HTTP (docs/bulk.md) against PostgreSQL's {@code COPY … TO STDOUT} /
 * {@code COPY … FROM STDIN}: {@code rows} rows of 6 columns (BIGINT, INTEGER, DOUBLE, VARCHAR of
 * about 20 characters, DATE, TIMESTAMP) as CSV, gzip-compressed CSV and Parquet, serially and in 4
 * parts, through the Flock SDK. Start it with {@code testing/flock-benchmarks/run --bulk}.
 * Arguments: {@code --rows N} (default 5,000,000), {@code --runs N} (measured runs, default 3,
 * after one warm-up), {@code --postgres-url URL}.
 */
public final class BulkBenchmarkMain {
    private static final String COLUMNS = "range AS id, CAST(range % 100000 AS INTEGER) AS k, range * 0.25 AS v,"
            + " printf('name-%015d', range) AS s, DATE '2020-01-01' + CAST(range % 3000 AS INTEGER) AS d,"
            + " TIMESTAMP '2020-01-01' + to_seconds(range) AS ts";
    private static final String PG_COLUMNS = "g AS id, (g % 100000)::integer AS k, g * 0.25::float8 AS v,"
            + " 'name-' || lpad(g::text, 15, '0') AS s, DATE '2020-01-01' + (g % 3000)::integer AS d,"
            + " TIMESTAMP '2020-01-01' + g * INTERVAL '1 second' AS ts";

    private BulkBenchmarkMain() {
    }

    private record Row(String operation, String path, double seconds, long rows, long bytes) {
        double rowsPerSecond() {
            return rows / seconds;
        }
    }

    @FunctionalInterface
    private interface Body {
        long run() throws Exception;
    }

    public static void main(String[] args) throws Exception {
        long rows = 5_000_000;
        int runs = 3;
        String postgresUrl = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rows" -> rows = Long.parseLong(args[++i].replace("_", ""));
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--postgres-url" -> postgresUrl = args[++i];
                default -> {
                    System.err.println("Unknown argument " + args[i] + "; use --rows N --runs N --postgres-url URL");
                    System.exit(2);
                }
            }
        }
        Path work = Files.createTempDirectory("flock-bulk-bench-");
        List<Row> results = new ArrayList<>();
        String loadBefore = LoadAverage.oneMinute();
        try (TestingFlockServer server = TestingFlockServer.create();
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
                results.add(measure("export " + name, "Flock HTTP, 1 stream", runs, total, () -> {
                    try (OutputStream out = Files.newOutputStream(file)) {
                        client.bulk().export("SELECT * FROM bulk6", options, out);
                    }
                    return Files.size(file);
                }));
                results.add(measure("export " + name, "Flock HTTP, 4 parts", runs, total, () -> {
                    client.bulk().exportParallel("SELECT * FROM bulk6", 4, options, (part, content) -> {
                        try (OutputStream out = Files.newOutputStream(parts.resolve("part-" + part + "." + name))) {
                            content.transferTo(out);
                        }
                    });
                    return directorySize(parts);
                }));
                results.add(measure("import " + name, "Flock HTTP, 1 stream", runs, total, () -> {
                    client.executeUpdate("DELETE FROM bulk6_copy");
                    try (InputStream in = Files.newInputStream(file)) {
                        check(client.bulk().importFrom("bulk6_copy", in, options).rows(), total);
                    }
                    return Files.size(file);
                }));
                results.add(measure("import " + name, "Flock HTTP, 4 parts", runs, total, () -> {
                    client.executeUpdate("DELETE FROM bulk6_copy");
                    List<PartSource> sources = new ArrayList<>();
                    try (Stream<Path> listing = Files.list(parts)) {
                        listing.sorted().forEach(p -> sources.add(() -> Files.newInputStream(p)));
                    }
                    check(client.bulk().importParallel("bulk6_copy", sources, options, 4).rows(), total);
                    return directorySize(parts);
                }));
            }
        }
        if (postgresUrl != null) {
            results.addAll(postgres(postgresUrl, rows, runs, work));
        }
        deleteTree(work);
        System.out.printf(Locale.ROOT, "Bulk benchmark: %,d rows x 6 columns; %d measured runs after 1 warm-up (median);"
                + " machine: %d processors, %s, Java %s; 1-minute load %s at start, %s at end%n%n", rows, runs,
                Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"),
                System.getProperty("java.version"), loadBefore, LoadAverage.oneMinute());
        System.out.println(render(results));
    }

    private static List<Row> postgres(String url, long rows, int runs, Path work) throws Exception {
        List<Row> results = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(url); Statement s = connection.createStatement()) {
            System.err.println("Loading " + rows + " rows into PostgreSQL");
            s.execute("DROP TABLE IF EXISTS bulk6, bulk6_copy");
            s.execute("CREATE UNLOGGED TABLE bulk6 AS SELECT " + PG_COLUMNS + " FROM generate_series(0, " + (rows - 1)
                    + ") AS g");
            s.execute("CREATE UNLOGGED TABLE bulk6_copy AS SELECT * FROM bulk6 WHERE false");
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            Path file = work.resolve("pg.csv");
            results.add(measure("export csv", "PostgreSQL COPY TO STDOUT", runs, rows, () -> {
                try (OutputStream out = Files.newOutputStream(file)) {
                    check(copy.copyOut("COPY bulk6 TO STDOUT (FORMAT csv, HEADER)", out), rows);
                }
                return Files.size(file);
            }));
            results.add(measure("import csv", "PostgreSQL COPY FROM STDIN", runs, rows, () -> {
                s.execute("TRUNCATE bulk6_copy");
                try (InputStream in = Files.newInputStream(file)) {
                    check(copy.copyIn("COPY bulk6_copy FROM STDIN (FORMAT csv, HEADER)", in), rows);
                }
                return Files.size(file);
            }));
            s.execute("DROP TABLE bulk6, bulk6_copy");
        }
        return results;
    }

    private static Row measure(String operation, String path, int runs, long rows, Body body) throws Exception {
        System.err.printf("  %s, %s: 1 warm-up + %d runs%n", operation, path, runs);
        body.run();
        List<Double> seconds = new ArrayList<>();
        long bytes = 0;
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            bytes = body.run();
            seconds.add((System.nanoTime() - start) / 1e9);
        }
        seconds.sort(Comparator.naturalOrder());
        double median = seconds.get(seconds.size() / 2);
        System.err.printf(Locale.ROOT, "    median %.2f s%n", median);
        return new Row(operation, path, median, rows, bytes);
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
                "| operation | path | median s | M rows/s | MB/s (file) | vs PostgreSQL COPY |\n|---|---|---:|---:|---:|---:|\n");
        for (Row r : results) {
            double reference = r.operation().startsWith("export") ? pgExport : pgImport;
            table.append(String.format(Locale.ROOT, "| %s | %s | %.2f | %.2f | %.0f | %s |%n", r.operation(), r.path(),
                    r.seconds(), r.rowsPerSecond() / 1e6, r.bytes() / r.seconds() / 1e6,
                    Double.isNaN(reference) ? "—" : String.format(Locale.ROOT, "%.1f×", r.rowsPerSecond() / reference)));
        }
        return table.toString();
    }

    private static void deleteTree(Path root) throws Exception {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
