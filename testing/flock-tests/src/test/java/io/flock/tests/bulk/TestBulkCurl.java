package io.flock.tests.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.flock.testing.TestingFlockServer;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bulk API from curl, as a shell user would call it. Skipped where curl is not installed. */
class TestBulkCurl {
    private static TestingFlockServer server;
    private static BulkHttp http;

    @TempDir
    Path directory;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(io.flock.tests.Commands.runs("curl", "--version"), "curl is not installed");
        server = TestingFlockServer.create();
        http = new BulkHttp(server);
        http.sql("CREATE TABLE events AS SELECT range AS id, 'event ' || range AS label FROM range(50000)",
                "CREATE TABLE events_copy AS SELECT * FROM events WHERE false");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private record Curl(int exitCode, String headers, String errors) {
    }

    private Curl curl(String... arguments) throws Exception {
        Path headers = directory.resolve("headers-" + System.nanoTime());
        List<String> command = new ArrayList<>(List.of("curl", "-sS", "-D", headers.toString(),
                "-u", "admin:" + server.adminToken()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).start();
        String errors = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = process.waitFor();
        return new Curl(exit, Files.exists(headers) ? Files.readString(headers) : "", errors);
    }

    @Test
    void exportToAGzipFileAndImportItBack() throws Exception {
        Path file = directory.resolve("events.csv.gz");
        Curl export = curl("-o", file.toString(), "-H", "TE: trailers", http.base() + "/v1/export?compression=gzip&sql="
                + BulkHttp.encode("SELECT * FROM events ORDER BY id"));
        assertThat(export.exitCode()).as(export.errors()).isZero();
        assertThat(export.headers()).containsIgnoringCase("x-flock-query-id:").contains("200");
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().count()).isEqualTo(50_001);
        }
        Curl imported = curl("-o", directory.resolve("answer.json").toString(), "-H", "Content-Encoding: gzip",
                "--data-binary", "@" + file, http.base() + "/v1/import/events_copy");
        assertThat(imported.exitCode()).as(imported.errors()).isZero();
        assertThat(Files.readString(directory.resolve("answer.json"))).contains("\"rows\":50000");
        assertThat(http.count("SELECT count(*) FROM (SELECT * FROM events EXCEPT SELECT * FROM events_copy)")).isZero();
    }

    @Test
    void aFailedExportMakesCurlFail() throws Exception {
        Curl export = curl("-o", directory.resolve("broken.csv").toString(), http.base() + "/v1/export?sql="
                + BulkHttp.encode("SELECT range, repeat('y', 100) AS pad, CASE WHEN range = 2999999 THEN error('late')"
                        + " ELSE 0 END AS boom FROM range(3000000)"));
        assertThat(export.headers()).contains("200");
        // 18: partial file (the terminating chunk never came); 56: the connection was cut while receiving
        assertThat(export.exitCode()).isIn(18, 56);
        assertThat(export.headers()).doesNotContainIgnoringCase("x-flock-status: ok");
    }

    @Test
    void badRequestsFailCurlWithProblemJson() throws Exception {
        Path answer = directory.resolve("problem.json");
        Curl imported = curl("-o", answer.toString(), "--fail-with-body", "--data-binary", "id,label\nx,y\n",
                http.base() + "/v1/import/events_copy");
        assertThat(imported.exitCode()).isEqualTo(22);
        assertThat(Files.readString(answer)).contains("Line: 2").contains("\\\"id\\\"");
    }
}
