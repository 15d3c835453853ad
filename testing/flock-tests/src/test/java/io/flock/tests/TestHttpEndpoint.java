package io.flock.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flock.http.HttpErrors;
import io.flock.spi.ErrorCode;
import io.flock.spi.FlockException;
import io.flock.spi.RowLocation;
import io.flock.testing.TestingFlockServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Health and metrics over HTTP, with authentication on everything but health. */
class TestHttpEndpoint {
    private static TestingFlockServer server;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        server = TestingFlockServer.create();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.server().httpPort() + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void healthIsOpen() throws Exception {
        HttpResponse<String> response = get("/v1/health", null);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"status\":\"ok\"").contains("\"generation\":1");
        assertThat(response.headers().firstValue("X-Flock-Generation")).contains("1");
    }

    @Test
    void metricsNeedAnAdminAndCountQueries() throws Exception {
        try (Connection c = DriverManager.getConnection(server.adminJdbcUrl()); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT 1")) {
                assertThat(rs.next()).isTrue();
            }
            String userToken;
            try (ResultSet rs = s.executeQuery("CREATE USER metrics_reader")) {
                assertThat(rs.next()).isTrue();
                userToken = rs.getString("token");
            }
            HttpResponse<String> anonymous = get("/metrics", null);
            assertThat(anonymous.statusCode()).isEqualTo(401);
            assertThat(anonymous.headers().firstValue("Content-Type")).contains("application/problem+json");
            assertThat(anonymous.body()).contains("\"sqlState\":\"28000\"").contains("Authentication required");

            assertThat(get("/metrics", "flk_aaaaaaaaaaaa_" + "b".repeat(43)).statusCode()).isEqualTo(401);
            HttpResponse<String> notAdmin = get("/metrics", userToken);
            assertThat(notAdmin.statusCode()).isEqualTo(403);
            assertThat(notAdmin.body()).contains("only admins may read metrics");

            HttpResponse<String> metrics = get("/metrics", server.adminToken());
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).contains("flock_queries_running").contains("flock_queries_ended_total{state=\"finished\"}");
        }
    }

    @Test
    void unknownPathsAreNotFoundAfterAuthentication() throws Exception {
        assertThat(get("/v1/nothing", null).statusCode()).isEqualTo(401);
        HttpResponse<String> response = get("/v1/nothing", server.adminToken());
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("No endpoint GET /v1/nothing");
    }

    @Test
    void aProblemNamesTheRowOfTheWriteThatFailedIt() throws Exception {
        ObjectMapper json = new ObjectMapper();
        FlockException located = new FlockException(ErrorCode.CONSTRAINT_VIOLATION, "Row 3 failed")
                .withRowLocation(RowLocation.of(2, "größe"));
        JsonNode body = json.readTree(HttpErrors.problemJson(located));
        assertThat(body.get("row").asLong()).isEqualTo(2);
        assertThat(body.get("column").asText()).isEqualTo("größe");
        assertThat(body.get("title").asText()).isEqualTo("CONSTRAINT_VIOLATION");
        FlockException rowOnly = new FlockException(ErrorCode.DATA_ERROR, "Row 1 failed")
                .withRowLocation(RowLocation.of(0));
        body = json.readTree(HttpErrors.problemJson(rowOnly));
        assertThat(body.get("row").asLong()).isZero();
        assertThat(body.has("column")).isFalse();
        String plain = HttpErrors.problemJson(new FlockException(ErrorCode.DATA_ERROR, "bad"));
        assertThat(plain).doesNotContain("\"row\"").doesNotContain("\"column\"");
    }
}
