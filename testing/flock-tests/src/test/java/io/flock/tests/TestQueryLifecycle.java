package io.flock.tests;

import static io.flock.tests.FlightTestSupport.count;
import static io.flock.tests.FlightTestSupport.queryId;
import static io.flock.tests.FlightTestSupport.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flock.testing.TestingFlockServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import org.apache.arrow.flight.Action;
import org.apache.arrow.flight.CallOption;
import org.apache.arrow.flight.CancelFlightInfoRequest;
import org.apache.arrow.flight.CancelFlightInfoResult;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStatusCode;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.Location;
import org.apache.arrow.flight.Result;
import org.apache.arrow.flight.sql.FlightSqlClient;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Query ids, history, explain-analyze, cancel, timeouts and overload, through Arrow's FlightSqlClient. */
class TestQueryLifecycle {
    /** A cross join that keeps DuckDB busy for minutes unless interrupted. */
    static final String SLOW_QUERY = "SELECT sum(a.range * b.range) FROM range(3000000) a, range(3000000) b";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static TestingFlockServer server;
    private static BufferAllocator allocator;
    private static FlightClient flight;
    private static FlightSqlClient client;
    private static CallOption admin;

    @BeforeAll
    static void start() {
        server = TestingFlockServer.builder().property("query.timeout", "60s").build();
        allocator = new RootAllocator();
        flight = FlightClient.builder(allocator, Location.forGrpcInsecure(server.host(), server.port())).build();
        client = new FlightSqlClient(flight);
        admin = TestingFlockServer.bearer(server.adminToken());
    }

    @AfterAll
    static void stop() throws Exception {
        client.close();
        server.close();
        allocator.close();
    }

    private static JsonNode action(String type, String queryId, CallOption option) throws Exception {
        Iterator<Result> results = flight.doAction(new Action(type, queryId.getBytes(StandardCharsets.UTF_8)), option);
        return JSON.readTree(new String(results.next().getBody(), StandardCharsets.UTF_8));
    }

    @Test
    void everyQueryHasAnIdRecordedInTheQueriesTable() throws Exception {
        FlightInfo info = client.execute("SELECT * FROM range(1000)", admin);
        String id = queryId(info);
        assertThat(id).matches("[0-9]{8}_[0-9]{6}_[0-9]{5}_[a-z0-9]{5}");
        assertThat(count(client, info, admin)).isEqualTo(1000);

        FlightSqlClient systemClient = client;
        CallOption systemDb = new org.apache.arrow.flight.HeaderCallOption(headers("database", "flock"));
        List<List<Object>> history = rows(systemClient,
                "SELECT state, rows, user_name, database_name, sql FROM queries WHERE query_id = '" + id + "'", admin, systemDb);
        assertThat(history).containsExactly(List.of("FINISHED", 1000L, "admin", "default_db", "SELECT * FROM range(1000)"));
    }

    @Test
    void responsesCarryTheQueryIdAndTheGeneration() throws Exception {
        java.util.Map<String, String> seen = new java.util.concurrent.ConcurrentHashMap<>();
        org.apache.arrow.flight.FlightClientMiddleware.Factory capture = info -> new org.apache.arrow.flight.FlightClientMiddleware() {
            @Override
            public void onBeforeSendingHeaders(org.apache.arrow.flight.CallHeaders outgoingHeaders) {
            }

            @Override
            public void onHeadersReceived(org.apache.arrow.flight.CallHeaders incomingHeaders) {
                for (String key : List.of("x-flock-query-id", "x-flock-generation")) {
                    String value = incomingHeaders.get(key);
                    if (value != null) {
                        seen.put(key, value);
                    }
                }
            }

            @Override
            public void onCallCompleted(org.apache.arrow.flight.CallStatus status) {
            }
        };
        try (FlightSqlClient capturing = new FlightSqlClient(FlightClient.builder(allocator,
                Location.forGrpcInsecure(server.host(), server.port())).intercept(capture).build())) {
            FlightInfo info = capturing.execute("SELECT 1", admin);
            assertThat(count(capturing, info, admin)).isEqualTo(1);
            assertThat(seen).containsEntry("x-flock-query-id", queryId(info)).containsEntry("x-flock-generation", "1");
        }
    }

