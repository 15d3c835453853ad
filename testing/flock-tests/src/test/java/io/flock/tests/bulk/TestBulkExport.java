package io.flock.tests.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flock.testing.TestingFlockServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code /v1/export}: formats, compression, CSV options, query ids, errors before and after the first byte. */
class TestBulkExport {
    private static TestingFlockServer server;
    private static BulkHttp http;

    @BeforeAll
    static void start() throws Exception {
        server = TestingFlockServer.create();
        http = new BulkHttp(server);
        http.sql("CREATE TABLE people (id BIGINT, name VARCHAR, score DOUBLE, born DATE, seen TIMESTAMP, active BOOLEAN)",
                "INSERT INTO people VALUES (1, 'Ann', 1.5, DATE '1990-01-02', TIMESTAMP '2024-05-06 07:08:09', true),"
                        + " (2, 'Bob, \"the builder\"', NULL, NULL, NULL, false), (3, NULL, -2.25, DATE '2000-12-31',"
                        + " TIMESTAMP '2000-01-01 00:00:00', NULL)");
        for (String format : List.of("csv", "tsv", "jsonl", "parquet", "arrow")) {
            http.sql("CREATE TABLE copy_" + format + " AS SELECT * FROM people WHERE false");
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static List<String> formats() {
        return List.of("csv", "tsv", "jsonl", "parquet", "arrow");
    }

    @ParameterizedTest
    @MethodSource("formats")
    void everyFormatAndCompressionRoundTrips(String format) throws Exception {
        for (String compression : List.of("none", "gzip", "zstd")) {
            String table = "copy_" + format;
            http.sql("DELETE FROM " + table);
            HttpResponse<byte[]> export = http.export("SELECT * FROM people ORDER BY id",
                    "format=" + format + "&compression=" + compression);
            assertThat(export.statusCode()).as(format + "/" + compression).isEqualTo(200);
            assertThat(export.headers().firstValue("x-flock-query-id")).isPresent();
            HttpResponse<String> imported = http.importInto(table, "format=" + format + "&compression=" + compression,
                    export.body());
            assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
            assertThat(imported.body()).contains("\"rows\":3");
            assertThat(http.count("SELECT count(*) FROM (SELECT * FROM people EXCEPT SELECT * FROM " + table + ")"))
                    .as(format + "/" + compression).isZero();
            assertThat(http.count("SELECT count(*) FROM " + table)).isEqualTo(3);
        }
    }

    @Test
    void csvOptionsShapeTheText() throws Exception {
        HttpResponse<byte[]> export = http.export("SELECT id, name FROM people ORDER BY id",
                "format=csv&header=false&delimiter=" + BulkHttp.encode(";") + "&quote=" + BulkHttp.encode("'")
                        + "&null=" + BulkHttp.encode("\\N"));
        assertThat(export.statusCode()).isEqualTo(200);
        assertThat(export.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
        assertThat(new String(export.body(), StandardCharsets.UTF_8).split("\n"))
                .containsExactly("1;Ann", "2;Bob, \"the builder\"", "3;\\N");
        HttpResponse<byte[]> header = http.export("SELECT id, name FROM people ORDER BY id", "format=tsv");
        assertThat(new String(header.body(), StandardCharsets.UTF_8).split("\n"))
                .containsExactly("id\tname", "1\tAnn", "2\t\"Bob, \"\"the builder\"\"\"", "3\t");
    }

    @Test
    void compressedExportsAreCompressedFiles() throws Exception {
        HttpResponse<byte[]> export = http.export("SELECT id FROM people ORDER BY id", "compression=gzip");
        assertThat(export.headers().firstValue("Content-Type")).contains("application/gzip");
        assertThat(export.headers().firstValue("Content-Disposition")).hasValueSatisfying(d -> assertThat(d).contains("export.csv.gz"));
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(export.body()))) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("id\n1\n2\n3\n");
        }
    }

