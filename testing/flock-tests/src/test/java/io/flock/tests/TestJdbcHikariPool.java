package io.flock.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.flock.jdbc.FlockConnection;
import io.flock.testing.TestingFlockServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HikariCP over Flock's driver, the pooling story of docs/jdbc.md: 8 connections shared by 8
 * threads of queries, validated by {@code isValid} (no test query), recycled by
 * {@code maxLifetime}, through a server restart on the same port in the middle.
 */
class TestJdbcHikariPool {
    private static final int THREADS = 8;

    @Test
    void poolServesConcurrentQueriesRecyclesConnectionsAndSurvivesARestart(@TempDir Path data) throws Exception {
        try (TestingFlockServer server = TestingFlockServer.builder().dataDirectory(data).samePortAfterRestart().build()) {
            int port = server.port();
            HikariConfig config = new HikariConfig();
            config.setPoolName("flock-test-pool");
            config.setJdbcUrl("jdbc:flock://" + server.host() + ":" + port + "/default_db?retry-attempts=20"
                    + "&retry-max-backoff=500ms");
            config.setUsername("admin");
            config.setPassword(server.adminToken());
            config.setMaximumPoolSize(THREADS);
            config.setMinimumIdle(THREADS);
            config.setMaxLifetime(30_000);
            assertThat(config.getConnectionTestQuery()).isNull();
            try (HikariDataSource pool = new HikariDataSource(config)) {
                try (Connection connection = pool.getConnection()) {
                    assertThat(connection.isValid(5)).isTrue();
                }
                Set<FlockConnection> seen = ConcurrentHashMap.newKeySet();
                AtomicLong queries = new AtomicLong();
                List<String> doubleFailures = new CopyOnWriteArrayList<>();
                AtomicBoolean stop = new AtomicBoolean();
                ExecutorService callers = Executors.newFixedThreadPool(THREADS);
                try {
                    List<Future<?>> running = new java.util.ArrayList<>();
                    for (int t = 0; t < THREADS; t++) {
                        int thread = t;
                        running.add(callers.submit(() -> {
                            for (long n = 0; !stop.get(); n++) {
                                long expected = thread * 1000L + n % 1000;
                                try {
                                    query(pool, expected, seen);
                                } catch (SQLException first) {
                                    try {
                                        query(pool, expected, seen);
                                    } catch (SQLException second) {
                                        doubleFailures.add(first + " then " + second);
                                    }
                                }
                                queries.incrementAndGet();
                            }
                            return null;
                        }));
                    }
                    awaitQueries(queries, 200);
                    Set<FlockConnection> firstGeneration = Set.copyOf(seen);
                    server.restart();
                    assertThat(server.port()).isEqualTo(port);
                    long afterRestart = queries.get();
                    awaitQueries(queries, afterRestart + 200);
                    // maxLifetime (30 s, Hikari's minimum) retires every connection of the first generation.
                    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
                    while (!firstGeneration.stream().allMatch(TestJdbcHikariPool::closed) && System.nanoTime() < deadline) {
                        Thread.sleep(200);
                    }
                    stop.set(true);
                    for (Future<?> future : running) {
                        future.get(1, TimeUnit.MINUTES);
                    }
                    assertThat(doubleFailures).isEmpty();
                    assertThat(firstGeneration).isNotEmpty().allMatch(TestJdbcHikariPool::closed);
                    assertThat(seen).hasSizeGreaterThan(firstGeneration.size());
                    assertThat(pool.getHikariPoolMXBean().getTotalConnections()).isLessThanOrEqualTo(THREADS);
                } finally {
                    stop.set(true);
                    callers.shutdownNow();
                }
                try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
                    assertThat(JdbcTestSupport.rows(statement, "SELECT 7")).containsExactly("7");
                }
            }
        }
    }

    private static void query(HikariDataSource pool, long expected, Set<FlockConnection> seen) throws SQLException {
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT " + expected + " + count(*) FROM range(1000) WHERE range < 0")) {
            seen.add(connection.unwrap(FlockConnection.class));
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong(1)).isEqualTo(expected);
        }
    }

    private static boolean closed(FlockConnection connection) {
        try {
            return connection.isClosed();
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    private static void awaitQueries(AtomicLong queries, long count) throws InterruptedException {
        while (queries.get() < count) {
            Thread.sleep(20);
        }
    }
}