    @Test
    void explainAnalyzeReturnsTimingsAndTheOperatorProfile() throws Exception {
        FlightInfo info = client.execute("SELECT range % 10 AS k, count(*) FROM range(100000) GROUP BY k", admin);
        assertThat(count(client, info, admin)).isEqualTo(10);
        JsonNode stats = action("flock.explain-analyze", queryId(info), admin);
        assertThat(stats.get("queryId").asText()).isEqualTo(queryId(info));
        assertThat(stats.get("state").asText()).isEqualTo("FINISHED");
        assertThat(stats.get("rows").asLong()).isEqualTo(10);
        assertThat(stats.get("bytes").asLong()).isPositive();
        for (String timing : List.of("queuedMillis", "planningMillis", "executionMillis", "fetchMillis")) {
            assertThat(stats.get(timing).isNumber()).as(timing).isTrue();
        }
        assertThat(stats.get("profile").toString()).contains("HASH_GROUP_BY");
    }

    @Test
    void explainAnalyzeRightAfterTheLastBatchHasTheProfile() throws Exception {
        // The server tells the client the stream is complete before DuckDB's clean-up and profile:
        // a client that asks at once must still get the finished query with its profile. Many
        // operators make the profile slow to render, so an answer that does not wait for it shows.
        String union = String.join(" UNION ALL ", java.util.Collections.nCopies(40, "SELECT 1 AS n"));
        for (int i = 0; i < 20; i++) {
            FlightInfo info = client.execute(union + " UNION ALL SELECT " + i, admin);
            assertThat(count(client, info, admin)).isEqualTo(41);
            JsonNode stats = action("flock.explain-analyze", queryId(info), admin);
            assertThat(stats.get("state").asText()).isEqualTo("FINISHED");
            assertThat(stats.get("profile").toString()).as("query %d", i).contains("UNION");
        }
    }

    @Test
    void explainAnalyzeAsSql() {
        List<List<Object>> plan = rows(client, "EXPLAIN ANALYZE SELECT count(*) FROM range(1000)", admin);
        assertThat(plan.toString()).contains("Total Time");
    }

    @Test
    void cancelByIdFromAnotherConnectionEndsTheQueryAsCancelled() throws Exception {
        FlightInfo info = client.execute(SLOW_QUERY, admin);
        String id = queryId(info);
        try (FlightClient other = FlightClient.builder(allocator, Location.forGrpcInsecure(server.host(), server.port())).build()) {
            Thread.sleep(300);
            Iterator<Result> result = other.doAction(new Action("flock.cancel-query", id.getBytes(StandardCharsets.UTF_8)), admin);
            assertThat(new String(result.next().getBody(), StandardCharsets.UTF_8)).contains(id);
        }
        assertThatThrownBy(() -> count(client, info, admin))
                .isInstanceOfSatisfying(FlightRuntimeException.class, e -> {
                    assertThat(e.status().code()).isEqualTo(FlightStatusCode.CANCELLED);
                    assertThat(e.getMessage()).contains(id).contains("cancelled");
                });
        assertThat(awaitState(id, "CANCELLED", Duration.ofSeconds(10))).isEqualTo("CANCELLED");
    }

    @Test
    void aLongQueryAnnouncesItsIdAndSchemaWhileItStillRuns() throws Exception {
        // GetFlightInfo answers once the statement is planned, not when it has run
        FlightInfo info = client.execute(
                "SELECT count(*) AS pairs, 'x' AS label FROM range(3000000) a, range(3000000) b", admin);
        String id = queryId(info);
        assertThat(info.getSchema().getFields()).extracting(f -> f.getName()).containsExactly("pairs", "label");
        assertThat(info.getSchema().getFields().get(0).getType())
                .isEqualTo(new org.apache.arrow.vector.types.pojo.ArrowType.Int(64, true));
        assertThat(awaitState(id, "RUNNING", Duration.ofSeconds(10))).isEqualTo("RUNNING");
        client.cancelFlightInfo(new CancelFlightInfoRequest(info), admin);
        assertThat(awaitState(id, "CANCELLED", Duration.ofSeconds(10))).isEqualTo("CANCELLED");
    }

