package io.flock.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flock.client.FlockAuthenticationException;
import io.flock.client.FlockClient;
import io.flock.client.FlockConnectionException;
import io.flock.client.QueryResult;
import io.flock.client.RetryPolicy;
import io.flock.testing.TestingFlockServer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Connecting with the builder, a URL and environment variables; credentials and the session database. */
class TestClientConnect {
    private static TestingFlockServer server;

    @BeforeAll
    static void start() {
        server = TestingFlockServer.create();
        try (FlockClient admin = adminClient()) {
            admin.executeUpdate("CREATE DATABASE sales");
            admin.execute("CREATE USER alice").close();
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static FlockClient adminClient() {
        return AdminClients.of(server);
    }

    private static String currentDatabase(FlockClient client) {
        try (QueryResult result = client.execute("SELECT current_database()")) {
            return result.fetchOne().orElseThrow().getString(0);
        }
    }

    @Test
    void builderConnectsToTheDefaultDatabase() {
        try (FlockClient client = adminClient()) {
            assertThat(currentDatabase(client)).isEqualTo("default_db");
        }
    }

    @Test
    void urlCarriesHostPortDatabaseUserAndToken() {
        String url = "flock://" + server.host() + ":" + server.port() + "/sales?user=admin&token="
                + URLEncoder.encode(server.adminToken(), StandardCharsets.UTF_8) + "&connect-timeout=5s";
        try (FlockClient client = FlockClient.builder().url(url).build()) {
            assertThat(currentDatabase(client)).isEqualTo("sales");
        }
    }

    @Test
    void environmentVariablesConfigureTheSameSettings() {
        Map<String, String> environment = Map.of(
                "FLOCK_HOST", server.host(),
                "FLOCK_PORT", Integer.toString(server.port()),
                "FLOCK_TOKEN", server.adminToken(),
                "FLOCK_DATABASE", "sales",
                "FLOCK_REQUEST_TIMEOUT", "30s",
                "FLOCK_ADMIN_TOKEN", "ignored: not a client property",
                "PATH", "/usr/bin");
        try (FlockClient client = FlockClient.builder().environment(environment).build()) {
            assertThat(currentDatabase(client)).isEqualTo("sales");
        }
    }

    @Test
    void laterSettingsWinOverEarlierOnes() {
        try (FlockClient client = FlockClient.builder()
                .url("flock://" + server.host() + ":" + server.port() + "/sales?token=wrong")
                .token(server.adminToken())
                .database("default_db")
                .build()) {
            assertThat(currentDatabase(client)).isEqualTo("default_db");
        }
    }

    @Test
    void wrongTokenFailsWithAnAuthenticationException() {
        try (FlockClient client = FlockClient.builder().host(server.host()).port(server.port())
                .token("flk_aaaaaaaaaaaa_" + "x".repeat(43)).build()) {
            assertThatThrownBy(client::databases)
                    .isInstanceOfSatisfying(FlockAuthenticationException.class, e -> {
                        assertThat(e.getMessage()).contains("Authentication failed");
                        assertThat(e.sqlState()).isEqualTo("28000");
                        assertThat(e.isRetryable()).isFalse();
                    });
        }
    }

    @Test
    void basicCredentialsCheckTheUserOwnsTheToken() {
        try (FlockClient client = FlockClient.builder().host(server.host()).port(server.port())
                .user("alice").token(server.adminToken()).build()) {
            assertThatThrownBy(client::databases)
                    .isInstanceOf(FlockAuthenticationException.class)
                    .hasMessageContaining("does not belong to user 'alice'");
        }
    }

    @Test
    void anUnreachableServerFailsAfterTheRetriesWithAHelpfulMessage() {
        try (FlockClient client = FlockClient.builder().host("127.0.0.1").port(1).token("t")
                .retryPolicy(new RetryPolicy(2, Duration.ofMillis(10), Duration.ofMillis(10))).build()) {
            assertThatThrownBy(client::databases)
                    .isInstanceOfSatisfying(FlockConnectionException.class, e -> {
                        assertThat(e.getMessage()).startsWith("Listing databases failed: Flock at 127.0.0.1:1 is "
                                + "unavailable after 2 attempts in ");
                        assertThat(e.isRetryable()).isTrue();
                    });
        }
    }
}
