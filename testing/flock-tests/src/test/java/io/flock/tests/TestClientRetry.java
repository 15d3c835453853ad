package io.flock.tests;

import static org.assertj.core.api.Assertions.assertThat;

import io.flock.client.FlockClient;
import io.flock.client.QueryResult;
import io.flock.client.RetryPolicy;
import io.flock.testing.TestingFlockServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Idempotent calls survive a server restart on the same port. */
class TestClientRetry {
    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static TestingFlockServer server(Path data, int port, String adminToken) {
        TestingFlockServer.Builder builder = TestingFlockServer.builder().dataDirectory(data)
                .property("flight.port", String.valueOf(port));
        if (adminToken != null) {
            builder.adminToken(adminToken);
        }
        return builder.build();
    }

    @Test
    void metadataCallIsRetriedWhileTheServerIsDown(@TempDir Path data) throws Exception {
        int port = freePort();
        TestingFlockServer first = server(data, port, null);
        String token = first.adminToken();
        RetryPolicy patient = new RetryPolicy(40, Duration.ofMillis(50), Duration.ofMillis(500));
        try (FlockClient client = FlockClient.builder().host(first.host()).port(port).token(token)
                .retryPolicy(patient).build()) {
            assertThat(client.databases()).contains("default_db");
            first.close();
            CompletableFuture<List<String>> call = CompletableFuture.supplyAsync(client::databases);
            try (TestingFlockServer second = server(data, port, token)) {
                assertThat(call.get(60, TimeUnit.SECONDS)).contains("default_db");
            }
        }
    }

    @Test
    void theSameClientWorksAcrossRestart(@TempDir Path data) throws Exception {
        int port = freePort();
        try (TestingFlockServer server = server(data, port, null);
             FlockClient client = FlockClient.builder().host(server.host()).port(port).token(server.adminToken())
                     .retryPolicy(new RetryPolicy(20, Duration.ofMillis(50), Duration.ofMillis(500))).build()) {
            client.executeUpdate("CREATE TABLE kept (v INTEGER)");
            client.executeUpdate("INSERT INTO kept VALUES (42)");
            server.restart();
            assertThat(client.tables("default_db")).extracting(t -> t.name()).contains("kept");
            try (QueryResult result = client.execute("SELECT v FROM kept")) {
                assertThat(result.fetchOne().orElseThrow().getInt(0)).isEqualTo(42);
            }
        }
    }
}
