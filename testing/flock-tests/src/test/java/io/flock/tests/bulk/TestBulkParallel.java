package io.flock.tests.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flock.testing.TestingFlockServer;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Parallel exports (parts) and parallel imports (import ids), with expiry of abandoned ones. */
class TestBulkParallel {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestingFlockServer server;
    private static BulkHttp http;

    @BeforeAll
    static void start() throws Exception {
        server = TestingFlockServer.builder().property("bulk.idle-timeout", "1s").build();
        http = new BulkHttp(server);
        http.sql("CREATE TABLE facts AS SELECT range AS id, 'name ' || range AS name, range * 0.5 AS amount"
                + " FROM range(100003)");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void partsTogetherHoldTheResultExactlyOnce() throws Exception {
        HttpResponse<String> plan = http.getText("/v1/export/parts?parts=4&format=csv&sql="
                + BulkHttp.encode("SELECT * FROM facts WHERE id % 7 <> 3"), server.adminToken());
        assertThat(plan.statusCode()).as(plan.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(plan.body());
        assertThat(body.get("parts")).hasSize(4);
        long expected = http.count("SELECT count(*) FROM facts WHERE id % 7 <> 3");
        assertThat(body.get("rows").asLong()).isEqualTo(expected);

        http.sql("CREATE OR REPLACE TABLE facts_copy AS SELECT * FROM facts WHERE false");
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<HttpResponse<byte[]>>> parts = new ArrayList<>();
            for (JsonNode part : body.get("parts")) {
                parts.add(threads.submit(() -> http.get(part.get("url").asText(), server.adminToken())));
            }
            long partRows = 0;
            for (int i = 0; i < parts.size(); i++) {
                HttpResponse<byte[]> part = parts.get(i).get();
                assertThat(part.statusCode()).isEqualTo(200);
                String text = new String(part.body(), StandardCharsets.UTF_8);
                assertThat(text).startsWith("id,name,amount\n");
                long lines = text.lines().count() - 1;
                assertThat(lines).isEqualTo(body.get("parts").get(i).get("rows").asLong());
                partRows += lines;
                assertThat(http.importInto("facts_copy", "", part.body()).statusCode()).isEqualTo(200);
            }
            assertThat(partRows).isEqualTo(expected);
        } finally {
            threads.shutdownNow();
        }
        // the union is the result: same count and no row missing or doubled
        assertThat(http.count("SELECT count(*) FROM facts_copy")).isEqualTo(expected);
        assertThat(http.count("SELECT count(DISTINCT id) FROM facts_copy")).isEqualTo(expected);
        assertThat(http.count("SELECT count(*) FROM (SELECT * FROM facts WHERE id % 7 <> 3 EXCEPT SELECT * FROM facts_copy)"))
                .isZero();
    }

    @Test
    void theExportsOwnPartCountCutsThePartsWhateverTheUrlSays() throws Exception {
        JsonNode body = JSON.readTree(http.getText("/v1/export/parts?parts=3&format=csv&sql="
                + BulkHttp.encode("SELECT id FROM facts WHERE id < 1000"), server.adminToken()).body());
        String id = body.get("exportId").asText();
        assertThat(body.get("parts")).hasSize(3);
        java.util.Set<Long> seen = new java.util.HashSet<>();
        long fetched = 0;
        for (JsonNode part : body.get("parts")) {
            String url = part.get("url").asText();
            // with any parts=… stripped, each part is still its own third of the result
            String stripped = url.replaceAll("[?&]parts=[^&]*", "");
            assertThat(stripped).contains("format=csv");
            HttpResponse<String> answer = http.getText(stripped, server.adminToken());
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            List<String> lines = answer.body().lines().skip(1).toList();
            assertThat(lines).hasSize(part.get("rows").asInt());
            for (String line : lines) {
                seen.add(Long.parseLong(line));
            }
            fetched += lines.size();
        }
        assertThat(fetched).isEqualTo(1000);
        assertThat(seen).hasSize(1000);

        String base = "/v1/export/parts/" + id + "/";
        // a part count that disagrees with the staged one is refused, naming both
        HttpResponse<String> wrongCount = http.getText(base + "0?format=csv&parts=5", server.adminToken());
        assertThat(wrongCount.statusCode()).isEqualTo(400);
        assertThat(wrongCount.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(wrongCount.body()).contains("INVALID_ARGUMENT")
                .contains("staged in 3 parts").contains("parts=5");
        // the agreeing count is accepted (part URLs of earlier versions carried it)
        assertThat(http.getText(base + "0?format=csv&parts=3", server.adminToken()).statusCode()).isEqualTo(200);
        // an index outside 0..2 is not a part of this export
        for (String index : List.of("3", "-1", "1000")) {
            HttpResponse<String> missing = http.getText(base + index + "?format=csv", server.adminToken());
            assertThat(missing.statusCode()).as(index).isEqualTo(404);
            assertThat(missing.body()).contains("has no part " + index).contains("numbered 0 to 2");
        }
        HttpResponse<String> notANumber = http.getText(base + "first?format=csv", server.adminToken());
        assertThat(notANumber.statusCode()).isEqualTo(400);
        assertThat(notANumber.body()).contains("'first'").contains("numbered 0 to 2");
    }

    @Test
    void aPartCanBeFetchedAgainAsParquetAndTheExportDeleted() throws Exception {
        JsonNode body = JSON.readTree(http.getText("/v1/export/parts?parts=3&format=parquet&sql="
                + BulkHttp.encode("SELECT id FROM facts WHERE id < 10"), server.adminToken()).body());
        String url = body.get("parts").get(2).get("url").asText();
        HttpResponse<byte[]> first = http.get(url, server.adminToken());
        HttpResponse<byte[]> again = http.get(url, server.adminToken());
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(new String(first.body(), 0, 4, StandardCharsets.US_ASCII)).isEqualTo("PAR1");
        String id = body.get("exportId").asText();
        assertThat(http.send("DELETE", "/v1/export/parts/" + id, server.adminToken()).statusCode()).isEqualTo(200);
        HttpResponse<String> gone = http.getText(url, server.adminToken());
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(gone.body()).contains(id);
    }

    @Test
    void concurrentUploadsCommitTogether() throws Exception {
        http.sql("CREATE OR REPLACE TABLE landing (id BIGINT, name VARCHAR)");
        String id = begin("landing");
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<HttpResponse<String>>> uploads = new ArrayList<>();
            for (int part = 0; part < 4; part++) {
                StringBuilder csv = new StringBuilder("id,name\n");
                for (int row = 0; row < 25_000; row++) {
                    csv.append(part * 25_000 + row).append(",n").append(row).append('\n');
                }
                byte[] body = csv.toString().getBytes(StandardCharsets.UTF_8);
                uploads.add(threads.submit(() -> http.post("/v1/import/" + id + "/parts", server.adminToken(), body)));
            }
            for (Future<HttpResponse<String>> upload : uploads) {
                assertThat(upload.get().statusCode()).as(upload.get().body()).isEqualTo(200);
                assertThat(upload.get().body()).contains("\"rows\":25000");
            }
        } finally {
            threads.shutdownNow();
        }
        // staged, not written: nothing is visible before the commit
        assertThat(http.count("SELECT count(*) FROM landing")).isZero();
        HttpResponse<String> commit = http.post("/v1/import/" + id + "/commit", server.adminToken(), new byte[0]);
        assertThat(commit.statusCode()).as(commit.body()).isEqualTo(200);
        assertThat(commit.body()).contains("\"rows\":100000").contains("\"parts\":4");
        assertThat(http.count("SELECT count(DISTINCT id) FROM landing")).isEqualTo(100_000);
        // a second commit never writes again: 409 while the import is remembered, 404 once it expired
        // (this server's idle timeout is 1 s; TestBulkParallelCommit checks the conflict itself)
        assertThat(http.post("/v1/import/" + id + "/commit", server.adminToken(), new byte[0]).statusCode())
                .isIn(409, 404);
        assertThat(http.count("SELECT count(*) FROM landing")).isEqualTo(100_000);
    }

    @Test
    void aBadPartFailsAloneAndRollbackDiscardsTheRest() throws Exception {
        http.sql("CREATE OR REPLACE TABLE landing2 (id BIGINT, name VARCHAR)");
        String id = begin("landing2");
        assertThat(http.post("/v1/import/" + id + "/parts", server.adminToken(), "id,name\n1,a\n".getBytes(StandardCharsets.UTF_8))
                .statusCode()).isEqualTo(200);
        HttpResponse<String> bad = http.post("/v1/import/" + id + "/parts", server.adminToken(),
                "id,name\n2,b\nzwei,c\n".getBytes(StandardCharsets.UTF_8));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("Line: 3").contains("\\\"id\\\"");
        assertThat(http.post("/v1/import/" + id + "/rollback", server.adminToken(), new byte[0]).statusCode())
                .isEqualTo(200);
        assertThat(http.count("SELECT count(*) FROM landing2")).isZero();
        assertThat(stagedFiles()).isZero();
    }

    @Test
    void anAbandonedImportExpiresAndNeverReachesTheTable() throws Exception {
        http.sql("CREATE OR REPLACE TABLE landing3 (id BIGINT)");
        String id = begin("landing3");
        assertThat(http.post("/v1/import/" + id + "/parts", server.adminToken(), "id\n1\n2\n".getBytes(StandardCharsets.UTF_8))
                .statusCode()).isEqualTo(200);
        // bulk.idle-timeout is 1 s: wait (without touching the import) until the reaper deleted its files
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (stagedFiles() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(stagedFiles()).isZero();
        HttpResponse<String> commit = http.post("/v1/import/" + id + "/commit", server.adminToken(), new byte[0]);
        assertThat(commit.statusCode()).isEqualTo(404);
        assertThat(commit.body()).contains("expired");
        assertThat(http.count("SELECT count(*) FROM landing3")).isZero();
    }

    @Test
    void onlyTheOwnerSeesAnImportOrExport() throws Exception {
        http.sql("CREATE OR REPLACE TABLE landing4 (id BIGINT)");
        String writer = http.user("parallel_writer", "WRITE");
        String other = http.user("parallel_other", "WRITE");
        HttpResponse<String> begun = http.post("/v1/import?table=landing4", writer, new byte[0]);
        String id = JSON.readTree(begun.body()).get("importId").asText();
        HttpResponse<String> foreign = http.post("/v1/import/" + id + "/parts", other, "id\n1\n".getBytes(StandardCharsets.UTF_8));
        assertThat(foreign.statusCode()).isEqualTo(404);
        JsonNode parts = JSON.readTree(http.getText("/v1/export/parts?parts=1&sql=" + BulkHttp.encode("SELECT 1 AS x"),
                writer).body());
        assertThat(http.getText(parts.get("parts").get(0).get("url").asText(), other).statusCode()).isEqualTo(404);
        assertThat(http.getText(parts.get("parts").get(0).get("url").asText(), writer).statusCode()).isEqualTo(200);
    }

    private static String begin(String table) throws Exception {
        HttpResponse<String> begun = http.post("/v1/import?table=" + table, server.adminToken(), new byte[0]);
        assertThat(begun.statusCode()).as(begun.body()).isEqualTo(200);
        return JSON.readTree(begun.body()).get("importId").asText();
    }

    private static long stagedFiles() throws Exception {
        Path spool = server.dataDirectory().resolve("spool");
        try (Stream<Path> files = Files.list(spool)) {
            return files.filter(f -> f.getFileName().toString().startsWith("import-staged")).count();
        }
    }
}
