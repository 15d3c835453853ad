package io.flock.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flock.client.FlockClient;
import io.flock.client.FlockQueryException;
import io.flock.client.PreparedQuery;
import io.flock.client.QueryResult;
import io.flock.client.RetryPolicy;
import io.flock.testing.TestingFlockServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Statements prepared once and run many times through the SDK: shapes known before running,
 * parameter batches applied all or nothing, and a statement the server lost (restart) prepared
 * again without the caller noticing.
 */
class TestClientPrepared {
    @Test
    void runsManyTimesAppliesBatchesAtomicallyAndSurvivesARestart(@TempDir Path data) {
        try (TestingFlockServer server = TestingFlockServer.builder().dataDirectory(data).samePortAfterRestart().build()) {
            try (FlockClient client = FlockClient.builder().host(server.host()).port(server.port())
                    .token(server.adminToken())
                    .retryPolicy(new RetryPolicy(20, Duration.ofMillis(100), Duration.ofMillis(500))).build()) {
                client.executeUpdate("CREATE TABLE kv (k INTEGER PRIMARY KEY, v VARCHAR NOT NULL)");
                try (PreparedQuery insert = client.prepareStatement("INSERT INTO kv VALUES (?, ?)");
                     PreparedQuery lookup = client.prepareStatement("SELECT v FROM kv WHERE k = ?")) {
                    assertThat(insert.description().returnsRows()).isFalse();
                    assertThat(insert.description().parameters()).hasSize(2);
                    assertThat(lookup.description().columns()).extracting(c -> c.name()).containsExactly("v");

                    assertThat(insert.executeUpdate(1, "one")).isEqualTo(1);
                    List<List<Object>> rows = new ArrayList<>();
                    for (int k = 2; k <= 100; k++) {
                        rows.add(List.of(k, "v" + k));
                    }
                    assertThat(insert.executeBatch(rows)).isEqualTo(99);
                    for (int k = 1; k <= 100; k += 33) {
                        try (QueryResult result = lookup.execute(k)) {
                            assertThat(result.fetchAll()).extracting(r -> r.get(0))
                                    .containsExactly(k == 1 ? "one" : "v" + k);
                        }
                    }

                    // Row 2 breaks the primary key: nothing of the batch is applied.
                    // ... and the server's typed error reaches the caller as it is
                    assertThatThrownBy(() -> insert.executeBatch(List.of(List.of(200, "new"), List.of(1, "again"))))
                            .isInstanceOfSatisfying(FlockQueryException.class,
                                    e -> assertThat(e.errorName()).isEqualTo("CONSTRAINT_VIOLATION"));
                    assertThatThrownBy(() -> insert.executeBatch(List.of(List.of(201, "new"), List.of("x", "bad"))))
                            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row 2 of the batch");
                    assertThat(client.execute("SELECT count(*) FROM kv").fetchAll()).extracting(r -> r.get(0))
                            .containsExactly(100L);

                    // The restarted server forgot both handles: the statements are prepared again.
                    server.restart();
                    try (QueryResult result = lookup.execute(2)) {
                        assertThat(result.fetchAll()).extracting(r -> r.get(0)).containsExactly("v2");
                    }
                    assertThat(insert.executeUpdate(300, "after restart")).isEqualTo(1);
                }
                try (PreparedQuery closed = client.prepareStatement("SELECT 1")) {
                    closed.close();
                    assertThatThrownBy(closed::execute).isInstanceOf(IllegalStateException.class)
                            .hasMessageContaining("closed");
                }
                assertThatThrownBy(() -> client.prepareStatement("SELECT * FROM missing_table"))
                        .isInstanceOf(FlockQueryException.class).hasMessageContaining("missing_table");
            }
        }
    }
}
