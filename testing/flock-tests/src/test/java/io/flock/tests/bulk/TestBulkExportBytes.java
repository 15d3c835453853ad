package io.flock.tests.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import io.flock.client.FlockClient;
import io.flock.client.bulk.BulkCompression;
import io.flock.client.bulk.BulkFormat;
import io.flock.client.bulk.BulkOptions;
import io.flock.client.bulk.ExportResult;
import io.flock.testing.TestingFlockServer;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Large exports arrive byte for byte, through the SDK's download path and the server's reused
 * read-ahead buffers (many more chunks than the read-ahead holds, the held-back first 8 MiB
 * included), and exported Parquet has its documented layout (zstd pages, plain encoding) and stays
 * small for repetitive data.
 */
class TestBulkExportBytes {
    /** About 60 MB of CSV: dozens of 1 MiB chunks, so every read-ahead buffer is reused many times. */
    private static final long ROWS = 2_000_000;

    private static TestingFlockServer server;
    private static FlockClient client;
    private static Path directory;

    @BeforeAll
    static void start() throws Exception {
        server = TestingFlockServer.create();
        client = FlockClient.builder().host(server.host()).port(server.port()).httpPort(server.server().httpPort())
                .token(server.adminToken()).build();
        directory = Files.createTempDirectory("flock-bulk-bytes-");
    }

    @AfterAll
    static void stop() throws Exception {
        client.close();
        server.close();
        try (var paths = Files.walk(directory)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void aLargeCsvExportArrivesInOrderWithNothingLostOrRepeated() throws Exception {
        for (BulkCompression compression : List.of(BulkCompression.NONE, BulkCompression.GZIP)) {
            Path file = directory.resolve("numbers.csv" + compression.suffix());
            ExportResult result;
            try (OutputStream out = Files.newOutputStream(file)) {
                result = client.bulk().export("SELECT range AS n, 'row-' || range AS label FROM range(" + ROWS + ")",
                        BulkOptions.of(BulkFormat.CSV).withCompression(compression), out);
            }
            assertThat(result.bytes()).isEqualTo(Files.size(file));
            try (InputStream raw = Files.newInputStream(file);
                 InputStream in = compression == BulkCompression.GZIP ? new GZIPInputStream(raw) : raw;
                 BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                assertThat(lines.readLine()).isEqualTo("n,label");
                for (long n = 0; n < ROWS; n++) {
                    String line = lines.readLine();
                    if (!(n + ",row-" + n).equals(line)) {
                        assertThat(line).as("line %d of the %s export", n + 2, compression).isEqualTo(n + ",row-" + n);
                    }
                }
                assertThat(lines.readLine()).as("nothing after the last row").isNull();
            }
        }
    }

    @Test
    void exportedParquetIsZstdWithPlainEncodingAndRoundTrips() throws Exception {
        client.executeUpdate("CREATE TABLE shapes AS SELECT range AS id, ['circle', 'square', 'triangle'][1 + range % 3]"
                + " AS shape, CASE WHEN range % 10 = 0 THEN NULL ELSE range * 0.5 END AS size FROM range(1000000)");
        Path file = directory.resolve("shapes.parquet");
        try (OutputStream out = Files.newOutputStream(file)) {
            client.bulk().export("SELECT * FROM shapes ORDER BY id", BulkOptions.of(BulkFormat.PARQUET), out);
        }
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:"); Statement s = duckdb.createStatement()) {
            String source = "read_parquet('" + file.toString().replace("'", "''") + "')";
            assertThat(strings(s, "SELECT DISTINCT compression FROM parquet_metadata('" + file + "')"))
                    .containsExactly("ZSTD");
            assertThat(strings(s, "SELECT DISTINCT encodings FROM parquet_metadata('" + file + "')"))
                    .allSatisfy(encodings -> assertThat(encodings).doesNotContain("DICTIONARY"));
            assertThat(strings(s, "SELECT count(*) || ',' || count(size) || ',' || sum(id) || ',' || count(DISTINCT shape)"
                    + " FROM " + source)).containsExactly("1000000,900000,499999500000,3");
            assertThat(strings(s, "SELECT count(*) FROM (SELECT id, lag(id) OVER () AS before FROM " + source
                    + ") WHERE before >= id")).containsExactly("0");
        }
        // without dictionaries, repetitive text still shrinks: zstd finds the repeats (11 MB of plain values)
        Path names = directory.resolve("names.parquet");
        try (OutputStream out = Files.newOutputStream(names)) {
            client.bulk().export("SELECT shape FROM shapes ORDER BY id", BulkOptions.of(BulkFormat.PARQUET), out);
        }
        assertThat(Files.size(names)).isLessThan(200_000);
    }

    private static List<String> strings(Statement s, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }
}
