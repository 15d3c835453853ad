package io.flock.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flock.client.FlockClient;
import io.flock.client.QueryState;
import io.flock.client.QueryStats;
import io.flock.jdbc.FlockConnection;
import io.flock.jdbc.FlockDataSource;
import io.flock.jdbc.FlockDriver;
import io.flock.testing.TestingFlockServer;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Connecting, catalogs, cancel, query timeout, typed errors, unwrap and database metadata through Flock's JDBC driver. */
class TestJdbcConnection {
    private static final String SLOW_QUERY = "SELECT sum(a.range * b.range) FROM range(3000000) a, range(3000000) b";
    private static TestingFlockServer server;

    @BeforeAll
    static void start() throws SQLException {
        server = TestingFlockServer.create();
        try (Connection connection = connect(""); Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE jdbc_meta");
        }
        try (Connection connection = connect("jdbc_meta"); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE items (id BIGINT, sku VARCHAR NOT NULL, price DECIMAL(12,4), "
                    + "added TIMESTAMP, PRIMARY KEY (id, sku))");
            statement.execute("CREATE VIEW cheap AS SELECT * FROM items WHERE price < 10");
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String url(String database) {
        return "jdbc:flock://" + server.host() + ":" + server.port() + "/" + database + "?user=admin&token="
                + server.adminToken();
    }

    private static Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(url(database));
    }

    @Test
    void driverIsRegisteredAndDescribesItsPropertiesFromTheClientTable() throws SQLException {
        Driver driver = DriverManager.getDriver(url("jdbc_meta"));
        assertThat(driver).isInstanceOf(FlockDriver.class);
        assertThat(driver.acceptsURL("jdbc:arrow-flight-sql://x:1")).isFalse();
        DriverPropertyInfo[] info = driver.getPropertyInfo(url("jdbc_meta") + "&connect-timeout=5s", new Properties());
        assertThat(info).extracting(p -> p.name).contains("host", "port", "user", "token", "database", "tls",
                "connect-timeout", "request-timeout", "retry-attempts");
        assertThat(info).filteredOn(p -> p.name.equals("connect-timeout")).extracting(p -> p.value).containsExactly("5s");
        assertThat(info).filteredOn(p -> p.name.equals("database")).extracting(p -> p.value).containsExactly("jdbc_meta");
        assertThat(info).filteredOn(p -> p.name.equals("token")).extracting(p -> p.value).containsExactly("***");

        assertThatThrownBy(() -> DriverManager.getConnection(url("jdbc_meta") + "&colour=blue"))
                .isInstanceOf(SQLNonTransientConnectionException.class).hasMessageContaining("'colour'");
        assertThatThrownBy(() -> DriverManager.getConnection("jdbc:flock://" + server.host() + ":" + server.port()))
                .isInstanceOf(SQLInvalidAuthorizationSpecException.class).hasMessageContaining("token is required");
    }

    @Test
    void dataSourceAndPasswordPropertyConnect() throws SQLException {
        FlockDataSource source = new FlockDataSource();
        source.setHost(server.host());
        source.setPort(server.port());
        source.setDatabase("jdbc_meta");
        source.setUser("admin");
        source.setPassword(server.adminToken());
        source.setRequestTimeout("30s");
        try (Connection connection = source.getConnection(); Statement statement = connection.createStatement()) {
            assertThat(JdbcTestSupport.rows(statement, "SELECT count(*) FROM items")).containsExactly("0");
            assertThat(connection.getCatalog()).isEqualTo("jdbc_meta");
        }
        Properties properties = new Properties();
        properties.setProperty("user", "admin");
        properties.setProperty("password", server.adminToken());
        try (Connection connection = DriverManager.getConnection(
                "jdbc:flock://" + server.host() + ":" + server.port() + "/jdbc_meta", properties)) {
            assertThat(connection.isValid(5)).isTrue();
        }
    }

    @Test
    void catalogSwitchesTheDatabase() throws SQLException {
        try (Connection connection = connect("default_db")) {
            assertThat(connection.getCatalog()).isEqualTo("default_db");
            connection.setCatalog("jdbc_meta");
            assertThat(connection.getCatalog()).isEqualTo("jdbc_meta");
            try (Statement statement = connection.createStatement()) {
                assertThat(JdbcTestSupport.rows(statement, "SELECT count(*) FROM items")).containsExactly("0");
            }
            assertThatThrownBy(() -> connection.setCatalog("no_such_db")).isInstanceOf(SQLException.class)
                    .hasMessageContaining("Database 'no_such_db' does not exist");
            assertThat(connection.getCatalog()).isEqualTo("jdbc_meta");
        }
    }

    @Test
    void autocommitOffRunsStatementsInOneTransaction() throws SQLException {
        try (Connection writer = connect("default_db"); Connection reader = connect("default_db");
             Statement read = reader.createStatement()) {
            assertThat(writer.getAutoCommit()).isTrue();
            assertThatThrownBy(writer::commit).hasMessageContaining("not allowed in autocommit mode");
            try (Statement setup = writer.createStatement()) {
                setup.execute("CREATE TABLE ledger (id INTEGER PRIMARY KEY, amount INTEGER)");
            }
            writer.setAutoCommit(false);
            assertThat(writer.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_REPEATABLE_READ);
            try (Statement statement = writer.createStatement();
                 PreparedStatement insert = writer.prepareStatement("INSERT INTO ledger VALUES (?, ?)")) {
                statement.executeUpdate("INSERT INTO ledger VALUES (1, 10)");
                insert.setInt(1, 2);
                insert.setInt(2, 20);
                insert.executeUpdate();
                for (int id = 3; id <= 4; id++) {
                    insert.setInt(1, id);
                    insert.setInt(2, id * 10);
                    insert.addBatch();
                }
                insert.executeBatch();
                // The transaction sees its own rows; nobody else does before the commit.
                assertThat(JdbcTestSupport.rows(statement, "SELECT sum(amount) FROM ledger")).containsExactly("100");
                assertThat(JdbcTestSupport.rows(read, "SELECT count(*) FROM ledger")).containsExactly("0");
                assertThatThrownBy(() -> writer.setCatalog("jdbc_meta")).hasMessageContaining("while a transaction is open");
                writer.commit();
                assertThat(JdbcTestSupport.rows(read, "SELECT count(*) FROM ledger")).containsExactly("4");

                statement.executeUpdate("DELETE FROM ledger WHERE id > 1");
                assertThat(JdbcTestSupport.rows(statement, "SELECT count(*) FROM ledger")).containsExactly("1");
                writer.rollback();
                assertThat(JdbcTestSupport.rows(read, "SELECT count(*) FROM ledger")).containsExactly("4");

                // A failing statement leaves the transaction to the caller: rolling back undoes it all.
                statement.executeUpdate("UPDATE ledger SET amount = 0");
                assertThatThrownBy(() -> statement.executeUpdate("INSERT INTO ledger VALUES (1, 1)"))
                        .isInstanceOf(SQLException.class);
                writer.rollback();
                assertThat(JdbcTestSupport.rows(read, "SELECT sum(amount) FROM ledger")).containsExactly("100");

                // Turning autocommit back on commits the open transaction.
                statement.executeUpdate("INSERT INTO ledger VALUES (5, 50)");
                writer.setAutoCommit(true);
                assertThat(JdbcTestSupport.rows(read, "SELECT count(*) FROM ledger")).containsExactly("5");
            }
            writer.setAutoCommit(false);
            try (Statement statement = writer.createStatement()) {
                statement.executeUpdate("INSERT INTO ledger VALUES (6, 60)");
            }
        }
        // Closing a connection rolls its open transaction back.
        try (Connection check = connect("default_db"); Statement statement = check.createStatement()) {
            assertThat(JdbcTestSupport.rows(statement, "SELECT count(*) FROM ledger")).containsExactly("5");
        }
    }

    @Test
    void keptPreparedStatementsServeTheSameSqlAgainAcrossSchemaChangesAndCatalogs() throws SQLException {
        try (Connection connection = connect("default_db")) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE kept (id INTEGER, label VARCHAR)");
                statement.execute("INSERT INTO kept VALUES (1, 'one'), (2, 'two')");
            }
            String sql = "SELECT * FROM kept WHERE id = ?";
            for (int round = 1; round <= 3; round++) {
                try (PreparedStatement first = connection.prepareStatement(sql);
                     PreparedStatement second = connection.prepareStatement(sql)) {
                    first.setInt(1, 1);
                    second.setInt(1, 2);
                    try (ResultSet a = first.executeQuery(); ResultSet b = second.executeQuery()) {
                        assertThat(a.next()).isTrue();
                        assertThat(b.next()).isTrue();
                        assertThat(a.getString("label")).isEqualTo("one");
                        assertThat(b.getString("label")).isEqualTo("two");
                    }
                }
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("ALTER TABLE kept ADD COLUMN extra INTEGER DEFAULT 7");
            }
            try (PreparedStatement again = connection.prepareStatement(sql)) {
                again.setInt(1, 1);
                try (ResultSet rs = again.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getInt("extra")).isEqualTo(7);
                }
            }
            connection.setCatalog("jdbc_meta");
            try (PreparedStatement elsewhere = connection.prepareStatement("SELECT count(*) FROM items WHERE 1 = ?")) {
                elsewhere.setInt(1, 1);
                try (ResultSet rs = elsewhere.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                }
            }
            assertThatThrownBy(() -> connection.prepareStatement(sql)).isInstanceOf(SQLException.class)
                    .hasMessageContaining("kept");
        }
    }

    @Test
    void isValidAndCloseReleaseTheConnection() throws Exception {
        Connection connection = connect("default_db");
        assertThat(connection.isValid(5)).isTrue();
        Statement statement = connection.createStatement();
        ResultSet running = statement.executeQuery(SLOW_QUERY);
        String queryId = connection.unwrap(FlockConnection.class).lastQueryId().orElseThrow();
        connection.close();
        assertThat(connection.isClosed()).isTrue();
        assertThat(statement.isClosed()).isTrue();
        assertThat(running.isClosed()).isTrue();
        assertThat(connection.isValid(5)).isFalse();
        assertThatThrownBy(connection::createStatement).isInstanceOf(SQLException.class).hasMessage("The connection is closed");
        try (FlockClient admin = FlockClient.builder().host(server.host()).port(server.port())
                .token(server.adminToken()).build()) {
            assertThat(awaitEnd(admin, queryId).state()).isEqualTo(QueryState.CANCELLED);
        }
    }

    /** The stats once the query ended: the server records the end just after the stream's last message. */
    private static QueryStats awaitEnd(FlockClient client, String queryId) throws InterruptedException {
        while (true) {
            QueryStats stats = client.explainAnalyze(queryId);
            if (stats.state() != QueryState.RUNNING && stats.state() != QueryState.QUEUED
                    && stats.state() != QueryState.PLANNING) {
                return stats;
            }
            Thread.sleep(20);
        }
    }

    @Test
    void cancelFromAnotherThreadStopsTheQueryOnTheServer() throws Exception {
        try (Connection connection = connect("default_db"); Statement statement = connection.createStatement()) {
            FlockConnection flock = connection.unwrap(FlockConnection.class);
            CompletableFuture<Boolean> reader = CompletableFuture.supplyAsync(() -> {
                try (ResultSet rs = statement.executeQuery(SLOW_QUERY)) {
                    return rs.next();
                } catch (SQLException e) {
                    throw new RuntimeException(e);
                }
            });
            String queryId = awaitRunning(flock);
            statement.cancel();
            assertThatThrownBy(() -> reader.get(60, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .cause().cause().isInstanceOf(SQLException.class).isNotInstanceOf(SQLTimeoutException.class)
                    .hasMessageStartingWith("Query failed (#" + queryId + ")")
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("57014"));
            assertThat(awaitEnd(flock.client(), queryId).state()).isEqualTo(QueryState.CANCELLED);
            assertThat(JdbcTestSupport.rows(statement, "SELECT 42")).containsExactly("42");
        }
    }

    private static String awaitRunning(FlockConnection flock) throws Exception {
        while (true) {
            if (flock.lastQueryId().isPresent()
                    && flock.explainAnalyze(flock.lastQueryId().get()).state() == QueryState.RUNNING) {
                return flock.lastQueryId().get();
            }
            Thread.sleep(20);
        }
    }

    @Test
    void queryTimeoutCancelsTheQueryOnTheServer() throws Exception {
        try (Connection connection = connect("default_db"); Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(1);
            assertThat(statement.getQueryTimeout()).isEqualTo(1);
            assertThatThrownBy(() -> {
                try (ResultSet rs = statement.executeQuery(SLOW_QUERY)) {
                    rs.next();
                }
            }).isInstanceOf(SQLTimeoutException.class).hasMessageContaining("query timeout passed")
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("57014"));
            FlockConnection flock = connection.unwrap(FlockConnection.class);
            assertThat(awaitEnd(flock.client(), flock.lastQueryId().orElseThrow()).state()).isEqualTo(QueryState.CANCELLED);
            assertThat(JdbcTestSupport.rows(statement, "SELECT 1")).containsExactly("1");
        }
    }

    @Test
    void errorsAreTypedBySqlState() throws SQLException {
        try (Connection connection = connect("jdbc_meta"); Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.executeQuery("SELECT * FROM missing_table"))
                    .isInstanceOf(SQLSyntaxErrorException.class)
                    .hasMessageContaining("missing_table")
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).startsWith("42"));
            assertThatThrownBy(() -> statement.executeQuery("SELEC 1")).isInstanceOf(SQLSyntaxErrorException.class)
                    .hasMessageContaining("'SELEC'");
            assertThatThrownBy(() -> JdbcTestSupport.rows(statement, "SELECT CAST(s AS INTEGER) FROM (VALUES ('abc')) t(s)"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageMatching("Query failed \\(#[0-9]{8}_[0-9]{6}_[0-9]{5}_[a-z0-9]{5}\\): .+");
            statement.execute("CREATE TABLE unique_t (id INTEGER PRIMARY KEY)");
            statement.execute("INSERT INTO unique_t VALUES (1)");
            assertThatThrownBy(() -> statement.execute("INSERT INTO unique_t VALUES (1)"))
                    .isInstanceOf(SQLIntegrityConstraintViolationException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).startsWith("23"));
        }
        try (Connection connection = DriverManager.getConnection("jdbc:flock://" + server.host() + ":" + server.port()
                + "/default_db?token=flk_wrong"); Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.executeQuery("SELECT 1"))
                    .isInstanceOf(SQLInvalidAuthorizationSpecException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).startsWith("28"));
        }
    }

    @Test
    void unwrapExposesQueryIdsStatsAndTheClient() throws Exception {
        try (Connection connection = connect("jdbc_meta"); Statement statement = connection.createStatement()) {
            assertThat(connection.isWrapperFor(FlockConnection.class)).isTrue();
            FlockConnection flock = connection.unwrap(FlockConnection.class);
            assertThat(flock.lastQueryId()).isEmpty();
            assertThat(JdbcTestSupport.rows(statement, "SELECT range FROM range(3)")).hasSize(3);
            String queryId = flock.lastQueryId().orElseThrow();
            assertThat(queryId).matches("[0-9]{8}_[0-9]{6}_[0-9]{5}_[a-z0-9]{5}");
            awaitEnd(flock.client(), queryId);
            QueryStats stats = flock.explainAnalyze(queryId);
            assertThat(stats.state()).isEqualTo(QueryState.FINISHED);
            assertThat(stats.rows()).isEqualTo(3);
            assertThat(flock.client().tables("jdbc_meta")).extracting(t -> t.name()).contains("items");
            assertThat(connection.unwrap(FlockClient.class)).isSameAs(flock.client());
        }
    }

    @Test
    void databaseMetaDataDescribesCatalogsTablesColumnsAndKeys() throws SQLException {
        try (Connection connection = connect("jdbc_meta")) {
            DatabaseMetaData metaData = connection.getMetaData();
            assertThat(metaData.getDatabaseProductName()).isEqualTo("Flock");
            assertThat(metaData.getDriverName()).isEqualTo("Flock JDBC Driver");
            assertThat(metaData.getDatabaseProductVersion()).isNotEmpty();
            assertThat(metaData.getIdentifierQuoteString()).isEqualTo("\"");
            assertThat(column(metaData.getCatalogs(), "TABLE_CAT")).contains("default_db", "jdbc_meta", "flock");
            assertThat(column(metaData.getSchemas("jdbc_meta", null), "TABLE_SCHEM")).containsExactly("main");
            assertThat(column(metaData.getTables("jdbc_meta", "main", "%", null), "TABLE_NAME"))
                    .containsSubsequence("items", "cheap").endsWith("cheap");
            assertThat(column(metaData.getTables("jdbc_meta", null, "ite_s", new String[] {"TABLE"}), "TABLE_TYPE"))
                    .containsExactly("TABLE");
            assertThat(column(metaData.getTables("jdbc_meta", null, "%", new String[] {"VIEW"}), "TABLE_NAME"))
                    .containsExactly("cheap");

            List<String> columns = new ArrayList<>();
            try (ResultSet rs = metaData.getColumns("jdbc_meta", "main", "items", "%")) {
                while (rs.next()) {
                    columns.add(rs.getString("COLUMN_NAME") + ":" + rs.getInt("DATA_TYPE") + ":" + rs.getString("TYPE_NAME")
                            + ":" + rs.getInt("DECIMAL_DIGITS") + ":" + rs.getString("IS_NULLABLE") + ":"
                            + rs.getInt("ORDINAL_POSITION"));
                }
            }
            assertThat(columns).containsExactly(
                    "id:" + Types.BIGINT + ":BIGINT:0:NO:1",
                    "sku:" + Types.VARCHAR + ":VARCHAR:0:NO:2",
                    "price:" + Types.DECIMAL + ":DECIMAL(12,4):4:YES:3",
                    "added:" + Types.TIMESTAMP + ":TIMESTAMP:0:YES:4");

            List<String> key = new ArrayList<>();
            try (ResultSet rs = metaData.getPrimaryKeys("jdbc_meta", "main", "items")) {
                while (rs.next()) {
                    key.add(rs.getString("COLUMN_NAME") + ":" + rs.getShort("KEY_SEQ"));
                }
            }
            assertThat(key).containsExactlyInAnyOrder("id:1", "sku:2");

            List<Integer> types = new ArrayList<>();
            try (ResultSet rs = metaData.getTypeInfo()) {
                while (rs.next()) {
                    types.add(rs.getInt("DATA_TYPE"));
                }
            }
            assertThat(types).contains(Types.BIGINT, Types.VARCHAR, Types.DECIMAL, Types.TIMESTAMP, Types.BOOLEAN)
                    .isSorted();
            assertThat(column(metaData.getTableTypes(), "TABLE_TYPE")).containsExactly("TABLE", "VIEW");
        }
    }

    private static List<String> column(ResultSet rs, String name) throws SQLException {
        List<String> values = new ArrayList<>();
        try (rs) {
            while (rs.next()) {
                values.add(rs.getString(name));
            }
        }
        return values;
    }
}
