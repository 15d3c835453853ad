package io.flock.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.flock.testing.TestingFlockServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Cancel, timeouts, overload and pooling through the stock Arrow Flight SQL JDBC driver. */
class TestStockJdbcLifecycle {
    private static TestingFlockServer server;

    @BeforeAll
    static void start() {
        server = TestingFlockServer.builder().property("query.max-running", "4").property("query.max-queued", "0").build();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void statementCancelStopsARunningQuery() throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try (Connection c = DriverManager.getConnection(server.adminJdbcUrl()); Statement s = c.createStatement()) {
            Future<?> running = executor.submit(() -> {
                try (ResultSet rs = s.executeQuery(TestQueryLifecycle.SLOW_QUERY)) {
                    rs.next();
                }
                return null;
            });
            Thread.sleep(1000);
            s.cancel();
            assertThatThrownBy(() -> running.get(30, TimeUnit.SECONDS)).hasRootCauseInstanceOf(Exception.class)
                    .satisfies(e -> assertThat(e.toString()).containsIgnoringCase("cancel"));
            assertThat(lastStateOf(TestQueryLifecycle.SLOW_QUERY)).isEqualTo("CANCELLED");
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void serverQueryTimeoutEndsTheQueryWithAClearError() throws Exception {
        try (TestingFlockServer limited = TestingFlockServer.builder().property("query.timeout", "1s").build();
             Connection c = DriverManager.getConnection(limited.adminJdbcUrl()); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> {
                try (ResultSet rs = s.executeQuery(TestQueryLifecycle.SLOW_QUERY)) {
                    rs.next();
                }
            }).isInstanceOf(SQLException.class).hasMessageContaining("exceeded the time limit of 1000 ms");
        }
    }

    /** The state of the newest query with this SQL once it has ended, polling the system table for up to 10 s. */
    private static String lastStateOf(String sql) throws Exception {
        String state = null;
        for (int attempt = 0; attempt < 200; attempt++) {
            try (Connection c = DriverManager.getConnection(server.adminJdbcUrl() + "&database=flock");
                 PreparedStatement ps = c.prepareStatement(
                         "SELECT state FROM queries WHERE sql = ? ORDER BY created_at DESC LIMIT 1")) {
                ps.setString(1, sql);
                try (ResultSet rs = ps.executeQuery()) {
                    state = rs.next() ? rs.getString(1) : null;
                }
            }
            if (state != null && !state.equals("RUNNING") && !state.equals("PLANNING") && !state.equals("QUEUED")) {
                return state;
            }
            Thread.sleep(50);
        }
        return state;
    }

    @Test
    void hikariPoolRunsConcurrentQueries() throws Exception {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(server.adminJdbcUrl());
        config.setMaximumPoolSize(4);
        config.setPoolName("flock-test-pool");
        try (HikariDataSource pool = new HikariDataSource(config)) {
            try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE pooled AS SELECT range AS id, range % 7 AS k FROM range(10000)");
            }
            ExecutorService executor = Executors.newFixedThreadPool(4);
            try {
                List<Future<Long>> results = new ArrayList<>();
                for (int i = 0; i < 40; i++) {
                    int k = i % 7;
                    results.add(executor.submit(() -> {
                        try (Connection c = pool.getConnection();
                             PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM pooled WHERE k = ?")) {
                            ps.setLong(1, k);
                            try (ResultSet rs = ps.executeQuery()) {
                                rs.next();
                                return rs.getLong(1);
                            }
                        }
                    }));
                }
                long total = 0;
                for (int i = 0; i < results.size(); i++) {
                    long count = results.get(i).get(60, TimeUnit.SECONDS);
                    assertThat(count).isEqualTo(i % 7 < 4 ? 1429 : 1428);
                    total += count;
                }
                assertThat(total).isPositive();
            } finally {
                executor.shutdownNow();
            }
        }
    }
}
