package io.flock.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flock.testing.TestingFlockServer;
import java.math.BigDecimal;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** DDL, DML, queries, parameters, batches, java.time getters, decimals and streaming through Flock's JDBC driver. */
class TestJdbcQueries {
    private static TestingFlockServer server;

    @BeforeAll
    static void start() throws SQLException {
        server = TestingFlockServer.create();
        try (Connection connection = connect("default_db"); Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE jdbc_shop");
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Connection connect(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:flock://" + server.host() + ":" + server.port() + "/" + database
                + "?user=admin&token=" + server.adminToken());
    }

    @Test
    void ddlDmlAndQueriesWithTypedGetters() throws SQLException {
        try (Connection connection = connect("jdbc_shop"); Statement statement = connection.createStatement()) {
            assertThat(statement.execute("CREATE TABLE orders (id BIGINT PRIMARY KEY, customer VARCHAR, "
                    + "amount DECIMAL(10,2), placed DATE, placed_at TIMESTAMP, placed_tz TIMESTAMPTZ, paid BOOLEAN)"))
                    .isFalse();
            assertThat(statement.getUpdateCount()).isEqualTo(0);
            assertThat(statement.executeUpdate("INSERT INTO orders VALUES (1, 'ann', 12.5, DATE '2024-03-01', "
                    + "TIMESTAMP '2024-03-01 10:00:00.123456', TIMESTAMPTZ '2024-03-01 10:00:00+02', true), "
                    + "(2, 'bob', NULL, NULL, NULL, NULL, NULL)")).isEqualTo(2);
            try (ResultSet rs = statement.executeQuery("SELECT * FROM orders ORDER BY id")) {
                ResultSetMetaData metaData = rs.getMetaData();
                assertThat(metaData.getColumnCount()).isEqualTo(7);
                assertThat(metaData.getColumnType(1)).isEqualTo(Types.BIGINT);
                assertThat(metaData.getColumnType(3)).isEqualTo(Types.DECIMAL);
                assertThat(metaData.getPrecision(3)).isEqualTo(10);
                assertThat(metaData.getScale(3)).isEqualTo(2);
                assertThat(metaData.getColumnTypeName(6)).isEqualTo("TIMESTAMP WITH TIME ZONE");
                assertThat(metaData.getColumnType(6)).isEqualTo(Types.TIMESTAMP_WITH_TIMEZONE);

                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong("id")).isEqualTo(1);
                assertThat(rs.getString("CUSTOMER")).isEqualTo("ann");
                assertThat(rs.getBigDecimal("amount")).isEqualTo(new BigDecimal("12.50"));
                assertThat(rs.getBigDecimal("amount").scale()).isEqualTo(2);
                assertThat(rs.getObject("amount", BigDecimal.class)).isEqualTo(new BigDecimal("12.50"));
                assertThat(rs.getObject("placed", LocalDate.class)).isEqualTo(LocalDate.of(2024, 3, 1));
                assertThat(rs.getDate("placed")).isEqualTo(java.sql.Date.valueOf("2024-03-01"));
                assertThat(rs.getObject("placed_at", LocalDateTime.class))
                        .isEqualTo(LocalDateTime.of(2024, 3, 1, 10, 0, 0, 123_456_000));
                assertThat(rs.getTimestamp("placed_at")).isEqualTo(Timestamp.valueOf("2024-03-01 10:00:00.123456"));
                assertThat(rs.getObject("placed_tz", OffsetDateTime.class))
                        .isEqualTo(OffsetDateTime.of(2024, 3, 1, 8, 0, 0, 0, ZoneOffset.UTC));
                assertThat(rs.getObject("placed_tz", Instant.class)).isEqualTo(Instant.parse("2024-03-01T08:00:00Z"));
                assertThat(rs.getObject("placed_tz")).isEqualTo(OffsetDateTime.of(2024, 3, 1, 8, 0, 0, 0, ZoneOffset.UTC));
                assertThat(rs.getBoolean("paid")).isTrue();
                assertThat(rs.wasNull()).isFalse();
                assertThat(rs.findColumn("paid")).isEqualTo(7);

                assertThat(rs.next()).isTrue();
                assertThat(rs.getBigDecimal(3)).isNull();
                assertThat(rs.wasNull()).isTrue();
                assertThat(rs.getLong(3)).isZero();
                assertThat(rs.wasNull()).isTrue();
                assertThat(rs.getObject(4, LocalDate.class)).isNull();
                assertThat(rs.getString(2)).isEqualTo("bob");
                assertThat(rs.wasNull()).isFalse();
                assertThat(rs.next()).isFalse();
                assertThatThrownBy(() -> rs.findColumn("nope")).isInstanceOf(SQLException.class)
                        .hasMessageContaining("No column 'nope'");
            }
            assertThatThrownBy(() -> statement.executeQuery("DELETE FROM orders WHERE id = 99"))
                    .hasMessageContaining("returned no result set");
            assertThat(statement.executeUpdate("DELETE FROM orders")).isEqualTo(2);
        }
    }

