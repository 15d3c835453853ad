package io.flock.tests;

import static org.assertj.core.api.Assertions.assertThat;

import io.flock.client.ArrowBatches;
import io.flock.client.FlockClient;
import io.flock.client.QueryResult;
import io.flock.client.Row;
import io.flock.client.ingest.FlushMode;
import io.flock.client.ingest.IngestOptions;
import io.flock.client.ingest.IngestStream;
import io.flock.client.ingest.RowOperation;
import io.flock.client.ingest.StreamMode;
import io.flock.testing.TestingFlockServer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Period;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every Flock type through both ingest APIs: the typed row setters (checked against SQL's text
 * rendering of what was stored), then the same rows as Arrow batches read back from Flock and
 * applied as {@code VectorSchemaRoot}s into a second table (checked equal row for row).
 */
class TestIngestTypes {
    private static final String COLUMNS = "b BOOLEAN, ti TINYINT, si SMALLINT, i INTEGER, bi BIGINT, ui UINTEGER,"
            + " f FLOAT, d DOUBLE, dec DECIMAL(18, 4), v VARCHAR, j JSON, u UUID, bl BLOB, dt DATE, tm TIME,"
            + " ts TIMESTAMP, tz TIMESTAMPTZ, iv INTERVAL, l INTEGER[], m MAP(VARCHAR, INTEGER),"
            + " s STRUCT(a INTEGER, t VARCHAR), ls VARCHAR[][]";
    private static TestingFlockServer server;
    private static FlockClient client;

