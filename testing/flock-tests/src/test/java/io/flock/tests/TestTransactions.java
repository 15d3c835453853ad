package io.flock.tests;

import static io.flock.tests.FlightTestSupport.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flock.testing.TestingFlockServer;
import java.util.List;
import org.apache.arrow.flight.CallOption;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStatusCode;
import org.apache.arrow.flight.sql.FlightSqlClient;
import org.apache.arrow.memory.BufferAllocator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Flight SQL transactions: isolation until commit, rollback, idle timeout, ownership. */
class TestTransactions {
    private static FlightSqlFixture fixture;
    private static BufferAllocator allocator;
    private static FlightSqlClient client;
    private static CallOption admin;

    @BeforeAll
    static void start() {
        fixture = FlightSqlFixture.start(
                TestingFlockServer.builder().property("transaction.idle-timeout", "2s").build());
        allocator = fixture.allocator();
        client = fixture.sql();
        admin = fixture.auth();
    }

    @AfterAll
    static void stop() throws Exception {
        fixture.close();
    }

    private static long count(String table) {
        return (Long) rows(client, "SELECT count(*) FROM " + table, admin).get(0).get(0);
    }

    @Test
    void changesAreInvisibleUntilCommit() {
        client.executeUpdate("CREATE TABLE tx_commit (id INTEGER)", admin);
        FlightSqlClient.Transaction transaction = client.beginTransaction(admin);
        assertThat(client.executeUpdate("INSERT INTO tx_commit VALUES (1), (2)", transaction, admin)).isEqualTo(2);
        assertThat(rows(client, client.execute("SELECT count(*) FROM tx_commit", transaction, admin), admin))
                .containsExactly(List.of(2L));
        assertThat(count("tx_commit")).isZero();
        client.commit(transaction, admin);
        assertThat(count("tx_commit")).isEqualTo(2);
    }

    @Test
    void rollbackDiscardsEverything() {
        client.executeUpdate("CREATE TABLE tx_rollback (id INTEGER)", admin);
        client.executeUpdate("INSERT INTO tx_rollback VALUES (1)", admin);
        FlightSqlClient.Transaction transaction = client.beginTransaction(admin);
        client.executeUpdate("DELETE FROM tx_rollback", transaction, admin);
        client.executeUpdate("CREATE TABLE tx_created_inside (id INTEGER)", transaction, admin);
        client.rollback(transaction, admin);
        assertThat(count("tx_rollback")).isEqualTo(1);
        assertThatThrownBy(() -> rows(client, "SELECT * FROM tx_created_inside", admin))
                .isInstanceOf(FlightRuntimeException.class).hasMessageContaining("tx_created_inside");
        assertThatThrownBy(() -> client.commit(transaction, admin))
                .isInstanceOfSatisfying(FlightRuntimeException.class,
                        e -> assertThat(e.status().code()).isEqualTo(FlightStatusCode.NOT_FOUND));
    }

    @Test
    void idleTransactionsAreRolledBack() throws Exception {
        client.executeUpdate("CREATE TABLE tx_idle (id INTEGER)", admin);
        FlightSqlClient.Transaction transaction = client.beginTransaction(admin);
        client.executeUpdate("INSERT INTO tx_idle VALUES (1)", transaction, admin);
        Thread.sleep(4_000);
        assertThatThrownBy(() -> client.commit(transaction, admin))
                .isInstanceOf(FlightRuntimeException.class).hasMessageContaining("idle");
        assertThat(count("tx_idle")).isZero();
    }

    @Test
    void aParameterBatchIsAllOrNothing() {
        client.executeUpdate("CREATE TABLE batch_t (id INTEGER NOT NULL)", admin);
        FlightSqlClient.PreparedStatement insert = client.prepare("INSERT INTO batch_t VALUES (?)", admin);
        try (org.apache.arrow.vector.VectorSchemaRoot good = ids(1, 2, 3);
             org.apache.arrow.vector.VectorSchemaRoot bad = ids(4, 5, null)) {
            insert.setParameters(good);
            assertThat(insert.executeUpdate(admin)).isEqualTo(3);
            insert.setParameters(bad);
            assertThatThrownBy(() -> insert.executeUpdate(admin))
                    .isInstanceOf(FlightRuntimeException.class).hasMessageContaining("NOT NULL");
        } finally {
            insert.close(admin);
        }
        assertThat(count("batch_t")).isEqualTo(3);
    }

    private static org.apache.arrow.vector.VectorSchemaRoot ids(Integer... values) {
        org.apache.arrow.vector.IntVector vector = new org.apache.arrow.vector.IntVector("parameter_1", allocator);
        vector.allocateNew(values.length);
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                vector.setNull(i);
            } else {
                vector.set(i, values[i]);
            }
        }
        vector.setValueCount(values.length);
        return org.apache.arrow.vector.VectorSchemaRoot.of(vector);
    }

    @Test
    void openTransactionsAreCapped() {
        try (TestingFlockServer capped = TestingFlockServer.builder().property("transaction.max-open", "2").build();
             FlightSqlClient cappedClient = capped.flightSqlClient(allocator)) {
            CallOption token = TestingFlockServer.bearer(capped.adminToken());
            FlightSqlClient.Transaction first = cappedClient.beginTransaction(token);
            FlightSqlClient.Transaction second = cappedClient.beginTransaction(token);
            assertThatThrownBy(() -> cappedClient.beginTransaction(token))
                    .isInstanceOfSatisfying(FlightRuntimeException.class, e -> {
                        assertThat(e.status().code()).isEqualTo(FlightStatusCode.RESOURCE_EXHAUSTED);
                        assertThat(e.getMessage()).contains("transaction.max-open");
                    });
            cappedClient.rollback(first, token);
            cappedClient.rollback(second, token);
            cappedClient.rollback(cappedClient.beginTransaction(token), token);
            assertThat(rows(cappedClient, "SELECT 42", token)).containsExactly(List.of(42));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void onlyTheOwnerCanUseATransaction() {
        String token = (String) rows(client, "CREATE USER tx_other", admin).get(0).get(2);
        client.executeUpdate("GRANT WRITE ON DATABASE default_db TO tx_other", admin);
        CallOption other = TestingFlockServer.bearer(token);
        FlightSqlClient.Transaction transaction = client.beginTransaction(admin);
        assertThatThrownBy(() -> client.executeUpdate("SELECT 1", transaction, other))
                .isInstanceOf(FlightRuntimeException.class).hasMessageContaining("does not exist");
        client.rollback(transaction, admin);
    }
}
