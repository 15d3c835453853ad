package io.flock.tests;

import static io.flock.tests.FlightTestSupport.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flock.client.FlockClient;
import io.flock.client.FlockTransaction;
import io.flock.client.QueryResult;
import io.flock.client.Row;
import java.util.List;
import org.apache.arrow.flight.CallOption;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.sql.FlightSqlClient;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each pooled DuckDB connection keeps the prepared statements of SQL it ran, so running the same
 * SQL again skips DuckDB's prepare. A kept statement must behave exactly like a fresh one: the
 * current schema after every kind of schema change, the current parameters, the current
 * transaction's view, and nothing kept from a run that failed. Every check runs the same SQL more
 * often than the server has connections, so every connection's kept statement is exercised.
 */
class TestStatementCache {
    /** More runs than pooled connections per database (storage.connections). */
    private static final int RUNS = 12;

    private static FlightSqlFixture fixture;
    private static FlightSqlClient sql;
    private static CallOption auth;
    private static FlockClient client;

    @BeforeAll
    static void start() {
        fixture = FlightSqlFixture.start();
        sql = fixture.sql();
        auth = fixture.auth();
        client = AdminClients.of(fixture.server());
    }

    @AfterAll
    static void stop() throws Exception {
        client.close();
        fixture.close();
    }

    @Test
    void keptStatementsFollowEverySchemaChange() {
        sql.executeUpdate("CREATE TABLE cached (id BIGINT, v VARCHAR)", auth);
        sql.executeUpdate("INSERT INTO cached VALUES (1, 'a'), (2, 'b')", auth);
        String query = "SELECT * FROM cached ORDER BY id";
        for (int run = 0; run < RUNS; run++) {
            assertThat(rows(sql, query, auth)).containsExactly(List.of(1L, "a"), List.of(2L, "b"));
        }

        sql.executeUpdate("ALTER TABLE cached ADD COLUMN w DOUBLE DEFAULT 1.5", auth);
        for (int run = 0; run < RUNS; run++) {
            FlightInfo info = sql.execute(query, auth);
            assertThat(info.getSchema().getFields()).extracting(Field::getName).containsExactly("id", "v", "w");
            assertThat(rows(sql, info, auth)).containsExactly(List.of(1L, "a", 1.5), List.of(2L, "b", 1.5));
        }

        sql.executeUpdate("DROP TABLE cached", auth);
        sql.executeUpdate("CREATE TABLE cached (id VARCHAR)", auth);
        sql.executeUpdate("INSERT INTO cached VALUES ('x')", auth);
        for (int run = 0; run < RUNS; run++) {
            FlightInfo info = sql.execute(query, auth);
            assertThat(info.getSchema().getFields()).extracting(Field::getType)
                    .containsExactly(ArrowType.Utf8.INSTANCE);
            assertThat(rows(sql, info, auth)).containsExactly(List.of("x"));
        }
    }

    @Test
    void eachRunBindsItsOwnParameters() {
        for (long value = 0; value < 3 * RUNS; value++) {
            try (QueryResult result = client.execute("SELECT ? * 2 AS twice", value)) {
                assertThat(result.fetchOne().map(row -> row.getLong(0))).contains(value * 2);
            }
        }
    }

    @Test
    void aRunThatFailedLeavesNothingBehind() {
        sql.executeUpdate("CREATE TABLE texts (v VARCHAR)", auth);
        sql.executeUpdate("INSERT INTO texts VALUES ('1')", auth);
        String query = "SELECT CAST(v AS INTEGER) + 1 AS n FROM texts";
        for (int run = 0; run < RUNS; run++) {
            assertThat(rows(sql, query, auth)).containsExactly(List.of(2));
        }
        sql.executeUpdate("UPDATE texts SET v = 'not a number'", auth);
        for (int run = 0; run < RUNS; run++) {
            assertThatThrownBy(() -> rows(sql, query, auth)).isInstanceOf(FlightRuntimeException.class);
        }
        sql.executeUpdate("UPDATE texts SET v = '41'", auth);
        for (int run = 0; run < RUNS; run++) {
            assertThat(rows(sql, query, auth)).containsExactly(List.of(42));
        }
    }

    @Test
    void keptStatementsSeeTheirTransaction() {
        client.executeUpdate("CREATE TABLE counted (id BIGINT)");
        client.executeUpdate("INSERT INTO counted VALUES (1), (2)");
        String query = "SELECT count(*) FROM counted";
        for (int run = 0; run < RUNS; run++) {
            assertThat(count(client, query)).isEqualTo(2);
        }
        try (FlockTransaction transaction = client.beginTransaction()) {
            transaction.executeUpdate("INSERT INTO counted VALUES (3)");
            for (int run = 0; run < RUNS; run++) {
                try (QueryResult result = transaction.execute(query)) {
                    assertThat(result.fetchOne().map(row -> row.getLong(0))).contains(3L);
                }
                assertThat(count(client, query)).as("outside the open transaction").isEqualTo(2);
            }
            transaction.rollback();
        }
        for (int run = 0; run < RUNS; run++) {
            assertThat(count(client, query)).isEqualTo(2);
        }
    }

    private static long count(FlockClient client, String query) {
        try (QueryResult result = client.execute(query)) {
            return result.fetchOne().map((Row row) -> row.getLong(0)).orElseThrow();
        }
    }
}