    @Test
    void anErrorWhileALongQueryRunsReachesTheStream() throws Exception {
        // The error comes after the schema was announced: the client sees it when it reads.
        // (9e8 products to sum: the error comes long after GetFlightInfo answered)
        FlightInfo info = client.execute("SELECT CAST(CASE WHEN sum(a.range * b.range) > 0 THEN 'boom' ELSE '1' END"
                + " AS INTEGER) AS v FROM range(30000) a, range(30000) b", admin);
        assertThat(info.getSchema().getFields()).extracting(f -> f.getName()).containsExactly("v");
        assertThatThrownBy(() -> count(client, info, admin))
                .isInstanceOfSatisfying(FlightRuntimeException.class, e -> {
                    // duckdb_jdbc drops the cause of a failed streaming result; Flock says so
                    assertThat(e.getMessage()).contains(queryId(info)).contains("failed while it ran");
                    assertThat(e.status().metadata().get("flock-query-id")).isEqualTo(queryId(info));
                });
        assertThat(awaitState(queryId(info), "FAILED", Duration.ofSeconds(10))).isEqualTo("FAILED");
    }

    @Test
    void flightSqlCancelFlightInfoCancels() throws Exception {
        FlightInfo info = client.execute(SLOW_QUERY, admin);
        Thread.sleep(200);
        CancelFlightInfoResult result = client.cancelFlightInfo(new CancelFlightInfoRequest(info), admin);
        assertThat(result.getStatus()).isIn(org.apache.arrow.flight.CancelStatus.CANCELLED,
                org.apache.arrow.flight.CancelStatus.CANCELLING);
        assertThat(awaitState(queryId(info), "CANCELLED", Duration.ofSeconds(10))).isEqualTo("CANCELLED");
    }

    @Test
    void anotherUserCannotCancelOrInspectMyQuery() throws Exception {
        List<List<Object>> created = rows(client, "CREATE USER mallory", admin);
        String token = (String) created.get(0).get(2);
        CallOption mallory = TestingFlockServer.bearer(token);
        FlightInfo info = client.execute("SELECT 42", admin);
        assertThat(count(client, info, admin)).isEqualTo(1);
        assertThatThrownBy(() -> action("flock.cancel-query", queryId(info), mallory))
                .isInstanceOfSatisfying(FlightRuntimeException.class,
                        e -> assertThat(e.status().code()).isEqualTo(FlightStatusCode.NOT_FOUND));
        assertThatThrownBy(() -> action("flock.explain-analyze", queryId(info), mallory))
                .isInstanceOfSatisfying(FlightRuntimeException.class,
                        e -> assertThat(e.status().code()).isEqualTo(FlightStatusCode.NOT_FOUND));
        assertThatThrownBy(() -> client.getStream(info.getEndpoints().get(0).getTicket(), mallory).next())
                .isInstanceOf(FlightRuntimeException.class);
    }

    @Test
    void errorsCarryCodeSqlStateAndQueryId() {
        assertThatThrownBy(() -> count(client, client.execute("SELECT * FROM missing_table", admin), admin))
                .isInstanceOfSatisfying(FlightRuntimeException.class, e -> {
                    assertThat(e.status().code()).isEqualTo(FlightStatusCode.NOT_FOUND);
                    assertThat(e.getMessage()).startsWith("Query failed (#").contains("missing_table");
                    assertThat(e.status().metadata().get("flock-sqlstate")).isEqualTo("42P01");
                    assertThat(e.status().metadata().get("flock-error-name")).isEqualTo("NOT_FOUND");
                    assertThat(e.status().metadata().get("flock-query-id")).isNotBlank();
                    assertThat(e.getMessage()).doesNotContain("at io.flock").doesNotContain("Exception");
                });
    }

    @Test
    void largeResultsStreamCompletely() throws Exception {
        FlightInfo info = client.execute("SELECT range AS id, range * 2 AS twice, 'row ' || range AS label FROM range(3000000)", admin);
        assertThat(count(client, info, admin)).isEqualTo(3_000_000);
    }

    @Test
    void queriesOverTheTimeLimitFailWithTimeout() throws Exception {
        try (TestingFlockServer limited = TestingFlockServer.builder().property("query.timeout", "1s").build();
             FlightSqlClient limitedClient = limited.flightSqlClient(allocator)) {
            CallOption token = TestingFlockServer.bearer(limited.adminToken());
            FlightInfo info = limitedClient.execute(SLOW_QUERY, token);
            assertThatThrownBy(() -> count(limitedClient, info, token))
                    .isInstanceOfSatisfying(FlightRuntimeException.class, e -> {
                        assertThat(e.status().code()).isEqualTo(FlightStatusCode.TIMED_OUT);
                        assertThat(e.getMessage()).contains("exceeded the time limit of 1000 ms");
                    });
        }
    }

