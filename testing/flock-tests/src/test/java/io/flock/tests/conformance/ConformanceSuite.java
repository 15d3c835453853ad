package io.flock.tests.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.flock.testing.TestingFlockServer;
import io.flock.tests.TestingCertificates;
import io.flock.tests.conformance.ConformanceClient.Endpoint;
import io.flock.tests.conformance.ConformanceClient.Failure;
import io.flock.tests.conformance.ConformanceClient.Running;
import io.flock.tests.conformance.ConformanceClient.Session;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * One conformance suite run through every Flock client (Arrow ADBC's "validation" pattern): each
 * subclass supplies a {@link ConformanceClient}, whose {@link Quirks} make each documented
 * difference explicit; where a quirk rules a check out, the documented alternative is asserted.
 * Servers live per class: one plain, one with {@code query.timeout=1s}, one with TLS.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ConformanceSuite {
    /** Never finishes on its own (TestQueryLifecycle.SLOW_QUERY). */
    static final String SLOW_QUERY = "SELECT sum(a.range * b.range) FROM range(3000000) a, range(3000000) b";
    private static final Duration LIMIT = Duration.ofSeconds(60);

    private TestingFlockServer server;
    private TestingFlockServer limited;
    private TestingFlockServer tls;
    private Path tlsDirectory;
    private Path caCertificate;
    private ConformanceClient client;
    private Quirks quirks;

    /** The client under test. */
    protected abstract ConformanceClient client();

    @BeforeAll
    void startServers() throws Exception {
        client = client();
        quirks = client.quirks();
        server = TestingFlockServer.create();
        limited = TestingFlockServer.builder().property("query.timeout", "1s").build();
        tlsDirectory = Files.createTempDirectory("flock-conformance-tls-");
        TestingCertificates ca = TestingCertificates.authority("conformance-ca");
        caCertificate = ca.writeCertificate(tlsDirectory);
        TestingCertificates.Issued certificate = ca.issueServer(tlsDirectory, "server");
        tls = TestingFlockServer.builder()
                .property("tls.certificate", certificate.certificate().toString())
                .property("tls.key", certificate.privateKey().toString())
                .build();
    }

    @AfterAll
    void stopServers() throws Exception {
        for (TestingFlockServer s : Arrays.asList(server, limited, tls)) {
            if (s != null) {
                s.close();
            }
        }
        if (tlsDirectory != null) {
            try (var files = Files.list(tlsDirectory)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(tlsDirectory);
        }
    }

    private static Endpoint endpoint(TestingFlockServer on) {
        return new Endpoint(on.host(), on.port(), "admin", on.adminToken(), null);
    }

    private Session connect(String database) throws Exception {
        return client.connect(endpoint(server), database);
    }

    private static List<List<Object>> rows(Session session, String sql, Object... parameters) throws Exception {
        List<List<Object>> rows = new ArrayList<>();
        session.forEachRow(sql, Arrays.asList(parameters), rows::add);
        return rows;
    }

    private static List<Object> row(Object... values) {
        return Arrays.asList(values);
    }

    /** Asserts that {@code call} fails and returns the client's normalized failure. */
    private Failure failureOf(ThrowingCall call) {
        Throwable error = catchThrowable(call::run);
        assertThat(error).as("expected a failure").isNotNull();
        return client.failure(error);
    }

    /**
     * The failure of {@code call} on a session of its own: the stock driver leaks the Arrow memory of a
     * failed parameter bind, after which closing its connection fails too ("Memory was leaked by query").
     */
    private Failure failureOnOwnSession(SessionCall call) {
        return failureOf(() -> {
            try (Session other = connect("default_db")) {
                call.run(other);
            }
        });
    }

    @FunctionalInterface
    interface SessionCall {
        void run(Session session) throws Exception;
    }

    private void assertSqlState(Failure failure, String sqlState) {
        if (quirks.exposesSqlState()) {
            assertThat(failure.sqlState()).as(failure.toString()).isEqualTo(sqlState);
        } else {
            assertThat(failure.sqlState()).as("client does not expose Flock's SQLSTATE: " + failure).isNotEqualTo(sqlState);
        }
    }

    @FunctionalInterface
    interface ThrowingCall {
        void run() throws Exception;
    }

    @Test
    void connectsToTheRequestedDatabaseAndRefusesAWrongToken() throws Exception {
        try (Session session = connect("default_db")) {
            assertThat(rows(session, "SELECT current_database(), 40 + 2")).containsExactly(row("default_db", 42L));
        }
        try (Session session = connect("flock")) {
            assertThat(rows(session, "SELECT current_database()")).containsExactly(row("flock"));
        }
        Endpoint wrong = endpoint(server).withToken("flk_aaaaaaaaaaaa_" + "x".repeat(43));
        Failure failure = failureOf(() -> {
            try (Session session = client.connect(wrong, "default_db")) {
                rows(session, "SELECT 1");
            }
        });
        assertSqlState(failure, "28000");
        assertThat(failure.message()).containsIgnoringCase("authentication");
    }

    @Test
    void readsEveryType() throws Exception {
        String sql = "SELECT true AS b, 2147483647::INTEGER AS i, (-9223372036854775808)::BIGINT AS l, 2.5::DOUBLE AS d, "
                + "12345.678::DECIMAL(18,3) AS dec, 'héllo ☃' AS s, DATE '2024-02-29' AS day, "
                + "TIMESTAMP '2024-02-29 12:34:56.789012' AS ts, TIMESTAMPTZ '2024-02-29 12:34:56.789012+02' AS tz, "
                + "'\\x00\\xFFab'::BLOB AS bytes, '6ba7b810-9dad-11d1-80b4-00c04fd430c8'::UUID AS id, "
                + "255::UTINYINT AS u8, [1, NULL, 3] AS list, {'a': 1, 'b': 'x'} AS struct, NULL::INTEGER AS nothing";
        try (Session session = connect("default_db")) {
            List<List<Object>> rows = rows(session, sql);
            assertThat(rows).hasSize(1);
            List<Object> values = rows.get(0);
            Map<String, Object> expected = new LinkedHashMap<>();
            expected.put("b", true);
            expected.put("i", 2147483647L);
            expected.put("l", Long.MIN_VALUE);
            expected.put("d", 2.5);
            expected.put("dec", new BigDecimal("12345.678"));
            expected.put("s", "héllo ☃");
            expected.put("day", LocalDate.of(2024, 2, 29));
            expected.put("ts", LocalDateTime.of(2024, 2, 29, 12, 34, 56, 789_012_000));
            expected.put("tz", Instant.parse("2024-02-29T10:34:56.789012Z"));
            expected.put("bytes", new byte[] {0, -1, 'a', 'b'});
            expected.put("id", "6ba7b810-9dad-11d1-80b4-00c04fd430c8");
            expected.put("u8", quirks.unsignedAsSigned() ? -1L : 255L);
            expected.put("list", Arrays.asList(1L, null, 3L));
            Map<String, Object> struct = new LinkedHashMap<>();
            struct.put("a", 1L);
            struct.put("b", "x");
            expected.put("struct", struct);
            expected.put("nothing", null);
            assertThat(values).hasSize(expected.size());
            int i = 0;
            for (Map.Entry<String, Object> column : expected.entrySet()) {
                assertThat(values.get(i++)).as(column.getKey()).isEqualTo(column.getValue());
            }
            String tzSql = "SELECT TIMESTAMPTZ '2024-02-29 12:34:56.789012+02'";
            if (quirks.timestampTzGetObject()) {
                assertThat(Values.normalize(session.rawValue(tzSql))).isEqualTo(Instant.parse("2024-02-29T10:34:56.789012Z"));
            } else {
                assertThatThrownBy(() -> session.rawValue(tzSql)).hasMessageContaining("not implemented");
            }
            // the documented way around signed unsigned reads: cast in SQL
            assertThat(rows(session, "SELECT (255::UTINYINT)::BIGINT")).containsExactly(row(255L));
        }
    }

    @Test
    void bindsParameters() throws Exception {
        try (Session session = connect("default_db")) {
            session.update("CREATE TABLE conformance_params (i INTEGER, s VARCHAR, d DECIMAL(18,3), day DATE, ts TIMESTAMP)");
            LocalDateTime ts = LocalDateTime.of(2023, 12, 31, 23, 59, 58, 123_456_000);
            BigDecimal decimal = new BigDecimal("1.5");
            if (quirks.decimalParameterScaleError() != null) {
                Failure failure = failureOnOwnSession(other -> other.update("INSERT INTO conformance_params VALUES (?, ?, ?, ?, ?)",
                        7, "it's", new BigDecimal("1.5"), LocalDate.of(2023, 12, 31), ts));
                assertThat(failure.message()).contains(quirks.decimalParameterScaleError());
                decimal = decimal.setScale(3); // the documented alternative: bind at the column's scale
            }
            assertThat(session.update("INSERT INTO conformance_params VALUES (?, ?, ?, ?, ?)", 7, "it's", decimal,
                    LocalDate.of(2023, 12, 31), ts)).isEqualTo(1);
            assertThat(session.update("INSERT INTO conformance_params VALUES (?, ?, ?, ?, ?)", 8, null, null, null, null))
                    .isEqualTo(1);
            LocalDateTime storedTs = quirks.timestampParameterMicros() ? ts : ts.withNano(123_000_000);
            assertThat(rows(session, "SELECT i, s, d, day, ts FROM conformance_params WHERE i >= ? ORDER BY i", 7))
                    .containsExactly(row(7L, "it's", new BigDecimal("1.500"), LocalDate.of(2023, 12, 31), storedTs),
                            row(8L, null, null, null, null));
            assertThat(rows(session, "SELECT count(*) FROM conformance_params WHERE s = ? AND day = ?", "it's",
                    LocalDate.of(2023, 12, 31))).containsExactly(row(1L));
            assertThat(rows(session, "SELECT count(*) FROM conformance_params WHERE d = ?", new BigDecimal("1.500")))
                    .containsExactly(row(1L));
            if (quirks.listParameterError() == null) {
                assertThat(rows(session, "SELECT ?::INTEGER[]", List.of(1, 2))).containsExactly(row(List.of(1L, 2L)));
            } else {
                Failure failure = failureOnOwnSession(other -> rows(other, "SELECT ?::INTEGER[]", List.of(1, 2)));
                assertThat(failure.message()).contains(quirks.listParameterError());
                assertThat(rows(session, "SELECT (?::VARCHAR)::INTEGER[]", "[1, 2]")).containsExactly(row(List.of(1L, 2L)));
            }
            session.update("DROP TABLE conformance_params");
        }
    }

    @Test
    void describesDatabasesTablesColumnsAndPrimaryKeys() throws Exception {
        try (Session session = connect("default_db")) {
            session.update("CREATE TABLE conformance_meta (order_id BIGINT, line INTEGER, sku VARCHAR, PRIMARY KEY (order_id, line))");
            assertThat(session.databases()).contains("default_db", "flock");
            assertThat(session.tables("default_db")).contains("conformance_meta");
            assertThat(session.columns("default_db", "conformance_meta")).containsExactly("order_id", "line", "sku");
            assertThat(session.primaryKey("default_db", "conformance_meta")).containsExactly("order_id", "line");
            session.update("DROP TABLE conformance_meta");
            assertThat(session.tables("default_db")).doesNotContain("conformance_meta");
        }
    }

    @Test
    void cancelFromAnotherThreadStopsTheQueryOnTheServer() throws Exception {
        try (Session session = connect("default_db"); Session system = connect("flock")) {
            Running running = session.start(SLOW_QUERY);
            Optional<String> queryId = running.queryId();
            assertThat(queryId.isPresent()).as("query id exposed").isEqualTo(quirks.exposesQueryId());
            assertThat(awaitState(system, queryId, true)).isEqualTo("RUNNING");
            running.cancel();
            Throwable error = running.awaitFailure(LIMIT);
            assertThat(error).as("the reader fails").isNotNull();
            Failure failure = client.failure(error);
            assertThat(failure.message()).containsIgnoringCase("cancel");
            assertSqlState(failure, "57014");
            assertThat(awaitState(system, queryId, false)).isEqualTo("CANCELLED");
            assertThat(rows(session, "SELECT 42")).containsExactly(row(42L));
        }
    }

    /**
     * Polls the {@code queries} system table until the slow query is running ({@code running}) or has
     * ended, by id when the client exposes it, else the newest query with its SQL text.
     */
    private static String awaitState(Session system, Optional<String> queryId, boolean running) throws Exception {
        String state = null;
        for (int attempt = 0; attempt < 1200; attempt++) {
            List<List<Object>> found = queryId.isPresent()
                    ? rows(system, "SELECT state FROM queries WHERE query_id = ?", queryId.get())
                    : rows(system, "SELECT state FROM queries WHERE sql = ? ORDER BY created_at DESC LIMIT 1", SLOW_QUERY);
            state = found.isEmpty() ? null : (String) found.get(0).get(0);
            boolean ended = state != null && !List.of("QUEUED", "PLANNING", "RUNNING").contains(state);
            if (running ? "RUNNING".equals(state) || ended : ended) {
                return state;
            }
            Thread.sleep(25);
        }
        return state;
    }

    @Test
    void serverTimeoutEndsTheQueryWithAClearError() throws Exception {
        try (Session session = client.connect(endpoint(limited), "default_db")) {
            Failure failure = failureOf(() -> session.forEachRow(SLOW_QUERY, List.of(), row -> { }));
            assertThat(failure.message()).contains(quirks.timeoutError());
            assertThat(rows(session, "SELECT 1")).containsExactly(row(1L));
        }
    }

    @Test
    void errorsCarrySqlStateAndMessage() throws Exception {
        try (Session session = connect("default_db")) {
            Failure missing = failureOf(() -> rows(session, "SELECT * FROM no_such_table"));
            assertSqlState(missing, "42P01");
            assertThat(missing.message()).contains("no_such_table");
            Failure syntax = failureOf(() -> rows(session, "SELECT 1 FROM"));
            assertSqlState(syntax, "42601");
            assertThat(syntax.message()).containsIgnoringCase("syntax error");
            Failure refused = failureOf(() -> rows(session, "SELEC 1"));
            assertSqlState(refused, "42501");
            assertThat(refused.message()).contains("Statement 'SELEC' is not allowed");
            assertThat(rows(session, "SELECT 'still usable'")).containsExactly(row("still usable"));
        }
    }

    @Test
    void streamsLargeResults() throws Exception {
        try (Session session = connect("default_db")) {
            long[] countAndSum = new long[2];
            session.forEachRow("SELECT range AS id, 'row ' || range AS label FROM range(1000000)", List.of(), row -> {
                countAndSum[0]++;
                countAndSum[1] += (Long) row.get(0);
            });
            assertThat(countAndSum[0]).isEqualTo(1_000_000L);
            assertThat(countAndSum[1]).isEqualTo(999_999L * 1_000_000L / 2);
        }
    }

    @Test
    void connectsOverTlsTrustingTheServersCa() throws Exception {
        assertThat(tls.server().tls()).isTrue();
        Endpoint secure = new Endpoint("127.0.0.1", tls.port(), "admin", tls.adminToken(), caCertificate);
        try (Session session = client.connect(secure, "default_db")) {
            assertThat(rows(session, "SELECT 'over tls', ?::INTEGER + 1", 41)).containsExactly(row("over tls", 42L));
            assertThat(session.databases()).contains("default_db");
        }
        Failure plaintext = failureOf(() -> {
            try (Session session = client.connect(endpoint(tls), "default_db")) {
                rows(session, "SELECT 1");
            }
        });
        assertThat(plaintext.message()).isNotBlank();
    }
}
