package io.flock.tests.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import io.flock.engine.catalog.Tokens;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Exports on a system without named pipes (no {@code mkfifo}, as on Windows): the server runs in
 * its own JVM with an empty {@code PATH}, so each export goes through a spool file sent once
 * complete — with the same bytes, the same early problem JSON, and nothing left in the spool.
 */
class TestBulkExportWithoutPipes {
    @Test
    void exportsGoThroughSpoolFiles() throws Exception {
        String token = Tokens.issue("admin").text();
        try (ServerJvm server = ServerJvm.start("flock-bulk-no-pipes-", token, List.of("-Xmx256m"), Map.of(),
                Map.of("PATH", "/nonexistent-empty-path", "FLOCK_LOG_LEVEL", "INFO"))) {
            String base = server.httpBase();
            HttpClient http = HttpClient.newHttpClient();

            String sql = "SELECT range AS id, 'row ' || range AS label FROM range(200000)";
            HttpResponse<String> csv = http.send(export(base, token, "csv", sql), HttpResponse.BodyHandlers.ofString());
            assertThat(csv.statusCode()).isEqualTo(200);
            List<String> lines = csv.body().lines().toList();
            assertThat(lines).hasSize(200_001);
            assertThat(lines.get(0)).isEqualTo("id,label");
            assertThat(lines.get(1)).isEqualTo("0,row 0");
            assertThat(lines.get(200_000)).isEqualTo("199999,row 199999");

            HttpResponse<byte[]> parquet = http.send(export(base, token, "parquet", sql),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(parquet.statusCode()).isEqualTo(200);
            byte[] file = parquet.body();
            assertThat(new String(file, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("PAR1");
            assertThat(new String(file, file.length - 4, 4, StandardCharsets.US_ASCII)).isEqualTo("PAR1");

            HttpResponse<String> failed = http.send(export(base, token, "csv", "SELECT CASE WHEN range = 150000 THEN"
                    + " error('fails late') ELSE range END AS checked FROM range(200000)"),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(failed.statusCode()).isEqualTo(400);
            assertThat(failed.headers().firstValue("Content-Type")).contains("application/problem+json");

            assertThat(server.log()).contains("No mkfifo on this system");
            try (var spool = Files.list(server.data().resolve("spool"))) {
                assertThat(spool.filter(p -> !p.getFileName().toString().equals("tmp"))).isEmpty();
            }
        }
    }

    private static HttpRequest export(String base, String token, String format, String sql) {
        return HttpRequest.newBuilder(URI.create(base + "/v1/export?format=" + format + "&sql="
                + URLEncoder.encode(sql, StandardCharsets.UTF_8))).header("Authorization", "Bearer " + token).build();
    }
}