    @Test
    void decimalsKeepTheColumnScale() throws SQLException {
        try (Connection connection = connect("jdbc_shop"); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT CAST(1.5 AS DECIMAL(18,4)) AS d, CAST(7 AS DECIMAL(38,10)) AS w, "
                     + "CAST(-0.001 AS DECIMAL(5,3)) AS n")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getBigDecimal("d")).isEqualTo(new BigDecimal("1.5000"));
            assertThat(rs.getBigDecimal("w")).isEqualTo(new BigDecimal("7.0000000000"));
            assertThat(rs.getBigDecimal("n")).isEqualTo(new BigDecimal("-0.001"));
            assertThat(rs.getString("d")).isEqualTo("1.5000");
            assertThat(rs.getDouble("d")).isEqualTo(1.5);
        }
    }

    @Test
    void preparedStatementsBindParametersAndDescribeBeforeRunning() throws SQLException {
        try (Connection connection = connect("jdbc_shop")) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE params (id INTEGER, name VARCHAR, price DECIMAL(8,3), day DATE, ts TIMESTAMP)");
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO params VALUES (?, ?, ?, ?, ?)")) {
                assertThat(insert.getMetaData()).isNull();
                ParameterMetaData parameters = insert.getParameterMetaData();
                assertThat(parameters.getParameterCount()).isEqualTo(5);
                assertThat(parameters.getParameterType(1)).isEqualTo(Types.INTEGER);
                insert.setInt(1, 1);
                insert.setString(2, "it's");
                insert.setBigDecimal(3, new BigDecimal("1.5"));
                insert.setObject(4, LocalDate.of(2023, 12, 31));
                insert.setTimestamp(5, Timestamp.valueOf("2023-12-31 23:59:58"));
                assertThat(insert.executeUpdate()).isEqualTo(1);
                for (int id = 2; id <= 4; id++) {
                    insert.setInt(1, id);
                    insert.setString(2, "n" + id);
                    insert.setNull(3, Types.DECIMAL);
                    insert.setDate(4, java.sql.Date.valueOf("2024-01-0" + id));
                    insert.setObject(5, LocalDateTime.of(2024, 1, id, 12, 0));
                    insert.addBatch();
                }
                // One round trip, one server transaction: the total is known, not the count per row.
                assertThat(insert.executeBatch()).containsExactly(Statement.SUCCESS_NO_INFO, Statement.SUCCESS_NO_INFO,
                        Statement.SUCCESS_NO_INFO);
                insert.clearParameters();
                assertThatThrownBy(insert::executeUpdate).hasMessage("Parameter 1 of 5 is not set");
            }
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT id, name, price, day, ts FROM params WHERE id >= ? ORDER BY id")) {
                ResultSetMetaData before = query.getMetaData();
                assertThat(before.getColumnCount()).isEqualTo(5);
                assertThat(before.getColumnName(3)).isEqualTo("price");
                assertThat(before.getScale(3)).isEqualTo(3);
                query.setLong(1, 1);
                try (ResultSet rs = query.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getInt(1)).isEqualTo(1);
                    assertThat(rs.getString(2)).isEqualTo("it's");
                    assertThat(rs.getBigDecimal(3)).isEqualTo(new BigDecimal("1.500"));
                    assertThat(rs.getObject(4, LocalDate.class)).isEqualTo(LocalDate.of(2023, 12, 31));
                    assertThat(rs.getTimestamp(5)).isEqualTo(Timestamp.valueOf("2023-12-31 23:59:58"));
                    int count = 1;
                    while (rs.next()) {
                        count++;
                        assertThat(rs.getObject(5, LocalDateTime.class)).isEqualTo(LocalDateTime.of(2024, 1, count, 12, 0));
                    }
                    assertThat(count).isEqualTo(4);
                }
            }
            try (PreparedStatement failing = connection.prepareStatement("INSERT INTO params (id) VALUES (?)")) {
                failing.setInt(1, 10);
                failing.addBatch();
                failing.setString(1, "not a number");
                failing.addBatch();
                assertThatThrownBy(failing::executeBatch).isInstanceOf(BatchUpdateException.class)
                        .hasMessageContaining("The batch of 2 parameter rows was not applied")
                        .hasMessageContaining("row 2 of the batch")
                        .satisfies(e -> assertThat(((BatchUpdateException) e).getUpdateCounts()).isEmpty());
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE strict (id INTEGER NOT NULL, name VARCHAR)");
            }
            try (PreparedStatement failing = connection.prepareStatement("INSERT INTO strict VALUES (?, ?)")) {
                failing.setInt(1, 10);
                failing.setString(2, "kept only if all rows are");
                failing.addBatch();
                failing.setNull(1, Types.INTEGER);
                failing.setString(2, "breaks NOT NULL on the server");
                failing.addBatch();
                assertThatThrownBy(failing::executeBatch).isInstanceOf(BatchUpdateException.class)
                        .hasMessageContaining("The batch of 2 parameter rows was not applied")
                        .satisfies(e -> assertThat(((BatchUpdateException) e).getSQLState()).startsWith("23"));
                failing.setInt(1, 11);
                failing.setString(2, "one row");
                failing.addBatch();
                assertThat(failing.executeBatch()).containsExactly(1);
            }
            // a batch of parameter rows runs DML only: DDL would bypass the server's schema-change tracking
            try (PreparedStatement ddl = connection.prepareStatement(
                    "CREATE OR REPLACE TABLE strict AS SELECT ?::BIGINT AS id")) {
                ddl.setLong(1, 1);
                ddl.addBatch();
                ddl.setLong(1, 2);
                ddl.addBatch();
                assertThatThrownBy(ddl::executeBatch).isInstanceOf(BatchUpdateException.class)
                        .hasMessageContaining("not for DDL statements");
            }
            try (Statement statement = connection.createStatement()) {
                assertThat(JdbcTestSupport.rows(statement, "SELECT count(*) FROM params WHERE id = 10")).containsExactly("0");
                assertThat(JdbcTestSupport.rows(statement, "SELECT id FROM strict")).containsExactly("11");
            }
        }
    }

    @Test
    void statementBatchesRunInOrder() throws SQLException {
        try (Connection connection = connect("jdbc_shop"); Statement statement = connection.createStatement()) {
            statement.addBatch("CREATE TABLE batch_t (n INTEGER)");
            statement.addBatch("INSERT INTO batch_t VALUES (1), (2)");
            statement.addBatch("UPDATE batch_t SET n = n + 1");
            assertThat(statement.executeBatch()).containsExactly(0, 2, 2);
            assertThat(JdbcTestSupport.rows(statement, "SELECT n FROM batch_t ORDER BY n")).containsExactly("2", "3");
        }
    }

    @Test
    void fetchSizeStreamsAMillionRows() throws SQLException {
        try (Connection connection = connect("default_db"); Statement statement = connection.createStatement()) {
            statement.setFetchSize(1000);
            long count = 0;
            long sum = 0;
            try (ResultSet rs = statement.executeQuery("SELECT range AS n, 'row ' || range AS label FROM range(1500000)")) {
                assertThat(rs.getFetchSize()).isEqualTo(1000);
                while (rs.next()) {
                    sum += rs.getLong(1);
                    count++;
                }
            }
            assertThat(count).isEqualTo(1_500_000);
            assertThat(sum).isEqualTo(1_499_999L * 1_500_000L / 2);
        }
    }

    @Test
    void maxRowsEndsTheResultEarly() throws SQLException {
        try (Connection connection = connect("default_db"); Statement statement = connection.createStatement()) {
            statement.setMaxRows(5);
            assertThat(JdbcTestSupport.rows(statement, "SELECT range FROM range(1000000)")).hasSize(5);
        }
    }
}
