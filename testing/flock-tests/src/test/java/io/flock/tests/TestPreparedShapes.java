package io.flock.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.arrow.flight.CallOption;
import org.apache.arrow.flight.sql.FlightSqlClient;
import org.apache.arrow.flight.sql.FlightSqlClient.PreparedStatement;
import org.apache.arrow.flight.sql.FlightSqlClient.Transaction;
import org.apache.arrow.vector.types.pojo.Field;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The server remembers the shapes of prepared statements per database (no second DuckDB prepare
 * for the same SQL) and forgets them on every schema change: autocommit DDL, DDL committed in a
 * transaction, and dropping and re-creating a table.
 */
class TestPreparedShapes {
    private static FlightSqlFixture fixture;
    private static FlightSqlClient sql;
    private static CallOption auth;

    @BeforeAll
    static void start() {
        fixture = FlightSqlFixture.start();
        sql = fixture.sql();
        auth = fixture.auth();
    }

    @AfterAll
    static void stop() throws Exception {
        fixture.close();
    }

    @Test
    void shapesFollowEverySchemaChange() {
        sql.executeUpdate("CREATE TABLE shaped (a INTEGER)", auth);
        assertThat(columns("SELECT * FROM shaped")).containsExactly("a");
        assertThat(columns("SELECT * FROM shaped")).containsExactly("a");

        sql.executeUpdate("ALTER TABLE shaped ADD COLUMN b VARCHAR", auth);
        assertThat(columns("SELECT * FROM shaped")).containsExactly("a", "b");

        Transaction transaction = sql.beginTransaction(auth);
        sql.executeUpdate("ALTER TABLE shaped ADD COLUMN c DOUBLE", transaction, auth);
        assertThat(columns("SELECT * FROM shaped")).containsExactly("a", "b");
        sql.commit(transaction, auth);
        assertThat(columns("SELECT * FROM shaped")).containsExactly("a", "b", "c");

        sql.executeUpdate("DROP TABLE shaped", auth);
        sql.executeUpdate("CREATE TABLE shaped (z BIGINT)", auth);
        assertThat(columns("SELECT * FROM shaped")).containsExactly("z");
    }

    private static List<String> columns(String query) {
        PreparedStatement statement = sql.prepare(query, auth);
        try {
            return statement.getResultSetSchema().getFields().stream().map(Field::getName).toList();
        } finally {
            statement.close(auth);
        }
    }
}