    @BeforeAll
    static void start() {
        server = TestingFlockServer.create();
        client = AdminClients.of(server);
        client.executeUpdate("CREATE TABLE typed (" + COLUMNS + ")");
        client.executeUpdate("CREATE TABLE copied (" + COLUMNS + ")");
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    @Test
    void everyTypeThroughRowSettersAndThroughArrowBatches() {
        UUID uuid = UUID.fromString("0f8fad5b-d9cb-469f-a165-70867728950e");
        Map<String, Integer> map = new LinkedHashMap<>();
        map.put("x", 1);
        map.put("y", null);
        Map<String, Object> struct = new LinkedHashMap<>();
        struct.put("a", 7);
        struct.put("t", "seven");
        try (IngestStream stream = client.openStream("default_db", "typed", StreamMode.APPEND_ONLY,
                IngestOptions.builder().flushMode(FlushMode.MANUAL_FLUSH).build())) {
            stream.apply(stream.createRow(RowOperation.INSERT)
                    .setBoolean("b", true).setLong("ti", -8).setLong("si", 1000).setInt("i", -70000)
                    .setLong("bi", Long.MAX_VALUE).setLong("ui", 4_000_000_000L).setDouble("f", 1.5)
                    .setDouble("d", Math.PI).setDecimal("dec", new BigDecimal("12345.67"))
                    .setString("v", "grüße ✓").setJson("j", "{\"k\": [1, 2]}").setUuid("u", uuid)
                    .setBinary("bl", new byte[] {0, 1, (byte) 0xff})
                    .setDate("dt", LocalDate.of(2024, 2, 29)).setTime("tm", LocalTime.of(23, 59, 58, 123_456_000))
                    .setTimestamp("ts", LocalDateTime.of(1999, 12, 31, 23, 59, 59, 999_999_000))
                    .setTimestampTz("tz", Instant.parse("2024-06-01T12:00:00.000001Z"))
                    .setInterval("iv", Period.of(1, 2, 3), Duration.ofHours(4).plusMinutes(5).plusSeconds(6))
                    .setList("l", java.util.Arrays.asList(1, null, 3)).setMap("m", map).setStruct("s", struct)
                    .setList("ls", List.of(List.of("a", "b"), List.of())));
            stream.apply(stream.createRow(RowOperation.INSERT)); // every column NULL
            stream.flush();
        }
        assertThat(texts("SELECT b::VARCHAR, ti::VARCHAR, si::VARCHAR, i::VARCHAR, bi::VARCHAR, ui::VARCHAR,"
                + " f::VARCHAR, d::VARCHAR, dec::VARCHAR, v, j::VARCHAR, u::VARCHAR, hex(bl), dt::VARCHAR, tm::VARCHAR,"
                + " ts::VARCHAR, epoch_us(tz)::VARCHAR, iv::VARCHAR, l::VARCHAR, m::VARCHAR, s::VARCHAR, ls::VARCHAR"
                + " FROM typed WHERE b IS NOT NULL")).containsExactly(
                "true", "-8", "1000", "-70000", "9223372036854775807", "4000000000", "1.5",
                String.valueOf(Math.PI), "12345.6700", "grüße ✓", "{\"k\": [1, 2]}", uuid.toString(), "0001FF",
                "2024-02-29", "23:59:58.123456", "1999-12-31 23:59:59.999999", "1717243200000001",
                "1 year 2 months 3 days 04:05:06", "[1, NULL, 3]", "{x=1, y=NULL}", "{'a': 7, 't': seven}",
                "[[a, b], []]");
        assertThat(texts("SELECT count(*)::VARCHAR FROM typed WHERE b IS NULL AND v IS NULL AND l IS NULL AND s IS NULL"))
                .containsExactly("1");

        // The same rows as Arrow batches: read them from Flock, apply each batch as a VectorSchemaRoot.
        try (IngestStream stream = client.openStream("default_db", "copied", StreamMode.APPEND_ONLY,
                IngestOptions.builder().flushMode(FlushMode.AUTO_FLUSH_SYNC).build());
             QueryResult result = client.execute("SELECT * FROM typed");
             ArrowBatches batches = result.arrowStream()) {
            while (batches.next()) {
                stream.apply(batches.root());
            }
            assertThat(stream.acknowledgedRows()).isEqualTo(2);
        }
        assertThat(texts("SELECT count(*)::VARCHAR FROM (SELECT * FROM typed EXCEPT ALL SELECT * FROM copied)"))
                .containsExactly("0");
        assertThat(texts("SELECT count(*)::VARCHAR FROM copied")).containsExactly("2");
        assertThat(new String(bytes("SELECT bl FROM copied WHERE bl IS NOT NULL"), StandardCharsets.ISO_8859_1))
                .isEqualTo(new String(new byte[] {0, 1, (byte) 0xff}, StandardCharsets.ISO_8859_1));
    }

    @Test
    void wideIntegersTimestampUnitsEnumArrayThroughRowsAndBitAndUnionThroughArrow() {
        String columns = "id INTEGER, hi HUGEINT, uh UHUGEINT, tss TIMESTAMP_S, tsm TIMESTAMP_MS, tsn TIMESTAMP_NS,"
                + " e ENUM('sad', 'ok'), bits BIT, arr INTEGER[3]";
        client.executeUpdate("CREATE OR REPLACE TABLE wide (" + columns + ", un UNION(n INTEGER, t VARCHAR))");
        client.executeUpdate("CREATE OR REPLACE TABLE wide_copy (" + columns + ", un UNION(n INTEGER, t VARCHAR))");
        try (IngestStream stream = client.openStream("default_db", "wide", StreamMode.APPEND_ONLY,
                IngestOptions.builder().flushMode(FlushMode.MANUAL_FLUSH).build())) {
            stream.apply(stream.createRow(RowOperation.INSERT).setInt("id", 1)
                    .setDecimal("hi", new BigDecimal("-12345678901234567890123456789012345678"))
                    .setBigInteger("uh", new java.math.BigInteger("98765432109876543210987654321098765432"))
                    .setTimestamp("tss", LocalDateTime.of(2024, 1, 2, 3, 4, 5))
                    .setTimestamp("tsm", LocalDateTime.of(2024, 1, 2, 3, 4, 5, 678_000_000))
                    .setTimestamp("tsn", LocalDateTime.of(2024, 1, 2, 3, 4, 5, 678_901_234))
                    .setString("e", "ok").setList("arr", List.of(1, 2, 3)));
            stream.apply(stream.createRow(RowOperation.INSERT).setInt("id", 2)); // NULLs
            stream.flush();
        }
        assertThat(texts("SELECT hi::VARCHAR, uh::VARCHAR, tss::VARCHAR, tsm::VARCHAR, tsn::VARCHAR, e::VARCHAR,"
                + " arr::VARCHAR FROM wide WHERE id = 1")).containsExactly(
                "-12345678901234567890123456789012345678", "98765432109876543210987654321098765432",
                "2024-01-02 03:04:05", "2024-01-02 03:04:05.678", "2024-01-02 03:04:05.678901234", "ok",
                "[1, 2, 3]");
        // BIT (Arrow Binary holding DuckDB's own bytes) and UNION have no row setter: they go as Arrow batches
        client.executeUpdate("INSERT INTO wide (id, bits, un) VALUES (3, '0101'::BIT, union_value(n := 7)),"
                + " (4, '1'::BIT, union_value(t := 'x'))");

        // every row, UNION included, as Arrow batches into the copy; BIT goes as its text ('0101'): Flock
        // reads BIT as DuckDB's internal bytes, which DuckDB would take back as the bits of every byte
        try (IngestStream stream = client.openStream("default_db", "wide_copy", StreamMode.APPEND_ONLY,
                IngestOptions.builder().flushMode(FlushMode.AUTO_FLUSH_SYNC).build());
             QueryResult result = client.execute("SELECT * REPLACE (bits::VARCHAR AS bits) FROM wide");
             ArrowBatches batches = result.arrowStream()) {
            while (batches.next()) {
                stream.apply(batches.root());
            }
        }
        assertThat(texts("SELECT count(*)::VARCHAR FROM (SELECT * FROM wide EXCEPT ALL SELECT * FROM wide_copy)"))
                .containsExactly("0");
        assertThat(texts("SELECT count(*)::VARCHAR FROM wide_copy")).containsExactly("4");
    }

    @Test
    void unsignedIntegersUpToTheirLimitsIncludingUbigintAboveLongMax() {
        client.executeUpdate("CREATE OR REPLACE TABLE unsigned_values (ut UTINYINT, us USMALLINT, ub UBIGINT)");
        java.math.BigInteger ubigintMax = java.math.BigInteger.ONE.shiftLeft(64).subtract(java.math.BigInteger.ONE);
        try (IngestStream stream = client.openStream("default_db", "unsigned_values", StreamMode.APPEND_ONLY,
                IngestOptions.builder().flushMode(FlushMode.MANUAL_FLUSH).build())) {
            stream.apply(stream.createRow(RowOperation.INSERT).setLong("ut", 255).setLong("us", 65_535)
                    .setBigInteger("ub", ubigintMax));
            stream.apply(stream.createRow(RowOperation.INSERT).setLong("ut", 0).setLong("us", 0).setLong("ub", 7));
            var row = stream.createRow(RowOperation.INSERT);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> row.setBigInteger("ub", ubigintMax.add(
                    java.math.BigInteger.ONE))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'ub' holds unsigned 64-bit integers");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> row.setLong("ut", 256))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'ut'");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> row.setLong("ub", -1))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'ub'");
            stream.flush();
        }
        assertThat(texts("SELECT string_agg(ut || '|' || us || '|' || ub, ';' ORDER BY ub) FROM unsigned_values"))
                .containsExactly("0|0|7;255|65535|18446744073709551615");
    }

    @Test
    void arrowTextThatDoesNotConvertNamesItsRowAndColumnAndAppliesNothing() {
        client.executeUpdate("CREATE OR REPLACE TABLE counted (id BIGINT NOT NULL, qty INTEGER)");
        // text columns go into typed ones as DuckDB casts them; row 2's qty does not parse
        try (IngestStream stream = client.openStream("default_db", "counted", StreamMode.APPEND_ONLY,
                IngestOptions.builder().flushMode(FlushMode.MANUAL_FLUSH).build());
             QueryResult result = client.execute("SELECT * FROM (VALUES (1, '10'), (2, '20'), (3, 'lots'), (4, '40'))"
                     + " AS t(id, qty)");
             ArrowBatches batches = result.arrowStream()) {
            while (batches.next()) {
                stream.apply(batches.root());
            }
            org.assertj.core.api.Assertions.assertThatThrownBy(stream::flush)
                    .isInstanceOfSatisfying(io.flock.client.ingest.FlockIngestException.class, e -> {
                        assertThat(e.status()).isEqualTo(io.flock.client.ingest.IngestStatus.PRECHECK_FAILED);
                        assertThat(e.getMessage()).contains("nothing of it applied")
                                .contains("row 2 of the batch (row 2 of the stream), column 'qty': 'lots' is not a"
                                        + " valid INTEGER");
                    });
        }
        assertThat(texts("SELECT count(*)::VARCHAR FROM counted")).containsExactly("0");
    }

    private static List<String> texts(String sql) {
        List<String> values = new ArrayList<>();
        try (QueryResult result = client.execute(sql)) {
            Row row = result.rows().next();
            for (int i = 0; i < result.columns().size(); i++) {
                values.add(row.getString(i));
            }
        }
        return values;
    }

    private static byte[] bytes(String sql) {
        try (QueryResult result = client.execute(sql)) {
            return result.rows().next().getBytes(0);
        }
    }
}
