package io.flock.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flock.testing.TestingFlockServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.flight.CallOption;
import org.apache.arrow.flight.FlightCallHeaders;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.FlightStatusCode;
import org.apache.arrow.flight.HeaderCallOption;
import org.apache.arrow.flight.sql.FlightSqlClient;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Who may see and do what: grants per database (READ, WRITE), admin-only statements, revocation
 * and user removal taking effect on open connections, per-user visibility of system tables, and
 * authentication failures reported before any SQL runs. Each test gets its own server.
 */
class TestSecurityGrants {
    private TestingFlockServer server;
    private BufferAllocator allocator;

    @BeforeEach
    void start() throws SQLException {
        server = TestingFlockServer.create();
        allocator = new RootAllocator();
        try (Connection c = admin("default_db"); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE alpha");
            s.execute("CREATE DATABASE beta");
        }
        try (Connection c = admin("alpha"); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE a (id INTEGER)");
            s.execute("INSERT INTO a VALUES (1), (2)");
        }
        try (Connection c = admin("beta"); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE b (id INTEGER)");
            s.execute("INSERT INTO b VALUES (7)");
        }
    }

    @AfterEach
    void stop() {
        try {
            server.close();
        } finally {
            allocator.close();
        }
    }

    @Test
    void databasesWithoutGrantAreInvisibleAndUntouchable() throws SQLException {
        String alice = adminCreatesUser("alice", "GRANT WRITE ON DATABASE alpha TO alice");
        try (Connection c = connect("alice", alice, "alpha")) {
            assertThat(catalogs(c)).containsExactly("alpha", "flock");
            try (ResultSet rs = c.getMetaData().getTables("beta", null, null, null)) {
                assertThat(rs.next()).as("tables of beta").isFalse();
            }
            try (ResultSet rs = c.getMetaData().getTables(null, null, "%", null)) {
                List<String> tables = new ArrayList<>();
                while (rs.next()) {
                    tables.add(rs.getString("TABLE_CAT") + "." + rs.getString("TABLE_NAME"));
                }
                assertThat(tables).contains("alpha.a").noneMatch(t -> t.startsWith("beta.") || t.startsWith("default_db."));
            }
        }
        assertThat(query("alice", alice, "flock", "SELECT name FROM databases ORDER BY name")).containsExactly("alpha");
        assertThat(query("alice", alice, "flock", "SELECT database_name, privilege FROM grants"))
                .containsExactly("alpha|WRITE");
        assertThat(query("alice", alice, "flock", "SELECT name FROM users")).containsExactly("alice");
        for (String database : List.of("beta", "default_db", "no_such_db")) {
            assertThatThrownBy(() -> query("alice", alice, database, "SELECT 1"))
                    .as(database)
                    .hasMessageContaining("Access denied: user 'alice' has no grant on database '" + database + "'");
        }
        assertThat(query("admin", server.adminToken(), "beta", "SELECT id FROM b")).containsExactly("7");
    }

    @Test
    void readAllowsQueriesOnlyAndWriteAllowsChanges() throws SQLException {
        String reader = adminCreatesUser("reader", "GRANT READ ON DATABASE alpha TO reader");
        String writer = adminCreatesUser("writer", "GRANT WRITE ON DATABASE alpha TO writer");
        assertThat(query("reader", reader, "alpha", "SELECT id FROM a ORDER BY id")).containsExactly("1", "2");
        for (String sql : List.of("INSERT INTO a VALUES (3)", "DELETE FROM a", "CREATE TABLE r (x INTEGER)", "DROP TABLE a")) {
            assertThatThrownBy(() -> update("reader", reader, "alpha", sql))
                    .as(sql)
                    .hasMessageContaining("Access denied: user 'reader' may only read database 'alpha', this statement needs WRITE");
        }
        assertThat(update("writer", writer, "alpha", "INSERT INTO a VALUES (3)")).isEqualTo(1);
        update("writer", writer, "alpha", "CREATE TABLE w (x INTEGER)");
        update("writer", writer, "alpha", "DROP TABLE w");
        assertThat(query("reader", reader, "alpha", "SELECT count(*) FROM a")).containsExactly("3");
    }

