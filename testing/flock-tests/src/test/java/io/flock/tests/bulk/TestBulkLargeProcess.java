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
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A result several times larger than the server's memory goes out and comes back in: the server
 * runs in its own JVM with a 128 MB heap, 64 MB of direct memory and small DuckDB memory limits,
 * exports more than a gigabyte of CSV and imports it again, and must stay up without running out
 * of memory.
 */
class TestBulkLargeProcess {
    private static final long ROWS = 16_000_000;

    @Test
    void aGigabyteGoesOutAndBackThroughASmallServer() throws Exception {
        String token = Tokens.issue("admin").text();
        try (ServerJvm server = ServerJvm.start("flock-bulk-large-", token,
                List.of("-Xmx128m", "-XX:MaxDirectMemorySize=64m"),
                Map.of("storage.memory-limit", "256MB", "bulk.memory-limit", "128MB", "storage.threads", "2"),
                Map.of())) {
            try (Connection c = DriverManager.getConnection("jdbc:arrow-flight-sql://127.0.0.1:" + server.flightPort()
                    + "?useEncryption=false&user=admin&password=" + token); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE big AS SELECT range AS id, range % 1000 AS k, range * 0.25 AS amount,"
                        + " 'label-' || range AS label, DATE '2020-01-01' + (range % 3000)::INTEGER AS day,"
                        + " TIMESTAMP '2020-01-01' + to_seconds(range) AS at FROM range(" + ROWS + ")");
                s.execute("CREATE TABLE big_copy AS SELECT * FROM big WHERE false");

                HttpClient http = HttpClient.newHttpClient();
                String base = server.httpBase();
                Path file = server.work().resolve("big.csv");
                HttpResponse<Path> export = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/export?sql="
                        + URLEncoder.encode("SELECT * FROM big", StandardCharsets.UTF_8)))
                        .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofFile(file));
                assertThat(export.statusCode()).isEqualTo(200);
                assertThat(Files.size(file)).as("CSV bytes").isGreaterThan(1_000_000_000L);
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
            assertThat(server.process().isAlive()).isTrue();
            server.process().destroy();
            assertThat(server.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(server.log()).doesNotContain("OutOfMemoryError");
            try (var spool = Files.list(server.data().resolve("spool"))) {
                assertThat(spool.filter(p -> !p.getFileName().toString().equals("tmp"))).isEmpty();
            }
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
}
