package io.flock.tests;

import static io.flock.tests.FlightTestSupport.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flock.engine.FlockEngine;
import io.flock.engine.query.Session;
import io.flock.spi.ErrorCode;
import io.flock.testing.TestingFlockServer;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.flight.CallOption;
import org.apache.arrow.flight.sql.FlightSqlClient;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * What the tests of primary-key tables created {@code WITH (key_index = false)} share: a server of
 * their own per test class (no background compaction, so keyed writes stay in the delta until a
 * statement folds them), a Flight SQL client as admin, and small SQL and assertion helpers.
 */
abstract class KeyIndexFreeTestBase {
    static final String NO_INDEX = " WITH (key_index = false)";

    static TestingFlockServer server;
    static BufferAllocator allocator;
    static FlightSqlClient sql;
    static CallOption auth;

    @BeforeAll
    static void start() {
        server = TestingFlockServer.builder().property("storage.compaction-interval", "1h").build();
        allocator = new RootAllocator();
        sql = server.flightSqlClient(allocator);
        auth = TestingFlockServer.bearer(server.adminToken());
    }

    @AfterAll
    static void stop() throws Exception {
        try (BufferAllocator a = allocator; FlightSqlClient s = sql) {
            server.close();
        }
    }

    /** Asserts that {@code call} fails with the server's {@code code}, its message holding {@code words}. */
    static void refused(ThrowingCallable call, ErrorCode code, String... words) {
        assertThatThrownBy(call).satisfies(e -> {
            assertThat(ErrorCodes.of(e)).as(e.getMessage()).isEqualTo(code);
            if (words.length > 0) {
                assertThat(e.getMessage()).contains(words);
            }
        });
    }

    static FlockEngine engine() {
        return server.server().engine();
    }

    static Session admin() {
        return engine().session(engine().principal("admin"), Optional.of("default_db"));
    }

    static List<Object> row(Object... values) {
        return Arrays.asList(values);
    }

    static void run(String statement) {
        sql.executeUpdate(statement, auth);
    }

    static List<List<Object>> query(String statement) {
        return rows(sql, statement, auth);
    }
}
