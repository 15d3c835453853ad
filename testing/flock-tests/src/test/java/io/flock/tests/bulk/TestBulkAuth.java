package io.flock.tests.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import io.flock.testing.TestingFlockServer;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every bulk endpoint checks credentials and grants, answering 401/403 problem JSON. */
class TestBulkAuth {
    private static final String EXPORT_SQL = BulkHttp.encode("SELECT * FROM secrets");
    private static TestingFlockServer server;
    private static BulkHttp http;

    @BeforeAll
    static void start() throws Exception {
        server = TestingFlockServer.create();
        http = new BulkHttp(server);
        http.sql("CREATE TABLE secrets (id INTEGER)", "INSERT INTO secrets VALUES (1)");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Method and path of every bulk endpoint. */
    private static List<String[]> endpoints() {
        String importId = "imp-" + "0".repeat(32);
        String exportId = "exp-" + "0".repeat(32);
        return List.of(
                new String[] {"GET", "/v1/export?sql=" + EXPORT_SQL},
                new String[] {"POST", "/v1/export"},
                new String[] {"GET", "/v1/export/parts?parts=2&sql=" + EXPORT_SQL},
                new String[] {"GET", "/v1/export/parts/" + exportId + "/0?parts=2"},
                new String[] {"DELETE", "/v1/export/parts/" + exportId},
                new String[] {"POST", "/v1/import/secrets"},
                new String[] {"POST", "/v1/import/default_db/secrets"},
                new String[] {"POST", "/v1/import?table=secrets"},
                new String[] {"POST", "/v1/import/" + importId + "/parts"},
                new String[] {"POST", "/v1/import/" + importId + "/commit"},
                new String[] {"POST", "/v1/import/" + importId + "/rollback"},
                new String[] {"DELETE", "/v1/import/" + importId});
    }

    private static HttpResponse<String> call(String[] endpoint, String authorization) throws Exception {
        var request = http.request(endpoint[1], null)
                .method(endpoint[0], java.net.http.HttpRequest.BodyPublishers.ofString("id\n2\n"));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request);
    }

    @Test
    void everyEndpointNeedsValidCredentials() throws Exception {
        long before = http.count("SELECT count(*) FROM secrets");
        for (String[] endpoint : endpoints()) {
            for (String authorization : java.util.Arrays.asList(null, "Bearer flk_aaaaaaaaaaaa_" + "b".repeat(43),
                    "Basic " + Base64.getEncoder().encodeToString("admin:wrong".getBytes(StandardCharsets.UTF_8)))) {
                HttpResponse<String> response = call(endpoint, authorization);
                assertThat(response.statusCode()).as(endpoint[0] + " " + endpoint[1]).isEqualTo(401);
                assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
                assertThat(response.headers().firstValue("WWW-Authenticate")).isPresent();
                assertThat(response.body()).contains("\"sqlState\":\"28000\"");
                // the body was not read: the connection ends, and the answer says so
                assertThat(response.headers().firstValue("Connection")).as(endpoint[0] + " " + endpoint[1])
                        .contains("close");
            }
        }
        assertThat(http.count("SELECT count(*) FROM secrets")).isEqualTo(before);
    }

    @Test
    void grantsDecideWhatAUserMayExportAndImport() throws Exception {
        String nobody = http.user("bulk_nobody", null);
        String reader = http.user("bulk_reader", "READ");
        String writer = http.user("bulk_writer", "WRITE");
        for (String[] endpoint : endpoints().subList(0, 3)) {
            HttpResponse<String> refused = call(endpoint, "Bearer " + nobody);
            assertThat(refused.statusCode()).as(endpoint[1]).isEqualTo(403);
            assertThat(refused.body()).contains("PERMISSION_DENIED");
        }
        long before = http.count("SELECT count(*) FROM secrets");
        assertThat(http.get("/v1/export?sql=" + EXPORT_SQL, reader).statusCode()).isEqualTo(200);
        for (String[] endpoint : List.of(endpoints().get(5), endpoints().get(6), endpoints().get(7))) {
            HttpResponse<String> refused = call(endpoint, "Bearer " + reader);
            assertThat(refused.statusCode()).as(endpoint[1]).isEqualTo(403);
            assertThat(refused.body()).contains("PERMISSION_DENIED").contains("default_db");
        }
        assertThat(http.count("SELECT count(*) FROM secrets")).isEqualTo(before);
        HttpResponse<String> written = call(endpoints().get(5), "Basic " + Base64.getEncoder()
                .encodeToString(("bulk_writer:" + writer).getBytes(StandardCharsets.UTF_8)));
        assertThat(written.statusCode()).as(written.body()).isEqualTo(200);
        assertThat(http.count("SELECT count(*) FROM secrets")).isEqualTo(before + 1);
    }

    @Test
    void exportsCannotReachTheServersFiles() throws Exception {
        for (String sql : List.of("SELECT * FROM read_csv('" + server.dataDirectory().resolve("spool") + "/x.csv')",
                "SELECT * FROM read_text('/etc/passwd')", "COPY secrets TO '" + server.dataDirectory() + "/spool/out.csv'")) {
            HttpResponse<String> response = http.getText("/v1/export?sql=" + BulkHttp.encode(sql), server.adminToken());
            assertThat(response.statusCode()).as(sql).isBetween(400, 403);
        }
    }
}
