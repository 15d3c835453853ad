package io.flock.tests.conformance;

import io.flock.jdbc.FlockConnection;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/** The conformance suite through Flock's own JDBC driver ({@code jdbc:flock://}). */
class TestConformanceFlockJdbc extends ConformanceSuite {
    @Override
    protected ConformanceClient client() {
        return new JdbcConformanceClient() {
            @Override
            public Quirks quirks() {
                return new Quirks(true, true, false, true, false, null,
                        "not supported", "exceeded the time limit of 1000 ms");
            }

            @Override
            String url(Endpoint endpoint, String database) {
                String url = "jdbc:flock://" + endpoint.host() + ":" + endpoint.port() + "/" + database + "?user="
                        + encode(endpoint.user()) + "&token=" + encode(endpoint.token());
                if (endpoint.trustedCa() != null) {
                    url += "&tls=true&tls-ca-file=" + encode(endpoint.trustedCa().toString());
                }
                return url;
            }

            @Override
            Optional<String> lastQueryId(Connection connection) throws SQLException {
                return connection.unwrap(FlockConnection.class).lastQueryId();
            }
        };
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
