package io.flock.tests;

import static org.assertj.core.api.Assertions.assertThat;

import io.flock.client.FlockClient;
import io.flock.client.QueryResult;
import io.flock.client.ingest.FlushMode;
import io.flock.client.ingest.IngestOptions;
import io.flock.client.ingest.IngestStream;
import io.flock.client.ingest.RowOperation;
import io.flock.client.ingest.StreamMode;
import io.flock.engine.catalog.Tokens;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * kill -9 of a server JVM while a stream ingests (append-only after a flush, and CDC with batches in
 * flight), then a restart on the same data: every row
 * acknowledged before the kill is there, the stream resumes by itself, and at the end every row is
 * there exactly once.
 */
class TestIngestKill {
    @RegisterExtension
    final ChildJvms jvms = new ChildJvms("flock-ingest-kill-");

    @Test
    void acknowledgedRowsSurviveKillNineAndTheStreamResumesExactlyOnce() throws Exception {
        String token = Tokens.issue("admin").text();
        int port = TestIngestExactlyOnce.freePort();
        Process server = launch(token, port, 1);
        awaitReady(1);
        try (FlockClient client = FlockClient.builder().host("127.0.0.1").port(port).token(token).build()) {
            client.executeUpdate("CREATE TABLE t (id BIGINT NOT NULL, payload VARCHAR)");
            IngestOptions options = IngestOptions.builder().flushMode(FlushMode.MANUAL_FLUSH).maxBufferRows(1_000)
                    .maxAttempts(200).backoff(Duration.ofMillis(50), Duration.ofMillis(500)).build();
            long acknowledgedBeforeKill = 0;
            try (IngestStream stream = client.openStream("default_db", "t", StreamMode.APPEND_ONLY, options)) {
                int id = 0;
                for (int batch = 0; batch < 60; batch++) {
                    for (int i = 0; i < 500; i++, id++) {
                        stream.apply(stream.createRow(RowOperation.INSERT).setLong("id", id).setString("payload", "p" + id));
                    }
                    if (batch == 30) {
                        acknowledgedBeforeKill = stream.acknowledgedRows();
                        server.destroyForcibly(); // SIGKILL: no shutdown hook, no checkpoint
                        server.waitFor(30, TimeUnit.SECONDS);
                        server = launch(token, port, 2);
                        // the next flush retries until the new server listens, then re-sends
                    }
                    stream.flush();
                }
                assertThat(stream.acknowledgedRows()).isEqualTo(30_000);
            }
            assertThat(acknowledgedBeforeKill).isEqualTo(15_000);
            assertThat(count(client, "SELECT count(*) FROM t")).isEqualTo(30_000);
            assertThat(count(client, "SELECT count(DISTINCT id) FROM t")).isEqualTo(30_000);
            assertThat(count(client, "SELECT count(*) FROM t WHERE id < " + acknowledgedBeforeKill))
                    .isEqualTo(acknowledgedBeforeKill);
        }
    }

    @Test
    void aCdcStreamWithBatchesInFlightRidesThroughKillNineAndEndsAsTheModel() throws Exception {
        String token = Tokens.issue("admin").text();
        int port = TestIngestExactlyOnce.freePort();
        Process server = launch(token, port, 1);
        awaitReady(1);
        java.util.Map<Long, String> model = new java.util.HashMap<>();
        java.util.Random random = new java.util.Random(42);
        try (FlockClient client = FlockClient.builder().host("127.0.0.1").port(port).token(token).build()) {
            client.executeUpdate("CREATE TABLE k (id BIGINT PRIMARY KEY, v VARCHAR NOT NULL)");
            IngestOptions options = IngestOptions.builder().flushMode(FlushMode.AUTO_FLUSH_BACKGROUND)
                    .maxBufferRows(500).maxBuffersInFlight(4).maxAttempts(200)
                    .backoff(Duration.ofMillis(50), Duration.ofMillis(500)).build();
            try (IngestStream stream = client.openStream("default_db", "k", StreamMode.CDC, options)) {
                for (int i = 0; i < 40_000; i++) {
                    long id = random.nextInt(5_000);
                    if (random.nextInt(4) == 0) {
                        stream.apply(stream.createRow(RowOperation.DELETE_IGNORE).setLong("id", id));
                        model.remove(id);
                    } else {
                        String value = "v" + i;
                        stream.apply(stream.createRow(RowOperation.UPSERT).setLong("id", id).setString("v", value));
                        model.put(id, value);
                    }
                    if (i == 20_000) {
                        // batches are in flight in the background: kill the server under them
                        server.destroyForcibly();
                        server.waitFor(30, TimeUnit.SECONDS);
                        server = launch(token, port, 2);
                    }
                }
                stream.flush(); // waits for every acknowledgement, re-sending across the restart
                assertThat(stream.acknowledgedRows()).isEqualTo(40_000);
                assertThat(stream.retries()).as("the kill interrupted the stream").isPositive();
            }
            assertThat(count(client, "SELECT count(*) FROM k")).isEqualTo(model.size());
            StringBuilder expected = new StringBuilder();
            model.entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                    .forEach(e -> expected.append(e.getKey()).append('=').append(e.getValue()).append(';'));
            try (QueryResult result = client.execute("SELECT string_agg(id || '=' || v || ';', '' ORDER BY id) FROM k")) {
                assertThat(result.rows().next().getString(0)).isEqualTo(expected.toString());
            }
        }
    }

    private Process launch(String token, int port, int n) throws Exception {
        return jvms.start("server-" + n + ".log", Map.of("FLOCK_ADMIN_TOKEN", token), null, "io.flock.server.FlockMain",
                "server", "--data", jvms.work().resolve("data").toString(), "--port", Integer.toString(port),
                "--http-port", "0");
    }

    private void awaitReady(int n) throws Exception {
        Path log = jvms.work().resolve("server-" + n + ".log");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readString(log, StandardCharsets.UTF_8).contains("Press Ctrl-C to stop.")) {
                return;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("The server was not ready within 60 s:\n" + Files.readString(log));
    }

    private static long count(FlockClient client, String sql) {
        try (QueryResult result = client.execute(sql)) {
            return result.rows().next().getLong(0);
        }
    }
}
