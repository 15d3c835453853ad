package io.flock.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flock.testing.TestingFlockServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.arrow.flight.CallOption;
import org.apache.arrow.flight.FlightCallHeaders;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.HeaderCallOption;
import org.apache.arrow.flight.sql.FlightSqlClient;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Statements that try to leave the sandbox of a Flock database: read or write server files, reach
 * the network, attach other databases or the catalog, load extensions, change locked settings,
 * smuggle a second statement, or touch a database without the grant. Each must be refused with a
 * message naming what was refused, and must leave no trace: no file written, no table changed,
 * nothing attached, and the data intact after a checkpoint and a restart.
 *
 * <p>The attacker {@code mallory} holds WRITE on {@code app}, READ on {@code shared} and nothing on
 * {@code secret}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TestSecurityAttacks {
    private static final String DENIED_FILE = "user SQL cannot read files or URLs";

    private static TestingFlockServer server;
    private static Path outside;
    private static String malloryToken;
    private static Set<String> dataFilesBefore;

    /** One attempt to escape, with the text the refusal must contain. */
    record Attack(String name, String sql, String refusal) {
        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    static void start() throws Exception {
        server = TestingFlockServer.create();
        outside = Files.createTempDirectory("flock-outside-");
        try (Connection c = DriverManager.getConnection(server.adminJdbcUrl()); Statement s = c.createStatement()) {
            for (String database : List.of("app", "shared", "secret")) {
                s.execute("CREATE DATABASE " + database);
            }
            malloryToken = SecuritySql.createUser(s, "mallory");
            s.execute("GRANT WRITE ON DATABASE app TO mallory");
            s.execute("GRANT READ ON DATABASE shared TO mallory");
        }
        seed("app", "CREATE TABLE t (id INTEGER, v VARCHAR)", "INSERT INTO t VALUES (1, 'one'), (2, 'two'), (3, 'three')");
        seed("shared", "CREATE TABLE s (id INTEGER, v VARCHAR)", "INSERT INTO s VALUES (10, 'shared')");
        seed("secret", "CREATE TABLE k (id INTEGER, v VARCHAR)", "INSERT INTO k VALUES (42, 'top secret')");
        dataFilesBefore = dataFiles();
    }

    @AfterAll
    static void stop() throws IOException {
        server.close();
        try (Stream<Path> paths = Files.walk(outside)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static void seed(String database, String... statements) throws SQLException {
        try (Connection c = DriverManager.getConnection(server.adminJdbcUrl() + "&database=" + database);
                Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    private static String data(String relative) {
        return server.dataDirectory().resolve(relative).toAbsolutePath().toString();
    }

    private static String out(String name) {
        return outside.resolve(name).toAbsolutePath().toString();
    }

    /** Everything mallory tries on {@code app}, where it may write. */
    static List<Attack> attacks() {
        String catalog = data("catalog.duckdb");
        String secretFile = data("databases/secret.duckdb");
        String sharedFile = data("databases/shared.duckdb");
        List<Attack> attacks = new ArrayList<>(List.of(
                // server files through table functions
                new Attack("read_csv of the catalog", "SELECT * FROM read_csv('" + catalog + "')", DENIED_FILE),
                new Attack("read_text of the catalog", "SELECT * FROM read_text('" + catalog + "')", DENIED_FILE),
                new Attack("read_blob of another database file", "SELECT * FROM read_blob('" + secretFile + "')", DENIED_FILE),
                new Attack("read_text of another database file", "SELECT content FROM read_text('" + sharedFile + "')", DENIED_FILE),
                new Attack("read_parquet of another database file", "SELECT * FROM read_parquet('" + secretFile + "')", DENIED_FILE),
                new Attack("glob of the data directory", "SELECT * FROM glob('" + data("*") + "')", DENIED_FILE),
                new Attack("glob of the databases", "SELECT * FROM glob('" + data("databases/*") + "')", DENIED_FILE),
                new Attack("read_text of /etc/passwd", "SELECT * FROM read_text('/etc/passwd')", DENIED_FILE),
                new Attack("read_csv of /etc/passwd", "SELECT * FROM read_csv('/etc/passwd')", DENIED_FILE),
                new Attack("read_json of /proc", "SELECT * FROM read_json('/proc/self/environ')", DENIED_FILE),
                new Attack("sniff_csv of /etc/passwd", "SELECT * FROM sniff_csv('/etc/passwd')", DENIED_FILE),
                new Attack("relative path out of the database directory",
                        "SELECT * FROM read_blob('../catalog.duckdb')", DENIED_FILE),
                new Attack("FROM a file path", "FROM '/etc/passwd'", DENIED_FILE),
                new Attack("SELECT DISTINCT FROM a file path", "SELECT DISTINCT FROM '/etc/passwd'", DENIED_FILE),
                new Attack("FROM the catalog file", "SELECT * FROM '" + catalog + "'", DENIED_FILE),
                new Attack("file read hidden in a CTE",
                        "WITH x AS (SELECT * FROM read_text('/etc/passwd')) SELECT * FROM x", DENIED_FILE),
                new Attack("file read inside INSERT … SELECT",
                        "INSERT INTO t SELECT 9, content FROM read_text('/etc/passwd')", DENIED_FILE),
                new Attack("file read stored in a view",
                        "CREATE VIEW leak AS SELECT * FROM read_text('" + catalog + "')", DENIED_FILE),
                new Attack("file read stored in a table",
                        "CREATE TABLE leak AS SELECT * FROM read_blob('" + catalog + "')", DENIED_FILE),
                new Attack("file read stored in a macro",
                        "CREATE MACRO leak() AS TABLE SELECT * FROM read_text('/etc/passwd')", DENIED_FILE),
                new Attack("query() running ATTACH",
                        "SELECT * FROM query('ATTACH '':memory:'' AS m')", "Function 'query' is not allowed"),
                // network
                new Attack("cloud metadata endpoint",
                        "SELECT * FROM read_text('http://169.254.169.254/latest/meta-data/')", DENIED_FILE),
                new Attack("https read_csv", "SELECT * FROM read_csv('https://example.com/data.csv')", DENIED_FILE),
                new Attack("http read_parquet", "SELECT * FROM read_parquet('http://127.0.0.1:9/x.parquet')", DENIED_FILE),
                new Attack("s3 read_parquet", "SELECT * FROM read_parquet('s3://bucket/x.parquet')", DENIED_FILE),
                // writing files
                new Attack("COPY table TO a file outside", "COPY t TO '" + out("leak.csv") + "'", "Statement 'COPY' is not allowed"),
                new Attack("COPY query TO the data directory", "COPY (SELECT * FROM t) TO '" + data("leak.parquet")
                        + "' (FORMAT parquet)", "Statement 'COPY' is not allowed"),
                new Attack("COPY FROM a server file", "COPY t FROM '/etc/passwd'", "Statement 'COPY' is not allowed"),
                new Attack("EXPORT DATABASE", "EXPORT DATABASE '" + out("export") + "'", "Statement 'EXPORT' is not allowed"),
                new Attack("IMPORT DATABASE", "IMPORT DATABASE '" + out("export") + "'", "Statement 'IMPORT' is not allowed"),
                // other databases
                new Attack("ATTACH the catalog", "ATTACH '" + catalog + "' AS cat", "Statement 'ATTACH' is not allowed"),
                new Attack("ATTACH another database file", "ATTACH '" + secretFile + "' AS s (READ_ONLY)",
                        "Statement 'ATTACH' is not allowed"),
                new Attack("ATTACH in memory", "ATTACH ':memory:' AS m", "Statement 'ATTACH' is not allowed"),
                new Attack("ATTACH a new file", "ATTACH '" + out("new.duckdb") + "' AS n", "Statement 'ATTACH' is not allowed"),
                new Attack("ATTACH DATABASE IF NOT EXISTS", "ATTACH DATABASE IF NOT EXISTS '" + data("databases/new.duckdb")
                        + "' AS n", "Statement 'ATTACH' is not allowed"),
                new Attack("DETACH the server's database", "DETACH app", "Statement 'DETACH' is not allowed"),
                new Attack("DETACH DATABASE", "DETACH DATABASE IF EXISTS app", "Statement 'DETACH' is not allowed"),
                new Attack("USE another database", "USE secret", "'USE' is not supported"),
                // extensions
                new Attack("INSTALL", "INSTALL httpfs", "Statement 'INSTALL' is not allowed"),
                new Attack("FORCE INSTALL", "FORCE INSTALL httpfs FROM 'http://127.0.0.1:9/'",
                        "Statement 'FORCE INSTALL' is not allowed"),
                new Attack("LOAD", "LOAD httpfs", "Statement 'LOAD' is not allowed"),
                new Attack("LOAD a file", "LOAD '" + out("evil.duckdb_extension") + "'", "Statement 'LOAD' is not allowed"),
                new Attack("UPDATE EXTENSIONS", "UPDATE EXTENSIONS", "Statement 'UPDATE EXTENSIONS' is not allowed"),
                // settings
                new Attack("SET enable_external_access", "SET enable_external_access = true", "Statement 'SET' is not allowed"),
                new Attack("SET lock_configuration", "SET lock_configuration = false", "Statement 'SET' is not allowed"),
                new Attack("SET GLOBAL", "SET GLOBAL allowed_directories = ['/']", "Statement 'SET' is not allowed"),
                new Attack("SET search_path", "SET search_path = 'system.main'", "Statement 'SET' is not allowed"),
                new Attack("RESET", "RESET lock_configuration", "Statement 'RESET' is not allowed"),
                new Attack("PRAGMA assignment", "PRAGMA threads = 64", "'PRAGMA threads' is not allowed"),
                new Attack("PRAGMA of a setting", "PRAGMA enable_external_access", "'PRAGMA enable_external_access' is not allowed"),
                new Attack("PRAGMA read-only name with assignment", "PRAGMA version = 1", "'PRAGMA version' is not allowed"),
                new Attack("CALL", "CALL pragma_table_info('t')", "Statement 'CALL' is not allowed"),
                // secrets and temporary objects
                new Attack("CREATE SECRET", "CREATE SECRET s3 (TYPE s3, KEY_ID 'k', SECRET 'v')", "'CREATE SECRET' is not allowed"),
                new Attack("CREATE PERSISTENT SECRET", "CREATE PERSISTENT SECRET s3 (TYPE s3, KEY_ID 'k', SECRET 'v')",
                        "'CREATE PERSISTENT' is not allowed"),
                new Attack("CREATE OR REPLACE SECRET", "CREATE OR REPLACE SECRET s3 (TYPE s3)", "'CREATE SECRET' is not allowed"),
                new Attack("DROP SECRET", "DROP SECRET s3", "'DROP SECRET' is not allowed"),
                new Attack("CREATE TEMP TABLE", "CREATE TEMP TABLE tt (x INTEGER)", "Temporary objects are not supported"),
                new Attack("CREATE OR REPLACE TEMPORARY VIEW", "CREATE OR REPLACE TEMPORARY VIEW tv AS SELECT 1",
                        "Temporary objects are not supported"),
                new Attack("CREATE TABLE in the temp catalog", "CREATE TABLE temp.main.tt (x INTEGER)",
                        "Temporary objects are not supported"),
                // several statements in one call, comments and casing
                new Attack("SELECT then ATTACH", "SELECT 1; ATTACH ':memory:' AS m", "holds 2 statements"),
                new Attack("SELECT then COPY", "SELECT 1; COPY t TO '" + out("multi.csv") + "'", "holds 2 statements"),
                new Attack("INSERT then DROP", "INSERT INTO t VALUES (99, 'x'); DROP TABLE t", "holds 2 statements"),
                new Attack("empty statements around DETACH", ";; SELECT 1;; DETACH app;", "holds 2 statements"),
                new Attack("semicolon after a comment", "SELECT 1 /* ; */ ; ATTACH ':memory:' AS m", "holds 2 statements"),
                new Attack("semicolon after a line comment", "SELECT 1 -- ;\n; INSTALL httpfs", "holds 2 statements"),
                new Attack("ATTACH after a block comment", "/* harmless */ ATTACH ':memory:' AS m",
                        "Statement 'ATTACH' is not allowed"),
                new Attack("ATTACH after a nested comment", "/* a /* b */ c */ATTACH ':memory:' AS m",
                        "Statement 'ATTACH' is not allowed"),
                new Attack("ATTACH after a line comment", "-- SELECT\nATTACH ':memory:' AS m",
                        "Statement 'ATTACH' is not allowed"),
                new Attack("odd casing", "aTtAcH ':memory:' aS m", "Statement 'ATTACH' is not allowed"),
                new Attack("odd casing of COPY", "cOpY t tO '" + out("case.csv") + "'", "Statement 'COPY' is not allowed"),
                new Attack("EXPLAIN ANALYZE COPY", "EXPLAIN ANALYZE COPY t TO '" + out("explain.csv") + "'",
                        "Statement 'COPY' is not allowed"),
                new Attack("EXPLAIN ATTACH", "EXPLAIN ATTACH ':memory:' AS m", "Statement 'ATTACH' is not allowed"),
                new Attack("EXPLAIN (ANALYZE) COPY", "EXPLAIN (ANALYZE) COPY t TO '" + out("explain2.csv") + "'",
                        "Statement 'COPY' is not allowed"),
                new Attack("EXPLAIN (FORMAT json) ATTACH", "EXPLAIN (FORMAT json) ATTACH ':memory:' AS m",
                        "Statement 'ATTACH' is not allowed"),
                new Attack("EXPLAIN (ANALYZE false) DETACH", "EXPLAIN (ANALYZE false) DETACH app",
                        "Statement 'DETACH' is not allowed"),
                new Attack("nested EXPLAIN", "EXPLAIN EXPLAIN ANALYZE COPY t TO '" + out("nested.csv") + "'",
                        "EXPLAIN cannot explain another EXPLAIN"),
                new Attack("statement in parentheses", "(ATTACH ':memory:' AS m)", "ATTACH"),
                new Attack("unterminated comment", "ATTACH ':memory:' AS m /* ", "Unterminated comment"),
                // DuckDB reads any non-ASCII character as part of an identifier or dollar-quote tag
                new Attack("second statement behind a non-ASCII dollar-quote tag",
                        "SELECT $\u20ac$ ' $\u20ac$ ; ATTACH ':memory:' AS m ; -- '", "holds 2 statements"),
                new Attack("second statement behind a non-ASCII identifier before e'",
                        "SELECT \u20ace'\\' ; ATTACH ':memory:' AS m ; -- '", "holds 2 statements"),
                new Attack("second statement behind non-ASCII white space before e'",
                        "SELECT \u2003e'\\' ; ATTACH ':memory:' AS m ; -- '", "holds 2 statements"),
                new Attack("second statement behind a number before e'",
                        "SELECT 1e'\\' AS x, ' ; ATTACH ':memory:' AS m ; -- '", "holds 2 statements"),
                new Attack("second statement behind a number and a word before e'",
                        "SELECT 1xe'\\' , ' ; ATTACH ':memory:' AS m ; -- '", "syntax error")));
        return attacks;
    }

    @ParameterizedTest(name = "JDBC: {0}")
    @MethodSource("attacks")
    @Order(1)
    void refusedThroughJdbc(Attack attack) throws SQLException {
        try (Connection c = DriverManager.getConnection(malloryUrl("app")); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.execute(attack.sql()))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining(attack.refusal());
        }
    }

    @ParameterizedTest(name = "Flight SQL: {0}")
    @MethodSource("attacks")
    @Order(2)
    void refusedThroughFlightSql(Attack attack) throws Exception {
        try (BufferAllocator allocator = new RootAllocator(); FlightSqlClient client = server.flightSqlClient(allocator)) {
            CallOption[] options = options(malloryToken, "app");
            assertThatThrownBy(() -> client.execute(attack.sql(), options))
                    .isInstanceOf(FlightRuntimeException.class)
                    .hasMessageContaining(attack.refusal());
            assertThatThrownBy(() -> client.executeUpdate(attack.sql(), options))
                    .isInstanceOf(FlightRuntimeException.class)
                    .hasMessageContaining(attack.refusal());
        }
    }

    /** The lexer that finds statement boundaries must still accept what DuckDB accepts. */
    @Test
    @Order(3)
    void trickyButHarmlessSqlStillRuns() throws SQLException {
        try (Connection c = DriverManager.getConnection(malloryUrl("app")); Statement s = c.createStatement()) {
            for (String[] sqlAndValue : List.of(
                    new String[] {"SELECT 'a;b' AS \"\u00fcn\u00efc\u00f6d\u00e9\"", "a;b"},
                    new String[] {"SELECT $$x;y$$", "x;y"},
                    new String[] {"SELECT $\u00e9t\u00e9$ ; ' $\u00e9t\u00e9$", " ; ' "},
                    new String[] {"SELECT E'it\\'s; fine'", "it's; fine"},
                    new String[] {"SELECT 1e3::INTEGER", "1000"},
                    new String[] {"SELECT 1.5e-1::VARCHAR", "0.15"},
                    new String[] {"SELECT 2 /* ; */ -- ;\n", "2"},
                    new String[] {"SELECT 1 AS \u20acuro", "1"})) {
                try (ResultSet rs = s.executeQuery(sqlAndValue[0])) {
                    assertThat(rs.next()).as(sqlAndValue[0]).isTrue();
                    assertThat(rs.getString(1)).as(sqlAndValue[0]).isEqualTo(sqlAndValue[1]);
                }
            }
        }
    }

    /** Admins are sandboxed too: being admin grants Flock statements, not DuckDB's file system. */
    @Test
    @Order(3)
    void adminIsSandboxedToo() throws SQLException {
        try (Connection c = DriverManager.getConnection(server.adminJdbcUrl() + "&database=app");
                Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.execute("SELECT * FROM read_blob('" + data("catalog.duckdb") + "')"))
                    .hasMessageContaining(DENIED_FILE);
            assertThatThrownBy(() -> s.execute("ATTACH '" + data("catalog.duckdb") + "' AS cat"))
                    .hasMessageContaining("Statement 'ATTACH' is not allowed");
            assertThatThrownBy(() -> s.execute("COPY t TO '" + out("admin.csv") + "'"))
                    .hasMessageContaining("Statement 'COPY' is not allowed");
            assertThatThrownBy(() -> s.execute("INSTALL httpfs"))
                    .hasMessageContaining("Statement 'INSTALL' is not allowed");
            assertThatThrownBy(() -> s.execute("SET enable_external_access = true"))
                    .hasMessageContaining("Statement 'SET' is not allowed");
            assertThatThrownBy(() -> s.execute("DETACH app"))
                    .hasMessageContaining("Statement 'DETACH' is not allowed");
            assertThatThrownBy(() -> s.execute("SELECT * FROM read_text('http://169.254.169.254/latest/meta-data/')"))
                    .hasMessageContaining(DENIED_FILE);
        }
    }

    @Test
    @Order(4)
    void noGrantMeansNoAccess() throws SQLException {
        try (Connection c = DriverManager.getConnection(malloryUrl("secret")); Statement s = c.createStatement()) {
            for (String sql : List.of("SELECT * FROM k", "DROP TABLE k", "INSERT INTO k VALUES (1, 'mine')",
                    "DELETE FROM k", "CREATE TABLE mine (x INTEGER)", "CHECKPOINT")) {
                assertThatThrownBy(() -> s.execute(sql))
                        .as(sql)
                        .hasMessageContaining("user 'mallory' has no grant on database 'secret'");
            }
        }
    }

    @Test
    @Order(5)
    void readGrantCannotWrite() throws SQLException {
        try (Connection c = DriverManager.getConnection(malloryUrl("shared")); Statement s = c.createStatement()) {
            for (String sql : List.of("INSERT INTO s VALUES (11, 'mine')", "UPDATE s SET v = 'mine'", "DELETE FROM s",
                    "TRUNCATE s", "DROP TABLE s", "ALTER TABLE s ADD COLUMN w INTEGER", "CREATE TABLE mine (x INTEGER)",
                    "CREATE VIEW mine AS SELECT 1", "CHECKPOINT", "FORCE CHECKPOINT", "VACUUM",
                    "EXPLAIN ANALYZE DELETE FROM s", "EXPLAIN (ANALYZE) DELETE FROM s",
                    "EXPLAIN (FORMAT json, ANALYZE) INSERT INTO s VALUES (11, 'mine')",
                    "EXPLAIN (ANALYZE false) UPDATE s SET v = 'mine'",
                    "WITH d AS (SELECT 1) DELETE FROM s",
                    "WITH d AS (DELETE FROM s RETURNING *) SELECT * FROM d",
                    "(WITH d AS (DELETE FROM s RETURNING *) SELECT * FROM d)",
                    "((WITH d AS (INSERT INTO s VALUES (11, 'mine') RETURNING *) SELECT * FROM d))",
                    "EXPLAIN ANALYZE (WITH d AS (DELETE FROM s RETURNING *) SELECT * FROM d)")) {
                assertThatThrownBy(() -> s.execute(sql))
                        .as(sql)
                        .hasMessageContaining("user 'mallory' may only read database 'shared'");
            }
            for (String sql : List.of("SELECT $\u00e9t\u00e9$ ' $\u00e9t\u00e9$ ; DELETE FROM s ; -- '",
                    "SELECT $\u20ac$ ' $\u20ac$ ; DELETE FROM s ; -- '",
                    "SELECT $\u00a4$ ' $\u00a4$ ; DELETE FROM s ; -- '")) {
                assertThatThrownBy(() -> s.execute(sql))
                        .as(sql)
                        .hasMessageContaining("holds 2 statements");
            }
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM s")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(1);
            }
        }
    }

    @Test
    @Order(6)
    void systemDatabaseAndServerNamesAreOutOfReach() throws SQLException {
        try (Connection c = DriverManager.getConnection(malloryUrl("flock")); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.execute("INSERT INTO users VALUES ('mallory', true, now())"))
                    .hasMessageContaining("The system database 'flock' is read-only");
            assertThatThrownBy(() -> s.execute("DELETE FROM grants"))
                    .hasMessageContaining("The system database 'flock' is read-only");
            assertThatThrownBy(() -> s.execute("(WITH d AS (DELETE FROM grants RETURNING *) SELECT * FROM d)"))
                    .hasMessageContaining("The system database 'flock' is read-only");
            assertThatThrownBy(() -> s.execute("EXPLAIN (ANALYZE) DELETE FROM grants"))
                    .hasMessageContaining("The system database 'flock' is read-only");
            assertThatThrownBy(() -> s.execute("ATTACH '" + data("catalog.duckdb") + "' AS cat"))
                    .hasMessageContaining("Statement 'ATTACH' is not allowed");
        }
        for (String database : List.of("system", "temp", "..%2Fcatalog", "catalog.duckdb")) {
            assertThatThrownBy(() -> {
                try (Connection c = DriverManager.getConnection(malloryUrl(database)); Statement s = c.createStatement()) {
                    s.execute("SELECT 1");
                }
            }).as(database).isInstanceOf(SQLException.class).hasMessageContaining("atabase");
        }
    }

    /** The data no attack could touch is all there, nothing was written, and all of it survives a restart. */
    @Test
    @Order(7)
    void nothingWrittenAndDataSurvivesRestart() throws Exception {
        try (Stream<Path> files = Files.list(outside)) {
            assertThat(files).as("files written outside the data directory").isEmpty();
        }
        assertThat(dataFiles()).as("files in the data directory").isEqualTo(dataFilesBefore);
        assertThat(Path.of("new.duckdb")).doesNotExist();
        assertIntact();
        try (Connection c = DriverManager.getConnection(server.adminJdbcUrl()); Statement s = c.createStatement()) {
            for (String database : List.of("app", "shared", "secret")) {
                try (Connection db = DriverManager.getConnection(server.adminJdbcUrl() + "&database=" + database);
                        Statement checkpoint = db.createStatement()) {
                    checkpoint.execute("CHECKPOINT");
                }
            }
        }
        server.restart();
        assertIntact();
        try (Connection c = DriverManager.getConnection(malloryUrl("app")); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.execute("ATTACH ':memory:' AS m")).hasMessageContaining("Statement 'ATTACH' is not allowed");
            assertThatThrownBy(() -> s.execute("SELECT * FROM read_text('/etc/passwd')")).hasMessageContaining(DENIED_FILE);
        }
    }

    private static void assertIntact() throws SQLException {
        assertThat(rows("app", "SELECT id, v FROM t ORDER BY id")).containsExactly("1|one", "2|two", "3|three");
        assertThat(rows("shared", "SELECT id, v FROM s ORDER BY id")).containsExactly("10|shared");
        assertThat(rows("secret", "SELECT id, v FROM k ORDER BY id")).containsExactly("42|top secret");
        assertThat(rows("app", "SELECT table_name FROM information_schema.tables ORDER BY 1")).containsExactly("t");
        assertThat(rows("app", "SELECT function_name FROM duckdb_functions() WHERE function_name = 'leak'")).isEmpty();
        assertThat(rows("app", "SELECT database_name FROM duckdb_databases() ORDER BY 1"))
                .containsExactly("app", "system", "temp");
        assertThat(rows("app", "SELECT current_setting('enable_external_access'), current_setting('lock_configuration')"))
                .containsExactly("false|true");
        assertThat(rows("shared", "SELECT database_name FROM duckdb_databases() ORDER BY 1"))
                .containsExactly("shared", "system", "temp");
    }

    /** The rows of a query run by the admin, each as its columns joined by '|'. */
    private static List<String> rows(String database, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(server.adminJdbcUrl() + "&database=" + database);
                Statement s = c.createStatement()) {
            return JdbcTestSupport.rows(s, sql);
        }
    }

    /** Regular files in the data directory, without DuckDB's own write-ahead logs and spill files. */
    private static Set<String> dataFiles() throws IOException {
        try (Stream<Path> paths = Files.walk(server.dataDirectory())) {
            Set<String> files = new TreeSet<>();
            paths.filter(Files::isRegularFile)
                    .map(p -> server.dataDirectory().relativize(p).toString())
                    .filter(name -> !name.endsWith(".wal") && !name.contains(".tmp"))
                    .forEach(files::add);
            return files;
        }
    }

    private static String malloryUrl(String database) {
        return server.jdbcUrl("mallory", malloryToken) + "&database=" + database;
    }

    static CallOption[] options(String token, String database) {
        FlightCallHeaders headers = new FlightCallHeaders();
        headers.insert("database", database);
        return new CallOption[] {TestingFlockServer.bearer(token), new HeaderCallOption(headers)};
    }
}
