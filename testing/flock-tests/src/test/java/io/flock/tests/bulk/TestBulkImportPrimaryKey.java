package io.flock.tests.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.flock.testing.TestingFlockServer;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Imports into primary-key tables are upserts (docs/bulk.md). They run on the engine's upsert write
 * ({@code TableWrite.upsertInto}); until that is built the server answers 501 NOT_SUPPORTED, the
 * table stays unchanged, and the upsert tests are skipped.
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

    private static boolean upsertsSupported() throws Exception {
        http.sql("CREATE OR REPLACE TABLE pk_probe (id INTEGER PRIMARY KEY, v VARCHAR)");
        HttpResponse<String> probe = http.importInto("pk_probe", "", utf8("id,v\n1,a\n"));
        if (probe.statusCode() == 501) {
            assertThat(probe.body()).contains("NOT_SUPPORTED");
            assertThat(http.count("SELECT count(*) FROM pk_probe")).isZero();
            return false;
        }
        assertThat(probe.statusCode()).as(probe.body()).isEqualTo(200);
        return true;
    }

    @Test
    void anImportReplacesRowsWithTheSameKey() throws Exception {
        assumeTrue(upsertsSupported(), "upsert writes into primary-key tables are not built yet");
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
        assumeTrue(upsertsSupported(), "upsert writes into primary-key tables are not built yet");
        http.sql("CREATE OR REPLACE TABLE accounts (id INTEGER PRIMARY KEY, balance INTEGER)",
                "INSERT INTO accounts VALUES (1, 10)");
        HttpResponse<String> response = http.importInto("accounts", "", utf8("id,balance\n1,20\n2,lots\n"));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("Line: 3");
        assertThat(http.count("SELECT balance FROM accounts WHERE id = 1")).isEqualTo(10);
        assertThat(http.count("SELECT count(*) FROM accounts")).isEqualTo(1);
    }
}
