package io.flock.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flock.client.FlockClient;
import io.flock.client.FlockTransaction;
import io.flock.client.PreparedQuery;
import io.flock.client.QueryResult;
import io.flock.testing.TestingFlockServer;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** SDK transactions: own changes visible inside, others see them on commit only; rollback and close undo them. */
class TestClientTransactions {
    private static TestingFlockServer server;
    private static FlockClient client;
    private static FlockClient other;

    @BeforeAll
    static void start() {
        server = TestingFlockServer.create();
        client = AdminClients.of(server);
        other = AdminClients.of(server);
        client.executeUpdate("CREATE TABLE accounts (id INTEGER PRIMARY KEY, balance INTEGER)");
        client.executeUpdate("INSERT INTO accounts VALUES (1, 100), (2, 0)");
    }

    @AfterAll
    static void stop() {
        other.close();
        client.close();
        server.close();
    }

    @Test
    void commitPublishesRollbackAndCloseUndo() {
        try (FlockTransaction transfer = client.beginTransaction()) {
            assertThat(transfer.executeUpdate("UPDATE accounts SET balance = balance - ? WHERE id = 1", 30)).isEqualTo(1);
            try (PreparedQuery credit = transfer.prepareStatement("UPDATE accounts SET balance = balance + ? WHERE id = ?")) {
                assertThat(credit.executeUpdate(30, 2)).isEqualTo(1);
            }
            assertThat(balances(transfer::execute)).containsExactly(70L, 30L);
            assertThat(balances(other::execute)).containsExactly(100L, 0L);
            transfer.commit();
            assertThat(transfer.isEnded()).isTrue();
            assertThatThrownBy(() -> transfer.executeUpdate("DELETE FROM accounts"))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("already ended");
        }
        assertThat(balances(other::execute)).containsExactly(70L, 30L);

        try (FlockTransaction undone = client.beginTransaction()) {
            undone.executeUpdate("DELETE FROM accounts");
            undone.rollback();
        }
        try (FlockTransaction abandoned = client.beginTransaction()) {
            abandoned.executeUpdate("UPDATE accounts SET balance = 0");
        }
        assertThat(balances(other::execute)).containsExactly(70L, 30L);
    }

    private interface Runner {
        QueryResult execute(String sql, Object... parameters);
    }

    private static List<Long> balances(Runner runner) {
        try (QueryResult result = runner.execute("SELECT balance FROM accounts ORDER BY id")) {
            return result.fetchAll().stream().map(row -> ((Number) row.get(0)).longValue()).toList();
        }
    }
}
