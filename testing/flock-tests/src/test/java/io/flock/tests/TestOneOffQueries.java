package io.flock.tests;

import static io.flock.tests.FlightTestSupport.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flock.testing.TestingFlockServer;
import java.util.List;
import org.apache.arrow.flight.CallOption;
import org.apache.arrow.flight.CancelFlightInfoRequest;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStatusCode;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.HeaderCallOption;
import org.apache.arrow.flight.sql.FlightSqlClient;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A one-off query (Flight SQL's {@code CommandStatementQuery} outside a transaction) is not
 * prepared before it runs: its FlightInfo announces the schema of its own run when that is ready
 * within a few milliseconds, and otherwise a described schema while the query still runs. Either
 * way the announced schema must be exactly what a prepared statement announces and what the stream
 * carries, a query that cannot run must fail on GetFlightInfo and end (freeing its slot), and a
 * long query must still be announced, and cancellable, while it runs.
 */
class TestOneOffQueries {
    /** One column of every kind of type whose Arrow mapping Flock decides. */
    private static final String TYPED = "SELECT true AS b, 1::TINYINT AS i1, 2::SMALLINT AS i2, 3 AS i4,"
            + " 4::BIGINT AS i8, 5::UTINYINT AS u1, 6::UINTEGER AS u4, 7::UBIGINT AS u8, 8::HUGEINT AS h,"
            + " 1.5::FLOAT AS f4, 2.5::DOUBLE AS f8, 3.25::DECIMAL(9,2) AS d9, 4.5::DECIMAL(38,10) AS d38,"
            + " 'text' AS s, 'abc'::VARCHAR(5) AS s5, 'x'::BLOB AS bl, DATE '2026-11-22' AS dt, TIME '10:11:12' AS tm,"
            + " TIMESTAMP '2026-11-22 10:11:12' AS ts, TIMESTAMPTZ '2026-11-22 10:11:12+00' AS tz,"
            + " INTERVAL 3 DAY AS iv, uuid() AS id, '{\"a\": 1}'::JSON AS js, [1, 2] AS li,"
            + " MAP {'k': 1} AS mp, {'a': 1, 'b': 'x'} AS st";
    /** Long enough (hundreds of milliseconds) that GetFlightInfo answers before it has a result. */
    private static final String SLOW_COUNT = "SELECT count(*) AS n FROM range(400000000) r, (SELECT 1) o";
    private static final String ENDLESS = "SELECT count(*) AS n FROM range(1000000000000) r";

    private static final CallOption SYSTEM_DATABASE =
            new HeaderCallOption(TestQueryLifecycle.headers("database", "flock"));

    private static FlightSqlFixture fixture;
    private static FlightSqlClient sql;
    private static CallOption auth;

    @BeforeAll
    static void start() {
        // few slots, so a failing query that kept its slot would soon block every other query
        fixture = FlightSqlFixture.start(TestingFlockServer.builder().property("query.max-running", "2")
                .property("query.max-queued", "2").property("query.max-queue-wait", "2s").build());
        sql = fixture.sql();
        auth = fixture.auth();
    }

    @AfterAll
    static void stop() throws Exception {
        fixture.close();
    }

    @Test
    void announcedSchemaIsThePreparedAndTheStreamedOne() throws Exception {
        Schema prepared = preparedSchema(TYPED);
        for (int run = 0; run < 12; run++) { // the first runs unprepared, the next prepared, later ones kept
            FlightInfo info = sql.execute(TYPED, auth);
            assertThat(info.getSchema()).isEqualTo(prepared);
            assertThat(streamedSchema(info)).isEqualTo(prepared);
        }
    }

    @Test
    void aQueryStillRunningIsAnnouncedWithItsDescribedSchema() throws Exception {
        FlightInfo info = sql.execute(SLOW_COUNT, auth); // the text is new: it runs unprepared
        Schema prepared = preparedSchema(SLOW_COUNT);
        assertThat(info.getSchema()).isEqualTo(prepared);
        assertThat(rows(sql, info, auth)).containsExactly(List.of(400_000_000L));
    }

    @Test
    void aLongQueryIsAnnouncedWhileItRunsAndCanBeCancelled() {
        FlightInfo info = sql.execute(ENDLESS, auth);
        String id = new String(info.getAppMetadata(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(queryLog("query_id = '" + id + "'")).containsExactly(List.of("RUNNING"));
        sql.cancelFlightInfo(new CancelFlightInfoRequest(info), auth);
        assertThatThrownBy(() -> rows(sql, info, auth)).isInstanceOf(FlightRuntimeException.class)
                .satisfies(e -> assertThat(((FlightRuntimeException) e).status().code())
                        .isIn(FlightStatusCode.CANCELLED, FlightStatusCode.NOT_FOUND));
        // the query ends once DuckDB has stopped: wait for that, but not forever
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        while (!queryLog("query_id = '" + id + "'").equals(List.of(List.of("CANCELLED"))) && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(queryLog("query_id = '" + id + "'")).containsExactly(List.of("CANCELLED"));
    }

    @Test
    void queriesThatCannotRunFailOnGetFlightInfoAndFreeTheirSlots() {
        // many more than the slots and the queue: each must end as it fails
        for (int run = 0; run < 10; run++) {
            assertThatThrownBy(() -> sql.execute("SELECT no_such_column FROM range(3)", auth))
                    .isInstanceOf(FlightRuntimeException.class)
                    .hasMessageContaining("no_such_column");
            assertThatThrownBy(() -> sql.execute("SELECT 1 FROM no_such_table", auth))
                    .isInstanceOf(FlightRuntimeException.class)
                    .hasMessageContaining("no_such_table");
        }
        assertThat(queryLog("sql LIKE 'SELECT no_such_column%' OR sql LIKE 'SELECT 1 FROM no_such_table%'"))
                .hasSize(20).containsOnly(List.of("FAILED"));
        assertThat(rows(sql, "SELECT 42", auth)).containsExactly(List.of(42));
    }

    private static Schema preparedSchema(String query) {
        FlightSqlClient.PreparedStatement statement = sql.prepare(query, auth);
        try {
            return statement.getResultSetSchema();
        } finally {
            statement.close(auth);
        }
    }

    private static List<List<Object>> queryLog(String where) {
        return rows(sql, "SELECT state FROM queries WHERE " + where, auth, SYSTEM_DATABASE);
    }

    private static Schema streamedSchema(FlightInfo info) throws Exception {
        try (FlightStream stream = sql.getStream(info.getEndpoints().get(0).getTicket(), auth)) {
            Schema schema = stream.getRoot().getSchema();
            while (stream.next()) {
                // drain
            }
            return schema;
        }
    }
}
