package io.flock.tests;

import static io.flock.tests.FlightTestSupport.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flock.engine.catalog.Tokens;
import io.flock.testing.TestingFlockServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.flight.sql.FlightSqlClient;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keyed writes survive kill -9: a server in its own JVM acknowledges CHANGES writes into a
 * primary-key table (with no background compaction, so they are all still in the delta) and is
 * killed; a new server on the same data finds the delta and every acknowledged change is in the
 * table, applied once and in order — for a table whose key DuckDB's index keeps and for one created
 * {@code WITH (key_index = false)}, whose key must survive as well.
 */
class TestPrimaryKeyCrash {
    @ParameterizedTest(name = "table options ''{0}''")
    @ValueSource(strings = {"", " WITH (key_index = false)"})
    void acknowledgedChangesSurviveKillMinusNine(String tableOptions, @TempDir Path work) throws Exception {
        Path data = work.resolve("data");
        Path log = work.resolve("writer.log");
        String token = Tokens.issue("admin").text();
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-opens=java.base/java.nio=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                PrimaryKeyWriterMain.class.getName(), data.toString(), token, tableOptions);
        Process writer = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            String done = "ACKNOWLEDGED " + PrimaryKeyWriterMain.WRITES;
            while (!Files.readString(log, StandardCharsets.UTF_8).contains(done) && writer.isAlive()
                    && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(Files.readString(log, StandardCharsets.UTF_8)).contains(done);
        } finally {
            writer.destroyForcibly(); // SIGKILL: no shutdown hook, no checkpoint
            assertThat(writer.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }

        Map<Long, List<Object>> model = new TreeMap<>();
        for (int w = 0; w < PrimaryKeyWriterMain.WRITES; w++) {
            for (List<Object> row : PrimaryKeyWriterMain.write(w)) {
                long id = (Long) row.get(0);
                if (row.get(3).equals("DELETE")) {
                    model.remove(id);
                } else {
                    model.put(id, new ArrayList<>(row.subList(0, 3)));
                }
            }
        }
        try (TestingFlockServer server = TestingFlockServer.builder().dataDirectory(data).adminToken(token).build();
             BufferAllocator allocator = new RootAllocator();
             FlightSqlClient sql = server.flightSqlClient(allocator)) {
            assertThat(rows(sql, "SELECT id, name, n FROM kv ORDER BY id", TestingFlockServer.bearer(token)))
                    .containsExactlyElementsOf(model.values());
            // the key survived too, whether DuckDB or Flock keeps it
            long existing = model.keySet().iterator().next();
            assertThatThrownBy(() -> sql.executeUpdate("INSERT INTO kv VALUES (" + existing + ", 'again', 0)",
                    TestingFlockServer.bearer(token))).hasMessageContaining("Duplicate key");
            assertThat(rows(sql, "SELECT count(*) FROM kv", TestingFlockServer.bearer(token)))
                    .containsExactly(List.of((long) model.size()));
        }
    }
}