    @Test
    void aClientThatStopsReadingCannotHoldItsQueryPastTheTimeLimit() throws Exception {
        try (TestingFlockServer limited = TestingFlockServer.builder().property("query.timeout", "2s")
                .property("query.max-running", "2").property("query.max-queued", "0").build();
             FlightSqlClient limitedClient = limited.flightSqlClient(allocator)) {
            CallOption token = TestingFlockServer.bearer(limited.adminToken());
            FlightInfo big = limitedClient.execute("SELECT range, repeat('x', 200) FROM range(20000000)", token);
            try (FlightStream stream = limitedClient.getStream(big.getEndpoints().get(0).getTicket(), token)) {
                assertThat(stream.next()).isTrue(); // read one batch, then stall
                assertThat(awaitState(limited, limitedClient, token, queryId(big), "FAILED", Duration.ofSeconds(20)))
                        .isEqualTo("FAILED");
                FlightInfo first = limitedClient.execute("SELECT 1", token); // both slots are free again
                FlightInfo second = limitedClient.execute("SELECT 2", token);
                assertThat(count(limitedClient, first, token) + count(limitedClient, second, token)).isEqualTo(2);
            }
        }
    }

    @Test
    void longSynchronousUpdatesAreNotTakenForAbandonedResults() throws Exception {
        try (TestingFlockServer limited = TestingFlockServer.builder()
                .property("query.unclaimed-result-timeout", "1s").build();
             FlightSqlClient limitedClient = limited.flightSqlClient(allocator)) {
            CallOption token = TestingFlockServer.bearer(limited.adminToken());
            long inserted = limitedClient.executeUpdate(
                    "CREATE TABLE slow AS SELECT sum(a.range * b.range) AS s FROM range(60000) a, range(60000) b", token);
            assertThat(inserted).isGreaterThanOrEqualTo(0);
            assertThat(rows(limitedClient, "SELECT count(*) FROM slow", token)).containsExactly(List.of(1L));
        }
    }

    @Test
    void overloadIsRefusedAtOnceWithResourceExhausted() throws Exception {
        try (TestingFlockServer limited = TestingFlockServer.builder()
                .property("query.max-running", "1").property("query.max-queued", "0").build();
             FlightSqlClient limitedClient = limited.flightSqlClient(allocator)) {
            CallOption token = TestingFlockServer.bearer(limited.adminToken());
            FlightInfo slow = limitedClient.execute(SLOW_QUERY, token);
            assertThatThrownBy(() -> limitedClient.execute("SELECT 1", token))
                    .isInstanceOfSatisfying(FlightRuntimeException.class, e -> {
                        assertThat(e.status().code()).isEqualTo(FlightStatusCode.RESOURCE_EXHAUSTED);
                        assertThat(e.getMessage()).contains("Server is busy");
                    });
            limitedClient.cancelFlightInfo(new CancelFlightInfoRequest(slow), token);
            awaitState(limited, limitedClient, token, queryId(slow), "CANCELLED", Duration.ofSeconds(10));
            FlightInfo after = limitedClient.execute("SELECT 1", token);
            assertThat(count(limitedClient, after, token)).isEqualTo(1);
        }
    }

    private static String awaitState(String id, String wanted, Duration limit) throws InterruptedException {
        return awaitState(server, client, admin, id, wanted, limit);
    }

    /** Polls flock.queries until the query reaches {@code wanted} or {@code limit} passes; returns the last state. */
    static String awaitState(TestingFlockServer target, FlightSqlClient sql, CallOption token, String id, String wanted,
                             Duration limit) throws InterruptedException {
        CallOption systemDb = new org.apache.arrow.flight.HeaderCallOption(headers("database", "flock"));
        long deadline = System.nanoTime() + limit.toNanos();
        String state = null;
        while (System.nanoTime() < deadline) {
            try {
                List<List<Object>> rows = rows(sql, "SELECT state FROM queries WHERE query_id = '" + id + "'", token,
                        systemDb);
                state = rows.isEmpty() ? null : (String) rows.get(0).get(0);
            } catch (FlightRuntimeException busy) {
                // on a server with one slot, the poll itself waits until the cancelled query frees it
                if (busy.status().code() != FlightStatusCode.RESOURCE_EXHAUSTED) {
                    throw busy;
                }
            }
            if (wanted.equals(state)) {
                return state;
            }
            Thread.sleep(50);
        }
        return state;
    }

    static org.apache.arrow.flight.CallHeaders headers(String name, String value) {
        org.apache.arrow.flight.FlightCallHeaders headers = new org.apache.arrow.flight.FlightCallHeaders();
        headers.insert(name, value);
        return headers;
    }
}
