package io.flock.tests.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import io.flock.engine.catalog.Tokens;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A result several times larger than the server's memory goes out and comes back in: the server
 * runs in its own JVM with a 128 MB heap, 64 MB of direct memory and small DuckDB memory limits,
 * exports about half a gigabyte of CSV and imports it again, and must stay up without running out
 * of memory.
 */
class TestBulkLargeProcess {
    private static final Pattern FLIGHT = Pattern.compile("grpc\\+tcp://127\\.0\\.0\\.1:(\\d+)");
    private static final Pattern HTTP = Pattern.compile("HTTP: +http://127\\.0\\.0\\.1:(\\d+)");
    private static final long ROWS = 8_000_000;

    private Path work;
    private Process process;
    private Path log;

    @BeforeEach
    void createDirectory() throws IOException {
        work = Files.createTempDirectory("flock-bulk-large-");
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (process != null) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        try (var paths = Files.walk(work)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void halfAGigabyteGoesOutAndBackThroughASmallServer() throws Exception {
        String token = Tokens.issue("admin").text();
        Path config = work.resolve("flock.properties");
        Files.writeString(config, "storage.memory-limit=256MB\nbulk.memory-limit=128MB\nstorage.threads=2\n");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-opens=java.base/java.nio=ALL-UNNAMED", "-Xmx128m", "-XX:MaxDirectMemorySize=64m",
                "-cp", System.getProperty("java.class.path"), "io.flock.server.FlockMain", "server",
                "--data", work.resolve("data").toString(), "--port", "0", "--http-port", "0", "--config", config.toString()));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("FLOCK_ADMIN_TOKEN", token);
        log = work.resolve("server.log");
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        process = builder.start();
        int[] ports = awaitPorts();
        try (Connection c = DriverManager.getConnection("jdbc:arrow-flight-sql://127.0.0.1:" + ports[0]
                + "?useEncryption=false&user=admin&password=" + token); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE big AS SELECT range AS id, range % 1000 AS k, range * 0.25 AS amount,"
                    + " 'label-' || range AS label, DATE '2020-01-01' + (range % 3000)::INTEGER AS day,"
                    + " TIMESTAMP '2020-01-01' + to_seconds(range) AS at FROM range(" + ROWS + ")");
            s.execute("CREATE TABLE big_copy AS SELECT * FROM big WHERE false");

            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + ports[1];
            Path file = work.resolve("big.csv");
            HttpResponse<Path> export = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/export?sql="
                    + URLEncoder.encode("SELECT * FROM big", StandardCharsets.UTF_8)))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofFile(file));
            assertThat(export.statusCode()).isEqualTo(200);
            assertThat(Files.size(file)).as("CSV bytes").isGreaterThan(400_000_000L);
            assertThat(lines(file)).isEqualTo(ROWS + 1);

            HttpResponse<String> imported = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/import/big_copy"))
                    .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofFile(file)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
            assertThat(imported.body()).contains("\"rows\":" + ROWS);
            try (ResultSet rs = s.executeQuery("SELECT (SELECT count(*) FROM big_copy), (SELECT count(*) FROM"
                    + " (SELECT * FROM big EXCEPT SELECT * FROM big_copy))")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(ROWS);
                assertThat(rs.getLong(2)).isZero();
            }
        }
        assertThat(process.isAlive()).isTrue();
        process.destroy();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(Files.readString(log)).doesNotContain("OutOfMemoryError");
        try (var spool = Files.list(work.resolve("data").resolve("spool"))) {
            assertThat(spool.filter(p -> !p.getFileName().toString().equals("tmp"))).isEmpty();
        }
    }

    private static long lines(Path file) throws IOException {
        long count = 0;
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        count++;
                    }
                }
            }
        }
        return count;
    }

    private int[] awaitPorts() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            String output = Files.readString(log, StandardCharsets.UTF_8);
            Matcher flight = FLIGHT.matcher(output);
            Matcher http = HTTP.matcher(output);
            if (flight.find() && http.find() && output.contains("Press Ctrl-C to stop.")) {
                return new int[] {Integer.parseInt(flight.group(1)), Integer.parseInt(http.group(1))};
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("The server exited before it was ready:\n" + output);
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("The server was not ready within 60 s");
    }
}
