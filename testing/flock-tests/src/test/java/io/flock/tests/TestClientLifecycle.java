package io.flock.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flock.client.FlockCancelledException;
import io.flock.client.FlockClient;
import io.flock.client.FlockQueryException;
import io.flock.client.FlockThrottledException;
import io.flock.client.QueryResult;
import io.flock.client.QueryState;
import io.flock.client.QueryStats;
import io.flock.testing.TestingFlockServer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Cancel, explain-analyze and the typed errors of queries, through the SDK. */
class TestClientLifecycle {
    private static TestingFlockServer server;
    private static FlockClient client;

    @BeforeAll
    static void start() {
        server = TestingFlockServer.builder().property("query.timeout", "60s").build();
        client = client(server);
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    private static FlockClient client(TestingFlockServer target) {
        return FlockClient.builder().host(target.host()).port(target.port()).token(target.adminToken()).build();
    }

    @Test
    void cancelFromAnotherThreadEndsTheQueryCancelled() throws Exception {
        try (QueryResult result = client.execute(TestQueryLifecycle.SLOW_QUERY);
             FlockClient other = client(server)) {
            String id = result.queryId().orElseThrow();
            CompletableFuture<QueryState> cancelled = CompletableFuture.supplyAsync(() -> other.cancel(id));
            assertThatThrownBy(result::fetchAll)
                    .isInstanceOfSatisfying(FlockCancelledException.class, e -> {
                        assertThat(e.queryId()).contains(id);
                        assertThat(e.errorName()).isEqualTo("QUERY_CANCELLED");
                        assertThat(e.sqlState()).isEqualTo("57014");
                        assertThat(e.getMessage()).startsWith("Query failed (#" + id + ")");
                    });
            assertThat(cancelled.get(30, TimeUnit.SECONDS)).isIn(QueryState.CANCELLED, QueryState.RUNNING,
                    QueryState.QUEUED, QueryState.PLANNING);
            assertThat(TestClientQueries.awaitEnd(client, id)).isEqualTo(QueryState.CANCELLED);
            QueryStats stats = client.explainAnalyze(id);
            assertThat(stats.errorName()).contains("QUERY_CANCELLED");
        }
    }

    @Test
    void explainAnalyzeReturnsTypedStats() {
        String id;
        try (QueryResult result = client.execute("SELECT range % 10 AS k, count(*) FROM range(100000) GROUP BY k")) {
            id = result.queryId().orElseThrow();
            assertThat(result.fetchAll()).hasSize(10);
        }
        QueryStats stats = client.explainAnalyze(id);
        assertThat(stats.queryId()).isEqualTo(id);
        assertThat(stats.state()).isEqualTo(QueryState.FINISHED);
        assertThat(stats.rows()).isEqualTo(10);
        assertThat(stats.bytes()).isPositive();
        assertThat(stats.queued()).isGreaterThanOrEqualTo(java.time.Duration.ZERO);
        assertThat(stats.planning()).isGreaterThanOrEqualTo(java.time.Duration.ZERO);
        assertThat(stats.execution()).isGreaterThanOrEqualTo(java.time.Duration.ZERO);
        assertThat(stats.fetch()).isGreaterThanOrEqualTo(java.time.Duration.ZERO);
        assertThat(stats.errorName()).isEmpty();
        assertThat(stats.profileJson()).hasValueSatisfying(json -> assertThat(json).contains("HASH_GROUP_BY"));
    }

    @Test
    void missingTableIsNotFoundWithSqlState() {
        assertThatThrownBy(() -> {
            try (QueryResult result = client.execute("SELECT * FROM missing_table")) {
                result.fetchAll();
            }
        }).isInstanceOfSatisfying(FlockQueryException.class, e -> {
            assertThat(e.errorName()).isEqualTo("NOT_FOUND");
            assertThat(e.errorCode()).isEqualTo(2);
            assertThat(e.sqlState()).isEqualTo("42P01");
            // A plain query starts in one call, so even its planning error belongs to a query id.
            assertThat(e.queryId()).isPresent();
            assertThat(e.getMessage()).startsWith("Query failed (#" + e.queryId().orElseThrow()
                    + "): Catalog Error: Table with name missing_table does not exist!");
            assertThat(e.isRetryable()).isFalse();
        });
    }

    @Test
    void unknownQueryIdsAreNotFound() {
        assertThatThrownBy(() -> client.explainAnalyze("20200101_000000_00001_aaaaa"))
                .isInstanceOfSatisfying(FlockQueryException.class,
                        e -> assertThat(e.errorName()).isEqualTo("QUERY_NOT_FOUND"));
    }

    @Test
    void overloadIsAThrottledRetryableException() {
        try (TestingFlockServer limited = TestingFlockServer.builder()
                .property("query.max-running", "1").property("query.max-queued", "0").build();
             FlockClient limitedClient = client(limited);
             QueryResult slow = limitedClient.execute(TestQueryLifecycle.SLOW_QUERY)) {
            assertThatThrownBy(() -> limitedClient.execute("SELECT 1"))
                    .isInstanceOfSatisfying(FlockThrottledException.class, e -> {
                        assertThat(e.errorName()).isEqualTo("TOO_MANY_QUERIES");
                        assertThat(e.sqlState()).isEqualTo("53400");
                        assertThat(e.isRetryable()).isTrue();
                        assertThat(e.getMessage()).contains("Server is busy");
                    });
            slow.cancel();
        }
    }
}
