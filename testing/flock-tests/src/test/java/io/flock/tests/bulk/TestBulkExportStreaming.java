package io.flock.tests.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.flock.testing.TestingFlockServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * How exports stream: the bulk codec writes into a named pipe the HTTP thread sends from, never
 * into a file; a client that leaves mid-export ends the query and leaves nothing behind; a query
 * failing before the codec wrote anything still answers with problem JSON.
 */
class TestBulkExportStreaming {
    private static final long ROWS = 3_000_000;
    private static final long DEADLINE_NANOS = TimeUnit.SECONDS.toNanos(60);

    private static TestingFlockServer server;
    private static BulkHttp http;

    @BeforeAll
    static void start() throws Exception {
        server = TestingFlockServer.create();
        http = new BulkHttp(server);
        // md5 strings do not compress: neither format fits into the server's buffers
        http.sql("CREATE TABLE hashes AS SELECT range AS id, md5(range::VARCHAR) AS h FROM range(" + ROWS + ")");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"csv", "parquet"})
    void aClientLeavingMidExportEndsTheQueryAndLeavesNothingBehind(String format) throws Exception {
        assumeThat(Stream.of(System.getenv("PATH").split(java.io.File.pathSeparator))
                .anyMatch(directory -> Files.isExecutable(Path.of(directory, "mkfifo")))).as("mkfifo exists").isTrue();
        String queryId;
        try (Socket socket = new Socket("127.0.0.1", server.server().httpPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET /v1/export?format=" + format + "&sql=" + BulkHttp.encode("SELECT * FROM hashes")
                    + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + server.adminToken() + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String head = readHead(in);
            assertThat(head).startsWith("HTTP/1.1 200");
            queryId = head.lines().filter(line -> line.toLowerCase(Locale.ROOT).startsWith("x-flock-query-id:"))
                    .map(line -> line.substring(line.indexOf(':') + 1).strip()).findFirst().orElseThrow();
            assertThat(in.readNBytes(64 * 1024)).hasSize(64 * 1024);
            // the client stops reading: the codec waits on a full pipe, and no bytes went to a file
            List<Path> entries = spoolEntries();
            assertThat(entries).isNotEmpty().allSatisfy(entry -> assertThat(Files.readAttributes(entry,
                    BasicFileAttributes.class).isOther()).as("%s is a named pipe", entry).isTrue());
            assertThat(state(queryId)).isEqualTo("RUNNING");
        }
        long deadline = System.nanoTime() + DEADLINE_NANOS;
        while ((state(queryId).equals("RUNNING") || !spoolEntries().isEmpty()) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(state(queryId)).as("state of the export's query").isNotEqualTo("RUNNING");
        assertThat(spoolEntries()).isEmpty();
        HttpResponse<byte[]> next = http.export("SELECT count(*) AS n FROM hashes", "header=false");
        assertThat(next.statusCode()).isEqualTo(200);
        assertThat(new String(next.body(), StandardCharsets.UTF_8).strip()).isEqualTo(Long.toString(ROWS));
    }

    @ParameterizedTest
    @ValueSource(strings = {"csv", "jsonl", "parquet"})
    void aQueryFailingAtItsFirstRowAnswersProblemJson(String format) throws Exception {
        HttpResponse<String> response = http.getText("/v1/export?format=" + format + "&sql=" + BulkHttp.encode(
                "SELECT CASE WHEN range = 0 THEN error('fails at once') ELSE range END AS checked FROM range(10)"),
                server.adminToken());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(spoolEntries()).isEmpty();
    }

    @Test
    void aLargeParquetExportIsOneValidFile() throws Exception {
        HttpResponse<byte[]> exported = http.export("SELECT * FROM hashes ORDER BY id DESC", "format=parquet");
        assertThat(exported.statusCode()).isEqualTo(200);
        http.sql("CREATE TABLE hashes_back AS SELECT * FROM hashes WHERE false");
        HttpResponse<String> imported = http.importInto("hashes_back", "format=parquet", exported.body());
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
        assertThat(http.count("SELECT count(*) FROM hashes_back")).isEqualTo(ROWS);
        assertThat(http.count("SELECT count(*) FROM (SELECT * FROM hashes EXCEPT SELECT * FROM hashes_back)")).isZero();
        // the order of the query survives the writer's threads
        assertThat(http.count("SELECT count(*) FROM (SELECT id, lag(id) OVER (ORDER BY rowid) AS before"
                + " FROM hashes_back) WHERE before <= id")).isZero();
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("The response ended inside its head: " + head);
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    private static List<Path> spoolEntries() throws IOException {
        try (Stream<Path> files = Files.list(server.dataDirectory().resolve("spool"))) {
            return files.filter(p -> !p.getFileName().toString().equals("tmp")).toList();
        }
    }

    private static String state(String queryId) throws Exception {
        assertThat(queryId).matches("[A-Za-z0-9_-]+");
        try (Connection c = DriverManager.getConnection(server.adminJdbcUrl() + "&database=flock");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT state FROM queries WHERE query_id = '" + queryId + "'")) {
            assertThat(rs.next()).as("query %s is in flock.queries", queryId).isTrue();
            return rs.getString(1);
        }
    }
}