    @Test
    void revokeTakesEffectOnOpenConnections() throws SQLException {
        String bob = adminCreatesUser("bob", "GRANT WRITE ON DATABASE alpha TO bob");
        try (Connection c = connect("bob", bob, "alpha"); Statement s = c.createStatement();
                PreparedStatement insert = c.prepareStatement("INSERT INTO a VALUES (?)")) {
            insert.setInt(1, 10);
            assertThat(insert.executeUpdate()).isEqualTo(1);

            adminRuns("REVOKE WRITE ON DATABASE alpha FROM bob");
            insert.setInt(1, 11);
            assertThatThrownBy(insert::executeUpdate)
                    .hasMessageContaining("user 'bob' may only read database 'alpha'");
            assertThatThrownBy(() -> s.executeUpdate("DELETE FROM a"))
                    .hasMessageContaining("user 'bob' may only read database 'alpha'");
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM a")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(3);
            }

            adminRuns("REVOKE READ ON DATABASE alpha FROM bob");
            assertThatThrownBy(() -> s.executeQuery("SELECT count(*) FROM a"))
                    .hasMessageContaining("user 'bob' has no grant on database 'alpha'");
            assertThat(catalogs(c)).containsExactly("flock");
        }
        assertThat(query("admin", server.adminToken(), "flock", "SELECT count(*) FROM grants WHERE user_name = 'bob'"))
                .containsExactly("0");
    }

    @Test
    void dropUserAndDropTokenInvalidateTokensAtOnce() throws Exception {
        String carol = adminCreatesUser("carol", "GRANT READ ON DATABASE alpha TO carol");
        String second;
        try (Connection c = admin("default_db"); Statement s = c.createStatement()) {
            second = SecuritySql.firstToken(s, "CREATE TOKEN FOR USER carol");
        }
        assertThat(second).isNotEqualTo(carol);
        try (FlightSqlClient client = server.flightSqlClient(allocator)) {
            assertThat(rows(client, "SELECT count(*) FROM a", options(carol, "alpha"))).containsExactly("2");
            assertThat(rows(client, "SELECT count(*) FROM a", options(second, "alpha"))).containsExactly("2");

            adminRuns("DROP TOKEN '" + tokenId(second) + "'");
            assertUnauthenticated(() -> client.execute("SELECT count(*) FROM a", options(second, "alpha")),
                    "Authentication failed: the token is unknown or was revoked");
            assertThat(rows(client, "SELECT count(*) FROM a", options(carol, "alpha"))).containsExactly("2");

            Connection open = connect("carol", carol, "alpha");
            Statement s = open.createStatement();
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM a")) {
                assertThat(rs.next()).isTrue();
            }
            adminRuns("DROP USER carol");
            assertThatThrownBy(() -> s.executeQuery("SELECT count(*) FROM a"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("Authentication failed");
            closeAfterLogout(open);
            assertUnauthenticated(() -> client.execute("SELECT 1", options(carol, "alpha")),
                    "Authentication failed: the token is unknown or was revoked");
        }
        assertThat(query("admin", server.adminToken(), "flock", "SELECT count(*) FROM tokens WHERE user_name = 'carol'"))
                .containsExactly("0");
        assertThat(query("admin", server.adminToken(), "flock", "SELECT count(*) FROM grants WHERE user_name = 'carol'"))
                .containsExactly("0");
    }

    @Test
    void droppedUsersAndDatabasesLeaveNoGrantsOrTokensBehind() throws Exception {
        String old = adminCreatesUser("judy", "GRANT WRITE ON DATABASE beta TO judy");
        adminRuns("DROP DATABASE beta");
        adminRuns("CREATE DATABASE beta");
        assertThatThrownBy(() -> query("judy", old, "beta", "SELECT 1"))
                .hasMessageContaining("user 'judy' has no grant on database 'beta'");
        adminRuns("DROP USER judy");
        String fresh = adminCreatesUser("judy", "GRANT READ ON DATABASE alpha TO judy");

        server.restart();

        try (FlightSqlClient client = server.flightSqlClient(allocator)) {
            assertUnauthenticated(() -> client.execute("SELECT 1", options(old, "alpha")),
                    "Authentication failed: the token is unknown or was revoked");
        }
        assertThat(query("judy", fresh, "alpha", "SELECT count(*) FROM a")).containsExactly("2");
        assertThatThrownBy(() -> query("judy", fresh, "beta", "SELECT 1"))
                .hasMessageContaining("user 'judy' has no grant on database 'beta'");
        assertThat(query("admin", server.adminToken(), "beta", "SELECT count(*) FROM duckdb_tables()")).containsExactly("0");
    }

    @Test
    void onlyAdminsRunAdministrationStatements() throws SQLException {
        String dave = adminCreatesUser("dave", "GRANT WRITE ON DATABASE alpha TO dave");
        for (String sql : List.of("CREATE USER eve ADMIN", "DROP USER admin", "CREATE TOKEN FOR USER admin",
                "DROP TOKEN 'abcdefghijkl'", "GRANT WRITE ON DATABASE beta TO dave", "REVOKE READ ON DATABASE alpha FROM dave",
                "CREATE DATABASE gamma", "DROP DATABASE beta", "drop database if exists alpha", "/* hi */ grant all on database beta to dave")) {
            assertThatThrownBy(() -> update("dave", dave, "alpha", sql))
                    .as(sql)
                    .hasMessageContaining("Access denied: only admins may run administration statements (user 'dave' is not an admin)");
        }
        assertThat(query("admin", server.adminToken(), "flock", "SELECT name FROM users ORDER BY name"))
                .containsExactly("admin", "dave");
        assertThat(query("admin", server.adminToken(), "flock", "SELECT name FROM databases ORDER BY name"))
                .containsExactly("alpha", "beta", "default_db");
        assertThat(query("admin", server.adminToken(), "flock", "SELECT database_name || ':' || privilege FROM grants"))
                .containsExactly("alpha:WRITE");
        assertThat(query("admin", server.adminToken(), "flock", "SELECT count(*) FROM tokens WHERE user_name = 'admin'"))
                .containsExactly("1");
    }

    @Test
    void usersSeeOnlyTheirOwnQueriesAndResults() throws Exception {
        String frank = adminCreatesUser("frank", "GRANT READ ON DATABASE alpha TO frank");
        String grace = adminCreatesUser("grace", "GRANT READ ON DATABASE alpha TO grace");
        query("frank", frank, "alpha", "SELECT 'frank-marker' FROM a");
        query("grace", grace, "alpha", "SELECT 'grace-marker' FROM a");
        assertThat(query("frank", frank, "flock", "SELECT DISTINCT user_name FROM queries")).containsExactly("frank");
        // the markers are split in the statements that look for them, so that they do not find themselves
        assertThat(query("frank", frank, "flock", "SELECT count(*) FROM queries WHERE sql LIKE '%grace' || '-marker%'"))
                .containsExactly("0");
        assertThat(query("frank", frank, "flock", "SELECT count(*) FROM queries WHERE sql LIKE '%frank' || '-marker%'"))
                .containsExactly("1");
        assertThat(query("admin", server.adminToken(), "flock", "SELECT DISTINCT user_name FROM queries"
                + " WHERE sql LIKE '%frank' || '-marker%' OR sql LIKE '%grace' || '-marker%' ORDER BY 1"))
                .containsExactly("frank", "grace");

        try (FlightSqlClient client = server.flightSqlClient(allocator)) {
            FlightInfo info = client.execute("SELECT 'grace-result' FROM a", options(grace, "alpha"));
            assertThatThrownBy(() -> {
                try (FlightStream stream = client.getStream(info.getEndpoints().get(0).getTicket(), options(frank, "alpha"))) {
                    while (stream.next()) {
                        // drain
                    }
                }
            }).isInstanceOf(FlightRuntimeException.class).hasMessageContaining("has no result to fetch");
            try (FlightStream stream = client.getStream(info.getEndpoints().get(0).getTicket(), options(grace, "alpha"))) {
                assertThat(stream.next()).isTrue();
                assertThat(stream.getRoot().getVector(0).getObject(0).toString()).isEqualTo("grace-result");
            }
        }
    }

    @Test
    void wrongOrMissingCredentialsAreUnauthenticatedBeforeAnySqlRuns() throws Exception {
        String henry = adminCreatesUser("henry", "GRANT WRITE ON DATABASE alpha TO henry");
        String unknown = "flk_aaaaaaaaaaaa_" + "A".repeat(43);
        String tampered = henry.substring(0, henry.length() - 1) + (henry.endsWith("A") ? "B" : "A");
        try (FlightSqlClient client = server.flightSqlClient(allocator)) {
            assertUnauthenticated(() -> client.execute("DELETE FROM a /* no-credentials */",
                    new HeaderCallOption(databaseHeader("alpha"))), "Authentication required");
            assertUnauthenticated(() -> client.execute("DELETE FROM a /* bad-bearer */", options("not-a-token", "alpha")),
                    "Authentication failed: the token is malformed");
            assertUnauthenticated(() -> client.execute("DELETE FROM a /* unknown-token */", options(unknown, "alpha")),
                    "Authentication failed: the token is unknown or was revoked");
            assertUnauthenticated(() -> client.executeUpdate("DELETE FROM a /* tampered-token */", options(tampered, "alpha")),
                    "Authentication failed: the token is unknown or was revoked");
            assertUnauthenticated(() -> client.getCatalogs(new HeaderCallOption(databaseHeader("alpha"))),
                    "Authentication required");
        }
        assertThatThrownBy(() -> connect("henry", tampered, "alpha").close())
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("Authentication failed: the token is unknown or was revoked");
        assertThatThrownBy(() -> connect("admin", henry, "alpha").close())
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("Authentication failed: the token does not belong to user 'admin'");
        assertThatThrownBy(() -> connect("henry", "", "alpha").close())
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("Authentication");
        assertThat(query("admin", server.adminToken(), "alpha", "SELECT count(*) FROM a")).containsExactly("2");
        assertThat(query("admin", server.adminToken(), "flock", "SELECT count(*) FROM queries WHERE sql LIKE 'DELETE%'"))
                .containsExactly("0");
    }

    @Test
    void usersGrantsDatabasesAndTokensSurviveRestart() throws Exception {
        String ivy = adminCreatesUser("ivy", "GRANT WRITE ON DATABASE alpha TO ivy");
        adminRuns("GRANT READ ON DATABASE beta TO ivy");
        adminRuns("CREATE DATABASE gamma");
        String admin2 = adminCreatesUser("root2 ADMIN");
        String kim = adminCreatesUser("kim", "GRANT WRITE ON DATABASE alpha TO kim", "REVOKE WRITE ON DATABASE alpha FROM kim");
        update("ivy", ivy, "alpha", "INSERT INTO a VALUES (3)");

        server.restart();

        assertThat(query("ivy", ivy, "alpha", "SELECT count(*) FROM a")).containsExactly("3");
        assertThat(update("ivy", ivy, "alpha", "INSERT INTO a VALUES (4)")).isEqualTo(1);
        assertThat(query("ivy", ivy, "beta", "SELECT id FROM b")).containsExactly("7");
        assertThatThrownBy(() -> update("ivy", ivy, "beta", "DELETE FROM b"))
                .hasMessageContaining("user 'ivy' may only read database 'beta'");
        assertThatThrownBy(() -> query("ivy", ivy, "gamma", "SELECT 1"))
                .hasMessageContaining("user 'ivy' has no grant on database 'gamma'");
        assertThat(query("root2", admin2, "flock", "SELECT name || ':' || admin FROM users ORDER BY name"))
                .containsExactly("admin:true", "ivy:false", "kim:false", "root2:true");
        assertThat(query("kim", kim, "alpha", "SELECT count(*) FROM a")).containsExactly("4");
        assertThatThrownBy(() -> update("kim", kim, "alpha", "DELETE FROM a"))
                .hasMessageContaining("user 'kim' may only read database 'alpha'");
        assertThat(query("root2", admin2, "flock", "SELECT name FROM databases ORDER BY name"))
                .containsExactly("alpha", "beta", "default_db", "gamma");
        assertThat(query("admin", server.adminToken(), "flock",
                "SELECT database_name || ':' || privilege FROM grants WHERE user_name = 'ivy' ORDER BY 1"))
                .containsExactly("alpha:WRITE", "beta:READ");

        // only salted hashes of the secrets are stored
        byte[] catalogBytes = Files.readAllBytes(server.dataDirectory().resolve("catalog.duckdb"));
        String catalogText = new String(catalogBytes, StandardCharsets.ISO_8859_1);
        for (String token : List.of(ivy, admin2, server.adminToken())) {
            assertThat(catalogText).doesNotContain(secret(token));
        }
        Path wal = server.dataDirectory().resolve("catalog.duckdb.wal");
        if (Files.exists(wal)) {
            String walText = new String(Files.readAllBytes(wal), StandardCharsets.ISO_8859_1);
            assertThat(walText).doesNotContain(secret(ivy));
        }
    }

    // ---- helpers ----

    private String adminCreatesUser(String nameAndOptions, String... grants) throws SQLException {
        String token;
        try (Connection c = admin("default_db"); Statement s = c.createStatement()) {
            token = SecuritySql.createUser(s, nameAndOptions);
            for (String grant : grants) {
                s.execute(grant);
            }
        }
        return token;
    }

    private void adminRuns(String sql) throws SQLException {
        try (Connection c = admin("default_db"); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private Connection admin(String database) throws SQLException {
        return DriverManager.getConnection(server.adminJdbcUrl() + "&database=" + database);
    }

    private Connection connect(String user, String token, String database) throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl(user, token) + "&database=" + database);
    }

    private List<String> query(String user, String token, String database, String sql) throws SQLException {
        try (Connection c = connect(user, token, database); Statement s = c.createStatement()) {
            return JdbcTestSupport.rows(s, sql);
        }
    }

    private long update(String user, String token, String database, String sql) throws SQLException {
        try (Connection c = connect(user, token, database); Statement s = c.createStatement()) {
            return s.executeLargeUpdate(sql);
        }
    }

    /** Closes a connection whose user was dropped: the driver's own close calls are refused too. */
    private static void closeAfterLogout(Connection connection) {
        try {
            connection.close();
        } catch (SQLException expected) {
            assertThat((Throwable) expected).hasStackTraceContaining("Authentication failed");
        }
    }

    private static List<String> catalogs(Connection c) throws SQLException {
        List<String> catalogs = new ArrayList<>();
        try (ResultSet rs = c.getMetaData().getCatalogs()) {
            while (rs.next()) {
                catalogs.add(rs.getString("TABLE_CAT"));
            }
        }
        return catalogs;
    }

    private static List<String> rows(FlightSqlClient client, String sql, CallOption... options) throws Exception {
        FlightInfo info = client.execute(sql, options);
        List<String> rows = new ArrayList<>();
        try (FlightStream stream = client.getStream(info.getEndpoints().get(0).getTicket(), options)) {
            while (stream.next()) {
                for (int i = 0; i < stream.getRoot().getRowCount(); i++) {
                    rows.add(String.valueOf(stream.getRoot().getVector(0).getObject(i)));
                }
            }
        }
        return rows;
    }

    private static FlightCallHeaders databaseHeader(String database) {
        FlightCallHeaders headers = new FlightCallHeaders();
        headers.insert("database", database);
        return headers;
    }

    private static CallOption[] options(String token, String database) {
        return new CallOption[] {TestingFlockServer.bearer(token), new HeaderCallOption(databaseHeader(database))};
    }

    /** The id of a token {@code flk_<12-character id>_<secret>}. */
    private static String tokenId(String token) {
        return token.substring(4, 16);
    }

    /** The secret of a token; base64url, so it may itself contain '_'. */
    private static String secret(String token) {
        return token.substring(17);
    }

    private static void assertUnauthenticated(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String message) {
        assertThatThrownBy(call)
                .isInstanceOf(FlightRuntimeException.class)
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(((FlightRuntimeException) e).status().code())
                        .isEqualTo(FlightStatusCode.UNAUTHENTICATED));
    }
}
