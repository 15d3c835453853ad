package io.flock.tests.conformance;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.Optional;

/** The conformance suite through the stock Arrow Flight SQL JDBC driver 18.3 ({@code jdbc:arrow-flight-sql://}). */
class TestConformanceStockJdbc extends ConformanceSuite {
    @Override
    protected ConformanceClient client() {
        return new JdbcConformanceClient() {
            @Override
            public Quirks quirks() {
                return new Quirks(false, false, true, false, false, "BigDecimal scale must equal that in the Arrow vector",
                        "ColumnMetaData$Rep.ordinal()", "exceeded the time limit of 1000 ms");
            }

            @Override
            String url(Endpoint endpoint, String database) {
                String url = "jdbc:arrow-flight-sql://" + endpoint.host() + ":" + endpoint.port() + "?user="
                        + encode(endpoint.user()) + "&password=" + encode(endpoint.token()) + "&database=" + database
                        + "&connectTimeoutMs=30000";
                if (endpoint.trustedCa() != null) {
                    return url + "&useEncryption=true&useSystemTrustStore=false&tlsRootCerts=" + endpoint.trustedCa();
                }
                return url + "&useEncryption=false";
            }

            @Override
            Optional<String> lastQueryId(Connection connection) {
                return Optional.empty();
            }
        };
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
