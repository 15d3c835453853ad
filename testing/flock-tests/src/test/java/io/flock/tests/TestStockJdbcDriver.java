package io.flock.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flock.testing.TestingFlockServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** DDL, DML, queries, prepared statements and metadata through the stock Arrow Flight SQL JDBC driver. */
class TestStockJdbcDriver {
    private static TestingFlockServer server;

    @BeforeAll
    static void start() {
        server = TestingFlockServer.create();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(server.adminJdbcUrl());
    }

    @Test
    void ddlDmlAndQueries() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE orders (id BIGINT PRIMARY KEY, customer VARCHAR, amount DECIMAL(10,2))");
            assertThat(s.executeUpdate("INSERT INTO orders VALUES (1, 'ann', 10.50), (2, 'bob', 20.25), (3, 'ann', 5.00)"))
                    .isEqualTo(3);
            try (ResultSet rs = s.executeQuery("SELECT customer, sum(amount) AS total FROM orders GROUP BY customer ORDER BY customer")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString("customer")).isEqualTo("ann");
                assertThat(rs.getBigDecimal("total")).isEqualByComparingTo("15.50");
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("bob");
                assertThat(rs.next()).isFalse();
            }
            assertThat(s.executeUpdate("UPDATE orders SET amount = amount + 1 WHERE customer = 'ann'")).isEqualTo(2);
            assertThat(s.executeUpdate("DELETE FROM orders WHERE id = 2")).isEqualTo(1);
            try (ResultSet rs = s.executeQuery("SELECT count(*), sum(amount) FROM orders")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(2);
                assertThat(rs.getBigDecimal(2)).isEqualByComparingTo("17.50");
            }
            s.execute("DROP TABLE orders");
        }
    }

    @Test
    void preparedStatementsWithParameters() throws SQLException {
        try (Connection c = connect()) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE people (id INTEGER, name VARCHAR, born DATE)");
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO people VALUES (?, ?, ?)")) {
                for (int i = 1; i <= 3; i++) {
                    insert.setInt(1, i);
                    insert.setString(2, "p" + i);
                    insert.setDate(3, java.sql.Date.valueOf("2000-01-0" + i));
                    assertThat(insert.executeUpdate()).isEqualTo(1);
                }
            }
            try (PreparedStatement query = c.prepareStatement("SELECT name, born FROM people WHERE id >= ? ORDER BY id")) {
                assertThat(query.getMetaData().getColumnCount()).isEqualTo(2);
                assertThat(query.getMetaData().getColumnName(1)).isEqualTo("name");
                query.setInt(1, 2);
                try (ResultSet rs = query.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).isEqualTo("p2");
                    assertThat(rs.getDate(2).toLocalDate()).isEqualTo(java.time.LocalDate.of(2000, 1, 2));
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.next()).isFalse();
                }
            }
        }
    }

    @Test
    void metadata() throws SQLException {
        try (Connection c = connect()) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE meta_t (k INTEGER, v VARCHAR, PRIMARY KEY (k))");
            }
            assertThat(c.getMetaData().getDatabaseProductName()).isEqualTo("Flock");
            try (ResultSet rs = c.getMetaData().getCatalogs()) {
                java.util.List<String> catalogs = new java.util.ArrayList<>();
                while (rs.next()) {
                    catalogs.add(rs.getString("TABLE_CAT"));
                }
                assertThat(catalogs).contains("default_db", "flock");
            }
            try (ResultSet rs = c.getMetaData().getTables("default_db", null, "meta_t", null)) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString("TABLE_NAME")).isEqualTo("meta_t");
                assertThat(rs.getString("TABLE_TYPE")).isEqualTo("TABLE");
            }
            try (ResultSet rs = c.getMetaData().getColumns("default_db", null, "meta_t", null)) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString("COLUMN_NAME")).isEqualTo("k");
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString("COLUMN_NAME")).isEqualTo("v");
            }
            try (ResultSet rs = c.getMetaData().getPrimaryKeys("default_db", "main", "meta_t")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString("COLUMN_NAME")).isEqualTo("k");
            }
        }
    }

    @Test
    void theCatalogPropertyPicksTheDatabase() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE IF NOT EXISTS sales");
        }
        Connection inSales = DriverManager.getConnection(server.adminJdbcUrl() + "&catalog=sales");
        try (Statement s = inSales.createStatement()) {
            s.execute("CREATE TABLE in_sales AS SELECT 7 AS x");
            try (ResultSet rs = s.executeQuery("SELECT current_database(), x FROM in_sales")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("sales");
                assertThat(rs.getInt(2)).isEqualTo(7);
            }
        } finally {
            try {
                inSales.close();
            } catch (SQLException driverIssue) {
                // the stock driver 18.3 shuts its channel down before sending CloseSession (docs/flight-sql.md)
                assertThat(driverIssue.getMessage()).contains("Channel shutdown");
            }
        }
        try (Connection c = connect(); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeQuery("SELECT * FROM in_sales")).hasMessageContaining("in_sales");
        }
        assertThatThrownBy(() -> DriverManager.getConnection(server.adminJdbcUrl() + "&catalog=nowhere").close())
                .isInstanceOf(SQLException.class);
    }

    @Test
    void errorsCarryDuckDbMessage() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeQuery("SELECT * FROM no_such_table"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("no_such_table");
        }
    }

    @Test
    void wrongCredentialsAreRefused() {
        assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl("admin", "flk_aaaaaaaaaaaa_" + "x".repeat(43))).close())
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("Authentication failed");
    }
}
