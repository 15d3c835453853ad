package io.flock.tests.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import io.flock.testing.TestingFlockServer;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Imports into primary-key tables are upserts (docs/bulk.md), through the engine's upsert write
 * ({@code TableWrite.upsertInto}): a row replaces the row with its key, the last row of a key in
 * an upload wins, columns left out of the file are not kept from the old row.
 */
class TestBulkImportPrimaryKey {
    private static TestingFlockServer server;
    private static BulkHttp http;

    @BeforeAll
    static void start() throws Exception {
        server = TestingFlockServer.create();
        http = new BulkHttp(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static long count(String sql) throws Exception {
        return http.count(sql);
    }

    @Test
    void anImportReplacesRowsWithTheSameKey() throws Exception {
        http.sql("CREATE OR REPLACE TABLE customers (id INTEGER PRIMARY KEY, name VARCHAR, city VARCHAR)",
                "INSERT INTO customers VALUES (1, 'Ann', 'Oslo'), (2, 'Bob', 'Rome')");
        HttpResponse<String> response = http.importInto("customers", "", utf8("id,name,city\n2,Bob,Paris\n3,Cy,Lima\n"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains("\"rows\":2");
        assertThat(http.count("SELECT count(*) FROM customers")).isEqualTo(3);
        assertThat(http.count("SELECT count(*) FROM customers WHERE id = 2 AND city = 'Paris'")).isEqualTo(1);
        assertThat(http.count("SELECT count(*) FROM customers WHERE id = 1 AND city = 'Oslo'")).isEqualTo(1);
    }

    @Test
    void aBadRowInAnUpsertImportChangesNothing() throws Exception {
        http.sql("CREATE OR REPLACE TABLE accounts (id INTEGER PRIMARY KEY, balance INTEGER)",
                "INSERT INTO accounts VALUES (1, 10)");
        HttpResponse<String> response = http.importInto("accounts", "", utf8("id,balance\n1,20\n2,lots\n"));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("Line: 3");
        assertThat(http.count("SELECT balance FROM accounts WHERE id = 1")).isEqualTo(10);
        assertThat(http.count("SELECT count(*) FROM accounts")).isEqualTo(1);
    }

    @Test
    void theLastRowOfAKeyInOneUploadWins() throws Exception {
        http.sql("CREATE OR REPLACE TABLE prices (id INTEGER PRIMARY KEY, price INTEGER)",
                "INSERT INTO prices VALUES (1, 10)");
        HttpResponse<String> response = http.importInto("prices", "", utf8("id,price\n1,11\n2,20\n1,12\n2,21\n1,13\n"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(count("SELECT count(*) FROM prices")).isEqualTo(2);
        assertThat(count("SELECT price FROM prices WHERE id = 1")).isEqualTo(13);
        assertThat(count("SELECT price FROM prices WHERE id = 2")).isEqualTo(21);
    }

    @Test
    void aColumnLeftOutOfTheHeaderTakesItsDefaultNotTheOldValue() throws Exception {
        http.sql("CREATE OR REPLACE TABLE people (id INTEGER PRIMARY KEY, name VARCHAR, city VARCHAR DEFAULT 'unknown',"
                + " age INTEGER)", "INSERT INTO people VALUES (1, 'Ann', 'Oslo', 40), (2, 'Bob', 'Rome', 50)");
        HttpResponse<String> response = http.importInto("people", "", utf8("id,name\n1,Anna\n3,Cy\n"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(count("SELECT count(*) FROM people WHERE id = 1 AND name = 'Anna' AND city = 'unknown'"
                + " AND age IS NULL")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM people WHERE id = 3 AND city = 'unknown' AND age IS NULL")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM people WHERE id = 2 AND city = 'Rome' AND age = 50")).isEqualTo(1);
    }

    @Test
    void anImportCannotDeleteRows() throws Exception {
        http.sql("CREATE OR REPLACE TABLE tags (id INTEGER PRIMARY KEY, tag VARCHAR)", "INSERT INTO tags VALUES (1, 'a')");
        HttpResponse<String> response = http.importInto("tags", "", utf8("id,tag,__flock_op\n1,a,DELETE\n"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.body()).contains("__flock_op");
        assertThat(count("SELECT count(*) FROM tags")).isEqualTo(1);
    }

    @Test
    void aParallelImportIntoAKeyedTableLetsTheLaterPartWin() throws Exception {
        http.sql("CREATE OR REPLACE TABLE stock (id INTEGER PRIMARY KEY, qty INTEGER)", "INSERT INTO stock VALUES (1, 0)");
        HttpResponse<String> begun = http.post("/v1/import?table=stock", server.adminToken(), new byte[0]);
        String id = new com.fasterxml.jackson.databind.ObjectMapper().readTree(begun.body()).get("importId").asText();
        for (String part : new String[] {"id,qty\n1,1\n2,1\n", "id,qty\n1,2\n3,2\n"}) {
            HttpResponse<String> upload = http.post("/v1/import/" + id + "/parts", server.adminToken(), utf8(part));
            assertThat(upload.statusCode()).as(upload.body()).isEqualTo(200);
        }
        HttpResponse<String> commit = http.post("/v1/import/" + id + "/commit", server.adminToken(), new byte[0]);
        assertThat(commit.statusCode()).as(commit.body()).isEqualTo(200);
        assertThat(count("SELECT count(*) FROM stock")).isEqualTo(3);
        assertThat(count("SELECT qty FROM stock WHERE id = 1")).isEqualTo(2);
    }
}
