package io.flock.tests.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flock.client.FlockClient;
import io.flock.client.FlockConnectionException;
import io.flock.client.FlockPermissionException;
import io.flock.client.FlockQueryException;
import io.flock.client.bulk.BulkCompression;
import io.flock.client.bulk.BulkFormat;
import io.flock.client.bulk.BulkOptions;
import io.flock.client.bulk.ExportResult;
import io.flock.client.bulk.ImportResult;
import io.flock.client.bulk.PartSource;
import io.flock.testing.TestingFlockServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The SDK's bulk API: export, parallel export, import, parallel import, and its errors. */
class TestBulkClient {
    private static TestingFlockServer server;
    private static FlockClient client;

    @BeforeAll
    static void start() {
        server = TestingFlockServer.create();
        client = client(server.adminToken());
        client.executeUpdate("CREATE TABLE metrics AS SELECT range AS id, range % 10 AS bucket, 'm' || range AS name"
                + " FROM range(20000)");
    }

    private static FlockClient client(String token) {
        return FlockClient.builder().host(server.host()).port(server.port()).httpPort(server.server().httpPort())
                .token(token).build();
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    @Test
    void exportAndImportRoundTripThroughTheSdk() {
        client.executeUpdate("CREATE OR REPLACE TABLE metrics_copy AS SELECT * FROM metrics WHERE false");
        for (BulkFormat format : BulkFormat.values()) {
            client.executeUpdate("DELETE FROM metrics_copy");
            ByteArrayOutputStream file = new ByteArrayOutputStream();
            ExportResult export = client.bulk().export("SELECT * FROM metrics", BulkOptions.of(format)
                    .withCompression(BulkCompression.ZSTD), file);
            assertThat(export.queryId()).isNotBlank();
            assertThat(export.bytes()).isEqualTo(file.size());
            ImportResult imported = client.bulk().importFrom("metrics_copy", new ByteArrayInputStream(file.toByteArray()),
                    BulkOptions.of(format).withCompression(BulkCompression.ZSTD));
            assertThat(imported.rows()).as(format.name()).isEqualTo(20_000);
            assertThat(imported.table()).isEqualTo("default_db.main.metrics_copy");
            assertThat(count("SELECT count(*) FROM (SELECT * FROM metrics EXCEPT SELECT * FROM metrics_copy)")).isZero();
        }
    }

    @Test
    void parallelExportHandsEveryRowToExactlyOnePart() {
        Map<Integer, String> parts = new ConcurrentHashMap<>();
        ExportResult result = client.exportParallel("SELECT id FROM metrics", 4, BulkFormat.CSV,
                (part, content) -> parts.put(part, new String(content.readAllBytes(), StandardCharsets.UTF_8)));
        assertThat(parts).hasSize(4);
        assertThat(result.rows()).contains(20_000L);
        List<Long> ids = new ArrayList<>();
        parts.values().forEach(text -> text.lines().skip(1).forEach(line -> ids.add(Long.parseLong(line))));
        assertThat(ids).hasSize(20_000).doesNotHaveDuplicates();
        assertThat(ids.stream().mapToLong(Long::longValue).sum()).isEqualTo(count("SELECT sum(id) FROM metrics"));
    }

    @Test
    void parallelImportWritesAllPartsOrNone() {
        client.executeUpdate("CREATE OR REPLACE TABLE buckets (id BIGINT, bucket BIGINT)");
        List<PartSource> good = new ArrayList<>();
        for (int part = 0; part < 3; part++) {
            StringBuilder csv = new StringBuilder("id,bucket\n");
            for (int row = 0; row < 1000; row++) {
                csv.append(part * 1000 + row).append(',').append(part).append('\n');
            }
            byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
            good.add(() -> new ByteArrayInputStream(bytes));
        }
        ImportResult result = client.importParallel("buckets", good, BulkFormat.CSV);
        assertThat(result.rows()).isEqualTo(3000);
        assertThat(result.parts()).isEqualTo(3);

        List<PartSource> withBadPart = new ArrayList<>(good);
        withBadPart.add(() -> new ByteArrayInputStream("id,bucket\n1,one\n".getBytes(StandardCharsets.UTF_8)));
        assertThatThrownBy(() -> client.importParallel("buckets", withBadPart, BulkFormat.CSV))
                .isInstanceOf(FlockQueryException.class).hasMessageContaining("Line: 2")
                .hasMessageContaining("bucket");
        assertThat(count("SELECT count(*) FROM buckets")).isEqualTo(3000);
    }

    @Test
    void errorsAreTypedAndABrokenExportIsNeverASuccess() throws Exception {
        assertThatThrownBy(() -> client.export("SELECT * FROM missing_table", BulkFormat.CSV,
                new ByteArrayOutputStream()))
                .isInstanceOf(FlockQueryException.class).hasMessageContaining("missing_table")
                .satisfies(e -> assertThat(((FlockQueryException) e).sqlState()).isEqualTo("42P01"));
        String token;
        try (var result = client.execute("CREATE USER sdk_stranger")) {
            token = result.rows().next().getString("token");
        }
        try (FlockClient stranger = client(token)) {
            assertThatThrownBy(() -> stranger.importFrom("metrics", new ByteArrayInputStream(new byte[0]), BulkFormat.CSV))
                    .isInstanceOf(FlockPermissionException.class);
        }
        assertThatThrownBy(() -> client.export("SELECT range, repeat('z', 100) AS pad, CASE WHEN range = 2999999"
                + " THEN error('late') ELSE 0 END AS boom FROM range(3000000)", BulkFormat.CSV,
                OutputStreamSink.INSTANCE))
                .isInstanceOf(FlockConnectionException.class).hasMessageContaining("did not complete");
    }

    private static long count(String sql) {
        try (var result = client.execute(sql)) {
            return result.rows().next().getLong(0);
        }
    }

    /** Discards what it is given. */
    private static final class OutputStreamSink extends java.io.OutputStream {
        static final OutputStreamSink INSTANCE = new OutputStreamSink();

        @Override
        public void write(int b) {
        }

        @Override
        public void write(byte[] b, int off, int len) {
        }
    }
}
