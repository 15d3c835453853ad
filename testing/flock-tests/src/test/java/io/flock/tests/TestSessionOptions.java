package io.flock.tests;

import static io.flock.tests.FlightTestSupport.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flock.testing.TestingFlockServer;
import java.util.List;
import java.util.Map;
import org.apache.arrow.flight.CallOption;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStatusCode;
import org.apache.arrow.flight.Location;
import org.apache.arrow.flight.SessionOptionValueFactory;
import org.apache.arrow.flight.SetSessionOptionsRequest;
import org.apache.arrow.flight.SetSessionOptionsResult;
import org.apache.arrow.flight.client.ClientCookieMiddleware;
import org.apache.arrow.flight.sql.FlightSqlClient;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;

/** The Flight SQL session option {@code catalog} chooses the database of later calls. */
class TestSessionOptions {
    @Test
    void catalogOptionChoosesTheDatabaseWithinGrants() throws Exception {
        try (TestingFlockServer server = TestingFlockServer.create(); BufferAllocator allocator = new RootAllocator()) {
            CallOption admin = TestingFlockServer.bearer(server.adminToken());
            try (FlightSqlClient setup = server.flightSqlClient(allocator)) {
                setup.executeUpdate("CREATE DATABASE sessions_db", admin);
            }
            try (FlightSqlClient client = new FlightSqlClient(FlightClient.builder(allocator,
                    Location.forGrpcInsecure(server.host(), server.port()))
                    .intercept(new ClientCookieMiddleware.Factory()).build())) {
                SetSessionOptionsResult result = client.setSessionOptions(new SetSessionOptionsRequest(Map.of(
                        "catalog", SessionOptionValueFactory.makeSessionOptionValue("sessions_db"),
                        "colour", SessionOptionValueFactory.makeSessionOptionValue("blue"))), admin);
                assertThat(result.getErrors()).containsOnlyKeys("colour");
                assertThat(result.getErrors().get("colour").value).isEqualTo(SetSessionOptionsResult.ErrorValue.INVALID_NAME);
                assertThat(rows(client, "SELECT current_database()", admin)).containsExactly(List.of("sessions_db"));

                String token = (String) rows(client, "CREATE USER session_user", admin).get(0).get(2);
                CallOption user = TestingFlockServer.bearer(token);
                assertThatThrownBy(() -> client.setSessionOptions(new SetSessionOptionsRequest(Map.of(
                        "catalog", SessionOptionValueFactory.makeSessionOptionValue("sessions_db"))), user))
                        .isInstanceOfSatisfying(FlightRuntimeException.class, e -> {
                            assertThat(e.status().code()).isEqualTo(FlightStatusCode.UNAUTHORIZED);
                            assertThat(e.getMessage()).contains("has no grant on database 'sessions_db'");
                        });
            }
        }
    }
}
