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
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** VARCHAR(n) and CHAR(n) lengths are enforced: an over-long value is an error and nothing is stored. */
class TestVarcharLength {
    private static TestingFlockServer server;
    private static Connection connection;

    @BeforeAll
    static void start() throws SQLException {
        server = TestingFlockServer.create();
        connection = DriverManager.getConnection(server.adminJdbcUrl());
    }

    @AfterAll
    static void stop() throws SQLException {
        connection.close();
        server.close();
    }

    @Test
    void overLongInsertIsAnErrorNamingTheConstraintAndStoresNothing() throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE TABLE vl_multi (id INTEGER, \"Short Name\" VARCHAR(3), code CHAR(2),"
                    + " note CHARACTER VARYING(5), free VARCHAR, PRIMARY KEY (id))");
            assertThat(s.executeUpdate("INSERT INTO vl_multi VALUES (1, 'abc', 'xy', 'hello', 'anything at all')")).isEqualTo(1);
            assertThat(s.executeUpdate("INSERT INTO vl_multi VALUES (2, '😀é☃', 'é', '', NULL)")).isEqualTo(1);

            assertThatThrownBy(() -> s.executeUpdate("INSERT INTO vl_multi VALUES (3, 'ok', 'ok', 'ok', 'x'), (4, 'abcd', 'ok', 'ok', 'x')"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("CHECK constraint failed")
                    .hasMessageContaining("length(\"Short Name\") <= 3");
            assertThatThrownBy(() -> s.executeUpdate("INSERT INTO vl_multi VALUES (5, 'ok', 'xyz', 'ok', 'x')"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("length(code) <= 2");
            assertThatThrownBy(() -> s.executeUpdate("INSERT INTO vl_multi VALUES (6, 'ok', 'ok', '123456', 'x')"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("length(note) <= 5");
            assertThatThrownBy(() -> s.executeUpdate("UPDATE vl_multi SET \"Short Name\" = \"Short Name\" || 'z' WHERE id = 1"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("length(\"Short Name\") <= 3");

            assertThat(rows(s, "SELECT id, \"Short Name\", code, note FROM vl_multi ORDER BY id"))
                    .containsExactly("1|abc|xy|hello", "2|😀é☃|é|");
        }
    }

    @Test
    void overLongParameterIsAnError() throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE TABLE vl_param (v VARCHAR(4))");
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO vl_param VALUES (?)")) {
            insert.setString(1, "four");
            assertThat(insert.executeUpdate()).isEqualTo(1);
            insert.setString(1, "fives");
            assertThatThrownBy(insert::executeUpdate)
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("length(v) <= 4");
        }
        try (Statement s = connection.createStatement()) {
            assertThat(rows(s, "SELECT v FROM vl_param")).containsExactly("four");
        }
    }

    @Test
    void lengthIsEnforcedNextToGeneratedColumnsAndDefaults() throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE TABLE vl_generated (a VARCHAR(2) DEFAULT 'x' NOT NULL, b VARCHAR GENERATED ALWAYS AS (a || a))");
            assertThat(s.executeUpdate("INSERT INTO vl_generated (a) VALUES ('ab')")).isEqualTo(1);
            assertThatThrownBy(() -> s.executeUpdate("INSERT INTO vl_generated (a) VALUES ('abc')"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("length(a) <= 2");
            assertThat(rows(s, "SELECT a, b FROM vl_generated")).containsExactly("ab|abab");
        }
    }

    @Test
    void lengthOfListElementsIsRefusedNotDropped() throws SQLException {
        try (Statement s = connection.createStatement()) {
            assertThatThrownBy(() -> s.execute("CREATE TABLE vl_list (v VARCHAR(3)[])"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("syntax error");
        }
    }

    private static List<String> rows(Statement s, String sql) throws SQLException {
        return JdbcTestSupport.rows(s, sql);
    }
}
