package io.flock.tests.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flock.testing.TestingFlockServer;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /v1/import}: all or nothing, errors that name the line and column, broken uploads. */
class TestBulkImport {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestingFlockServer server;
    private static BulkHttp http;

    @BeforeAll
    static void start() throws Exception {
        server = TestingFlockServer.create();
        http = new BulkHttp(server);
        http.sql("CREATE DATABASE other");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void freshTable() throws Exception {
        http.sql("CREATE OR REPLACE TABLE orders (id INTEGER NOT NULL, item VARCHAR, qty INTEGER DEFAULT 7, price DOUBLE)",
                "INSERT INTO orders VALUES (100, 'existing', 1, 0.5)");
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void csvByHeaderNameWithDefaultsForMissingColumns() throws Exception {
        HttpResponse<String> response = http.importInto("orders", "", utf8("item,id\napple,1\n\"pear, green\",2\n"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains("\"table\":\"default_db.main.orders\"").contains("\"rows\":2");
        assertThat(http.count("SELECT count(*) FROM orders WHERE qty = 7 AND price IS NULL AND id IN (1, 2)"
                + " AND item IN ('apple', 'pear, green')")).isEqualTo(2);
    }

    @Test
    void csvWithoutHeaderIsByPosition() throws Exception {
        HttpResponse<String> response = http.importInto("orders", "header=false&delimiter=%7C&null=NA",
                utf8("1|apple|3|1.25\n2|NA|4|NA\n"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(http.count("SELECT count(*) FROM orders WHERE (id = 1 AND item = 'apple' AND qty = 3 AND price = 1.25)"
                + " OR (id = 2 AND item IS NULL AND qty = 4 AND price IS NULL)")).isEqualTo(2);
    }

    @Test
    void aWrongTypeNamesTheLineAndColumnAndChangesNothing() throws Exception {
        StringBuilder csv = new StringBuilder("id,item,qty\n");
        for (int i = 1; i <= 50_000; i++) {
            csv.append(i).append(",item").append(i).append(',').append(i == 40_000 ? "many" : "1").append('\n');
        }
        HttpResponse<String> response = http.importInto("orders", "", utf8(csv.toString()));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(response.body()).contains("Nothing was imported into default_db.main.orders")
                .contains("Line: 40001").contains("column \\\"qty\\\"").contains("many").doesNotContain("spool");
        assertUnchanged();
    }

    @Test
    void aParquetValueThatDoesNotConvertNamesTheRowAndColumn() throws Exception {
        // a Parquet file whose qty column is text: it converts into the INTEGER column, but row 3 does not
        byte[] parquet = http.export("SELECT * FROM (VALUES (1, 'a', '5'), (2, 'b', '6'), (3, 'c', 'many'), (4, 'd', '8'))"
                + " AS t(id, item, qty)", "format=parquet").body();
        HttpResponse<String> response = http.importInto("orders", "format=parquet", parquet);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.body()).contains("Nothing was imported into default_db.main.orders")
                .contains("row 3, column 'qty': 'many' is not a valid INTEGER").doesNotContain("spool")
                .contains("\"row\":2,\"column\":\"qty\""); // the same, as data: 0-based
        assertUnchanged();
        // staged as a part of a parallel import: the same message, and still nothing imported
        HttpResponse<String> begun = http.post("/v1/import?table=orders", server.adminToken(), new byte[0]);
        String id = begun.body().replaceAll(".*\"importId\":\"([^\"]+)\".*", "$1");
        HttpResponse<String> part = http.post("/v1/import/" + id + "/parts?format=parquet", server.adminToken(), parquet);
        assertThat(part.statusCode()).as(part.body()).isEqualTo(400);
        assertThat(part.body()).contains("row 3, column 'qty': 'many' is not a valid INTEGER")
                .contains("\"row\":2,\"column\":\"qty\"");
        http.post("/v1/import/" + id + "/rollback", server.adminToken(), new byte[0]);
        assertUnchanged();
        // the values that convert are cast to the table's types
        byte[] good = http.export("SELECT * FROM (VALUES (1, 'a', '5'), (2, 'b', '6')) AS t(id, item, qty)",
                "format=parquet").body();
        HttpResponse<String> imported = http.importInto("orders", "format=parquet", good);
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
        assertThat(http.count("SELECT sum(qty) FROM orders WHERE id IN (1, 2)")).isEqualTo(11);
    }

    @Test
    void anArrowValueThatDoesNotConvertNamesTheRowAndColumn() throws Exception {
        byte[] arrow = http.export("SELECT * FROM (VALUES (1, 'a', '5'), (2, 'b', '6'), (3, 'c', 'many'))"
                + " AS t(id, item, qty)", "format=arrow").body();
        HttpResponse<String> response = http.importInto("orders", "format=arrow", arrow);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.body()).contains("Nothing was imported into default_db.main.orders: row 3, column 'qty'"
                + " holds a value that is not a valid INTEGER").contains("many")
                .contains("\"row\":2,\"column\":\"qty\"");
        assertUnchanged();
    }

    @Test
    void aMalformedLineNamesTheLine() throws Exception {
        HttpResponse<String> response = http.importInto("orders", "", utf8("id,item\n1,a\n2,b,extra\n3,c\n"));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("Line: 3");
        assertUnchanged();
    }

    @Test
    void aConstraintViolationChangesNothing() throws Exception {
        HttpResponse<String> response = http.importInto("orders", "", utf8("id,item\n1,a\n,b\n"));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("CONSTRAINT_VIOLATION").contains("id");
        assertUnchanged();
    }

    @Test
    void anUnknownColumnIsNamed() throws Exception {
        HttpResponse<String> response = http.importInto("orders", "", utf8("id,colour\n1,red\n"));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("'colour'").contains("id, item, qty, price");
        assertUnchanged();
    }

    @Test
    void jsonLinesWithAWrongValueNamesTheLine() throws Exception {
        HttpResponse<String> good = http.importInto("orders", "format=jsonl",
                utf8("{\"id\":1,\"item\":\"a\"}\n{\"id\":2,\"qty\":3}\n"));
        assertThat(good.statusCode()).as(good.body()).isEqualTo(200);
        assertThat(http.count("SELECT count(*) FROM orders")).isEqualTo(3);
        HttpResponse<String> bad = http.importInto("orders", "format=jsonl",
                utf8("{\"id\":3}\n{\"id\":\"three\"}\n"));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("line 2").contains("three");
        assertThat(http.count("SELECT count(*) FROM orders")).isEqualTo(3);
    }

    @Test
    void contentEncodingIsRespectedAndATruncatedGzipChangesNothing() throws Exception {
        ByteArrayOutputStream gzip = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(gzip)) {
            for (int i = 1; i <= 20_000; i++) {
                out.write(utf8(i == 1 ? "id,item\n1,a\n" : i + ",x" + i + "\n"));
            }
        }
        byte[] whole = gzip.toByteArray();
        HttpResponse<String> encoded = http.send(http.request("/v1/import/orders", server.adminToken())
                .header("Content-Encoding", "gzip").POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(whole)));
        assertThat(encoded.statusCode()).as(encoded.body()).isEqualTo(200);
        assertThat(http.count("SELECT count(*) FROM orders")).isEqualTo(20_001);

        http.sql("DELETE FROM orders WHERE item <> 'existing'");
        HttpResponse<String> truncated = http.importInto("orders", "compression=gzip",
                Arrays.copyOf(whole, whole.length / 2));
        assertThat(truncated.statusCode()).isEqualTo(400);
        assertThat(truncated.body()).contains("broke off or is not valid gzip").contains("nothing was imported");
        assertUnchanged();
    }

    @Test
    void aContentEncodingTheServerDoesNotDecodeIs415AndImportsNothing() throws Exception {
        for (String encoding : List.of("br", "compress", "gzip, br")) {
            HttpResponse<String> refused = http.send(http.request("/v1/import/orders", server.adminToken())
                    .header("Content-Encoding", encoding)
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(utf8("id,item\n1,a\n"))));
            assertThat(refused.statusCode()).as(encoding + ": " + refused.body()).isEqualTo(415);
            assertThat(refused.headers().firstValue("Content-Type")).contains("application/problem+json");
            assertThat(refused.headers().firstValue("Accept-Encoding")).hasValueSatisfying(accepted ->
                    assertThat(accepted).contains("gzip").contains("zstd"));
            JsonNode problem = JSON.readTree(refused.body());
            assertThat(problem.get("status").asInt()).isEqualTo(415);
            assertThat(problem.get("title").asText()).isEqualTo("NOT_SUPPORTED");
            assertThat(problem.get("detail").asText()).contains("Content-Encoding '" + encoding + "' is not supported")
                    .contains("gzip and zstd");
            assertUnchanged();
        }
        // identity is no coding at all; a part of a parallel import is refused the same way, and stages nothing
        assertThat(http.send(http.request("/v1/import/orders", server.adminToken()).header("Content-Encoding", "identity")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(utf8("id,item\n1,a\n")))).statusCode())
                .isEqualTo(200);
        http.sql("DELETE FROM orders WHERE id = 1");
        String id = JSON.readTree(http.post("/v1/import?table=orders", server.adminToken(), new byte[0]).body())
                .get("importId").asText();
        HttpResponse<String> part = http.send(http.request("/v1/import/" + id + "/parts", server.adminToken())
                .header("Content-Encoding", "br")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(utf8("id,item\n2,b\n"))));
        assertThat(part.statusCode()).as(part.body()).isEqualTo(415);
        assertThat(part.body()).contains("Content-Encoding 'br' is not supported");
        HttpResponse<String> commit = http.post("/v1/import/" + id + "/commit", server.adminToken(), new byte[0]);
        assertThat(commit.statusCode()).as(commit.body()).isEqualTo(200);
        assertThat(commit.body()).contains("\"parts\":0").contains("\"rows\":0");
        assertUnchanged();
    }

    @Test
    void anUnknownCompressionParameterIs400NamingItAndTheSupportedOnes() throws Exception {
        HttpResponse<String> refused = http.importInto("orders", "compression=lz4", utf8("id,item\n1,a\n"));
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        JsonNode problem = JSON.readTree(refused.body());
        assertThat(problem.get("title").asText()).isEqualTo("INVALID_ARGUMENT");
        assertThat(problem.get("detail").asText())
                .isEqualTo("The query parameter 'compression' must be none, gzip or zstd, not 'lz4'");
        assertUnchanged();
        // an export checks the parameter the same way
        HttpResponse<String> export = http.getText("/v1/export?compression=lz4&sql=" + BulkHttp.encode("SELECT 1"),
                server.adminToken());
        assertThat(export.statusCode()).isEqualTo(400);
        assertThat(export.body()).contains("not 'lz4'");
    }

    @Test
    void anUploadCutOffMidBodyChangesNothingAndLeavesNoSpoolFile() throws Exception {
        byte[] part = utf8("id,item\n1,a\n2,b\n");
        assertThat(http.cutOffImport("orders", part)).isZero(); // the server cleaned its spool up
        assertUnchanged();
        assertThat(http.importInto("orders", "", utf8("id\n5\n")).statusCode()).isEqualTo(200);
    }

    @Test
    void aParquetOrArrowUploadCutOffMidBodyChangesNothingAndLeavesNoSpoolFile() throws Exception {
        for (String format : List.of("parquet", "arrow")) {
            byte[] file = http.export("SELECT range::INTEGER AS id, 'item' || range AS item FROM range(1000)",
                    "format=" + format).body();
            byte[] start = Arrays.copyOf(file, file.length / 2);
            assertThat(http.cutOffImport("orders?format=" + format, start)).as(format).isZero();
            assertUnchanged();
        }
    }

    @Test
    void namedDatabaseAndSchemaQualifiedTable() throws Exception {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(server.adminJdbcUrl() + "&database=other");
             java.sql.Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA IF NOT EXISTS sales");
            s.execute("CREATE OR REPLACE TABLE sales.leads (name VARCHAR)");
        }
        HttpResponse<String> response = http.importInto("other/sales.leads", "", utf8("name\nada\n"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains("other.sales.leads");
        HttpResponse<String> missing = http.importInto("other/nothing", "", utf8("name\nada\n"));
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("Table 'other.main.nothing' does not exist");
    }

    @Test
    void theSystemDatabaseIsReadOnly() throws Exception {
        HttpResponse<String> response = http.importInto("flock/queries", "", utf8("query_id\nx\n"));
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("read-only");
    }


    private static void assertUnchanged() throws Exception {
        assertThat(http.count("SELECT count(*) FROM orders")).isEqualTo(1);
        assertThat(http.count("SELECT count(*) FROM orders WHERE id = 100 AND item = 'existing'")).isEqualTo(1);
    }
}