    @Test
    void aCompleteExportEndsWithTrailers() throws Exception {
        String raw;
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.server().httpPort())) {
            socket.getOutputStream().write(("GET /v1/export?sql=" + BulkHttp.encode("SELECT id FROM people")
                    + " HTTP/1.1\r\nHost: 127.0.0.1\r\nTE: trailers\r\nConnection: close\r\nAuthorization: Bearer "
                    + server.adminToken() + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            raw = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(raw).startsWith("HTTP/1.1 200").containsIgnoringCase("Transfer-Encoding: chunked");
        String trailers = raw.substring(raw.lastIndexOf("\r\n0\r\n") + 5);
        assertThat(trailers).containsIgnoringCase("x-flock-status: ok").containsIgnoringCase("x-flock-rows: 3");
    }

    @Test
    void postTakesTheSqlAsBody() throws Exception {
        HttpResponse<String> response = http.post("/v1/export?format=jsonl", server.adminToken(),
                "SELECT id, name FROM people WHERE id = 1".getBytes(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body().strip()).isEqualTo("{\"id\":1,\"name\":\"Ann\"}");
    }

    @Test
    void theExportIsATrackedQuery() throws Exception {
        HttpResponse<byte[]> export = http.export("SELECT 'tracked export' AS marker", "");
        String id = export.headers().firstValue("x-flock-query-id").orElseThrow();
        // the system database through the export endpoint itself
        HttpResponse<byte[]> queries = http.get("/v1/export?database=flock&header=false&sql=" + BulkHttp.encode(
                "SELECT state, sql FROM queries WHERE query_id = '" + id + "'"), server.adminToken());
        assertThat(queries.statusCode()).isEqualTo(200);
        assertThat(new String(queries.body(), StandardCharsets.UTF_8).strip())
                .isEqualTo("FINISHED,SELECT 'tracked export' AS marker");
    }

    @Test
    void errorsBeforeTheFirstByteAreProblemJson() throws Exception {
        HttpResponse<String> bad = http.getText("/v1/export?sql=" + BulkHttp.encode("SELECT 1 +"), server.adminToken());
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(bad.body()).contains("SYNTAX_ERROR");
        HttpResponse<String> missing = http.getText("/v1/export?sql=" + BulkHttp.encode("SELECT * FROM nowhere"),
                server.adminToken());
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("nowhere");
        HttpResponse<String> format = http.getText("/v1/export?format=xml&sql=" + BulkHttp.encode("SELECT 1"),
                server.adminToken());
        assertThat(format.statusCode()).isEqualTo(400);
        assertThat(format.body()).contains("Unknown format 'xml'");
        HttpResponse<String> noRows = http.getText("/v1/export?sql=" + BulkHttp.encode("CREATE TABLE t_no_rows (a INT)"),
                server.adminToken());
        assertThat(noRows.statusCode()).as(noRows.body()).isEqualTo(400);
        assertThat(noRows.body()).contains("needs a query that returns rows");
        assertThat(http.count("SELECT count(*) FROM duckdb_tables() WHERE table_name = 't_no_rows'")).isZero();
    }

    @Test
    void aFailureWhileTheFirstChunkIsWrittenIsStillProblemJson() throws Exception {
        // fails while DuckDB starts streaming or before the first chunk file is complete: either way
        // no byte was sent, so the status and a problem JSON still tell (DuckDB's JDBC driver loses
        // the message of an error raised while a result streams: "Invalid result set")
        HttpResponse<String> response = http.getText("/v1/export?sql=" + BulkHttp.encode("SELECT CASE WHEN range ="
                + " 450000 THEN error('early failure') ELSE range END AS checked FROM range(2000000)"), server.adminToken());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(response.body()).contains("DATA_ERROR");
        assertThat(response.headers().firstValue("x-flock-query-id")).isPresent();
    }

    @Test
    void aFailureAfterTheFirstByteAbortsTheResponse() {
        // DuckDB raises the error only when execution reaches the last rows, long after the first
        // megabytes of CSV have been sent with status 200.
        String sql = "SELECT range AS id, repeat('x', 100) AS padding, CASE WHEN range = 2999999 THEN error('late failure')"
                + " ELSE range END AS checked FROM range(3000000)";
        for (String compression : List.of("none", "gzip")) {
            assertThatThrownBy(() -> http.export(sql, "compression=" + compression))
                    .as(compression).isInstanceOf(IOException.class);
        }
    }
}
