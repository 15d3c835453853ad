package io.flock.tests.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import io.flock.engine.catalog.Tokens;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * Exports on a system without named pipes (no {@code mkfifo}, as on Windows): the server runs in
 * its own JVM with an empty {@code PATH}, so each export goes through a spool file sent once
 * complete — with the same bytes, the same early problem JSON, and nothing left in the spool.
 */
class TestBulkExportWithoutPipes {
    private static final Pattern HTTP_PORT = Pattern.compile("HTTP: +http://127\\.0\\.0\\.1:(\\d+)");

    private Path work;
    private Process process;
    private Path log;

    @BeforeEach
    void createDirectory() throws IOException {
        work = Files.createTempDirectory("flock-bulk-no-pipes-");
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
    void exportsGoThroughSpoolFiles() throws Exception {
        String token = Tokens.issue("admin").text();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-opens=java.base/java.nio=ALL-UNNAMED", "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                "io.flock.server.FlockMain", "server", "--data", work.resolve("data").toString(), "--port", "0",
                "--http-port", "0"));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("FLOCK_ADMIN_TOKEN", token);
        builder.environment().put("PATH", work.resolve("empty-path").toString());
        builder.environment().put("FLOCK_LOG_LEVEL", "INFO");
        log = work.resolve("server.log");
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        process = builder.start();
        String base = "http://127.0.0.1:" + awaitHttpPort();
        HttpClient http = HttpClient.newHttpClient();

        String sql = "SELECT range AS id, 'row ' || range AS label FROM range(200000)";
        HttpResponse<String> csv = http.send(export(base, token, "csv", sql), HttpResponse.BodyHandlers.ofString());
        assertThat(csv.statusCode()).isEqualTo(200);
        List<String> lines = csv.body().lines().toList();
        assertThat(lines).hasSize(200_001);
        assertThat(lines.get(0)).isEqualTo("id,label");
        assertThat(lines.get(1)).isEqualTo("0,row 0");
        assertThat(lines.get(200_000)).isEqualTo("199999,row 199999");

        HttpResponse<byte[]> parquet = http.send(export(base, token, "parquet", sql), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(parquet.statusCode()).isEqualTo(200);
        byte[] file = parquet.body();
        assertThat(new String(file, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("PAR1");
        assertThat(new String(file, file.length - 4, 4, StandardCharsets.US_ASCII)).isEqualTo("PAR1");

        HttpResponse<String> failed = http.send(export(base, token, "csv", "SELECT CASE WHEN range = 150000 THEN"
                + " error('fails late') ELSE range END AS checked FROM range(200000)"), HttpResponse.BodyHandlers.ofString());
        assertThat(failed.statusCode()).isEqualTo(400);
        assertThat(failed.headers().firstValue("Content-Type")).contains("application/problem+json");

        assertThat(Files.readString(log)).contains("No mkfifo on this system");
        try (var spool = Files.list(work.resolve("data").resolve("spool"))) {
            assertThat(spool.filter(p -> !p.getFileName().toString().equals("tmp"))).isEmpty();
        }
    }

    private static HttpRequest export(String base, String token, String format, String sql) {
        return HttpRequest.newBuilder(URI.create(base + "/v1/export?format=" + format + "&sql="
                + URLEncoder.encode(sql, StandardCharsets.UTF_8))).header("Authorization", "Bearer " + token).build();
    }

    private int awaitHttpPort() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            String output = Files.readString(log, StandardCharsets.UTF_8);
            Matcher http = HTTP_PORT.matcher(output);
            if (http.find() && output.contains("Press Ctrl-C to stop.")) {
                return Integer.parseInt(http.group(1));
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("The server exited before it was ready:\n" + output);
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("The server was not ready within 60 s");
    }
}
