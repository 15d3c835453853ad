package io.flock.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flock.testing.TestingFlockServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.arrow.flight.CallOption;
import org.apache.arrow.flight.CallOptions;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStatusCode;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.Location;
import org.apache.arrow.flight.sql.FlightSqlClient;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * TLS and mutual TLS on the Flight SQL endpoint, with a certificate authority made at test time:
 * queries work for clients that trust the CA (and, under mTLS, present a certificate it issued);
 * plaintext clients, clients that trust another CA and mTLS clients without a valid certificate
 * are turned away.
 */
class TestSecurityTls {
    private static final CallOption DEADLINE = CallOptions.timeout(60, TimeUnit.SECONDS);

    private static Path directory;
    private static Path caCertificate;
    private static Path otherCaCertificate;
    private static TestingCertificates.Issued serverCertificate;
    private static TestingCertificates.Issued clientCertificate;
    private static TestingCertificates.Issued strangerCertificate;
    private static TestingFlockServer tlsServer;
    private static TestingFlockServer mtlsServer;

    private BufferAllocator allocator;

    @BeforeAll
    static void start() throws IOException {
        directory = Files.createTempDirectory("flock-tls-");
        TestingCertificates ca = TestingCertificates.authority("flock-test-ca");
        TestingCertificates otherCa = TestingCertificates.authority("other-ca");
        caCertificate = ca.writeCertificate(directory);
        otherCaCertificate = otherCa.writeCertificate(directory);
        serverCertificate = ca.issueServer(directory, "server");
        clientCertificate = ca.issueClient(directory, "client", "alice");
        strangerCertificate = otherCa.issueClient(directory, "stranger", "mallory");
        tlsServer = TestingFlockServer.builder()
                .property("tls.certificate", serverCertificate.certificate().toString())
                .property("tls.key", serverCertificate.privateKey().toString())
                .build();
        mtlsServer = TestingFlockServer.builder()
                .property("tls.certificate", serverCertificate.certificate().toString())
                .property("tls.key", serverCertificate.privateKey().toString())
                .property("tls.client-ca", caCertificate.toString())
                .build();
    }

    @AfterAll
    static void stop() throws IOException {
        try {
            if (tlsServer != null) {
                tlsServer.close();
            }
        } finally {
            if (mtlsServer != null) {
                mtlsServer.close();
            }
            try (Stream<Path> paths = Files.walk(directory)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @BeforeEach
    void createAllocator() {
        allocator = new RootAllocator();
    }

    @AfterEach
    void closeAllocator() {
        allocator.close();
    }

    @Test
    void queriesWorkOverTls() throws Exception {
        assertThat(tlsServer.server().tls()).isTrue();
        for (String host : List.of("127.0.0.1", "localhost")) {
            try (FlightSqlClient client = tlsClient(tlsServer, host, caCertificate, null)) {
                assertThat(firstValue(client, tlsServer.adminToken(), "SELECT 40 + 2")).as(host).isEqualTo("42");
            }
        }
        try (Connection c = DriverManager.getConnection(jdbcUrl(tlsServer, caCertificate, null));
                Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 'over tls'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("over tls");
        }
    }

    @Test
    void plaintextClientsAreTurnedAway() throws Exception {
        try (FlightSqlClient client = tlsServer.flightSqlClient(allocator)) {
            assertThatThrownBy(() -> client.execute("SELECT 1", TestingFlockServer.bearer(tlsServer.adminToken()), DEADLINE))
                    .isInstanceOf(FlightRuntimeException.class)
                    .satisfies(e -> assertThat(((FlightRuntimeException) e).status().code()).isEqualTo(FlightStatusCode.UNAVAILABLE));
        }
        assertThatThrownBy(() -> DriverManager.getConnection(tlsServer.adminJdbcUrl() + "&connectTimeoutMs=30000").close())
                .isInstanceOf(SQLException.class);
    }

    @Test
    void serverCertificateFromAnotherCaIsRejected() throws Exception {
        try (FlightSqlClient client = tlsClient(tlsServer, "127.0.0.1", otherCaCertificate, null)) {
            assertThatThrownBy(() -> firstValue(client, tlsServer.adminToken(), "SELECT 1"))
                    .isInstanceOf(FlightRuntimeException.class)
                    .satisfies(e -> assertThat(((FlightRuntimeException) e).status().code()).isEqualTo(FlightStatusCode.UNAVAILABLE))
                    .hasStackTraceContaining("unable to find valid certification path");
        }
        assertThatThrownBy(() -> DriverManager.getConnection(jdbcUrl(tlsServer, otherCaCertificate, null)).close())
                .isInstanceOf(SQLException.class)
                .hasStackTraceContaining("unable to find valid certification path");
    }

    @Test
    void mutualTlsAcceptsClientCertificatesFromItsCa() throws Exception {
        try (FlightSqlClient client = tlsClient(mtlsServer, "127.0.0.1", caCertificate, clientCertificate)) {
            assertThat(firstValue(client, mtlsServer.adminToken(), "SELECT 'mutual'")).isEqualTo("mutual");
        }
        try (Connection c = DriverManager.getConnection(jdbcUrl(mtlsServer, caCertificate, clientCertificate));
                Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 7 * 6")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(42);
        }
    }

    @Test
    void mutualTlsRejectsClientsWithoutAValidCertificate() throws Exception {
        try (FlightSqlClient client = tlsClient(mtlsServer, "127.0.0.1", caCertificate, null)) {
            assertThatThrownBy(() -> firstValue(client, mtlsServer.adminToken(), "SELECT 1"))
                    .isInstanceOf(FlightRuntimeException.class)
                    .hasStackTraceContaining("CERTIFICATE_REQUIRED")
                    .satisfies(e -> assertThat(((FlightRuntimeException) e).status().code()).isEqualTo(FlightStatusCode.UNAVAILABLE));
        }
        try (FlightSqlClient client = tlsClient(mtlsServer, "127.0.0.1", caCertificate, strangerCertificate)) {
            assertThatThrownBy(() -> firstValue(client, mtlsServer.adminToken(), "SELECT 1"))
                    .isInstanceOf(FlightRuntimeException.class)
                    .satisfies(e -> assertThat(((FlightRuntimeException) e).status().code()).isEqualTo(FlightStatusCode.UNAVAILABLE));
        }
        assertThatThrownBy(() -> DriverManager.getConnection(jdbcUrl(mtlsServer, caCertificate, null)).close())
                .isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> DriverManager.getConnection(jdbcUrl(mtlsServer, caCertificate, strangerCertificate)).close())
                .isInstanceOf(SQLException.class);
        try (FlightSqlClient client = mtlsServer.flightSqlClient(allocator)) {
            assertThatThrownBy(() -> client.execute("SELECT 1", TestingFlockServer.bearer(mtlsServer.adminToken()), DEADLINE))
                    .isInstanceOf(FlightRuntimeException.class);
        }
    }

    @Test
    void aClientCertificateDoesNotReplaceTheToken() throws Exception {
        try (FlightSqlClient client = tlsClient(mtlsServer, "127.0.0.1", caCertificate, clientCertificate)) {
            assertThatThrownBy(() -> client.execute("SELECT 1", DEADLINE))
                    .isInstanceOf(FlightRuntimeException.class)
                    .hasMessageContaining("Authentication required")
                    .satisfies(e -> assertThat(((FlightRuntimeException) e).status().code())
                            .isEqualTo(FlightStatusCode.UNAUTHENTICATED));
        }
    }

    private FlightSqlClient tlsClient(TestingFlockServer server, String host, Path trusted,
                                      TestingCertificates.Issued client) throws IOException {
        FlightClient.Builder builder = FlightClient.builder(allocator, Location.forGrpcTls(host, server.port()))
                .useTls();
        try (InputStream roots = Files.newInputStream(trusted)) {
            builder.trustedCertificates(roots);
            if (client == null) {
                return new FlightSqlClient(builder.build());
            }
            try (InputStream certificate = Files.newInputStream(client.certificate());
                    InputStream key = Files.newInputStream(client.privateKey())) {
                builder.clientCertificate(certificate, key);
                return new FlightSqlClient(builder.build());
            }
        }
    }

    private static String firstValue(FlightSqlClient client, String token, String sql) throws Exception {
        CallOption bearer = TestingFlockServer.bearer(token);
        FlightInfo info = client.execute(sql, bearer, DEADLINE);
        List<String> values = new ArrayList<>();
        try (FlightStream stream = client.getStream(info.getEndpoints().get(0).getTicket(), bearer, DEADLINE)) {
            while (stream.next()) {
                for (int i = 0; i < stream.getRoot().getRowCount(); i++) {
                    values.add(String.valueOf(stream.getRoot().getVector(0).getObject(i)));
                }
            }
        }
        assertThat(values).hasSize(1);
        return values.get(0);
    }

    /** The stock JDBC driver over TLS, trusting {@code trusted} only, with an optional client certificate. */
    private static String jdbcUrl(TestingFlockServer server, Path trusted, TestingCertificates.Issued client) {
        String url = "jdbc:arrow-flight-sql://127.0.0.1:" + server.port() + "?useEncryption=true"
                + "&useSystemTrustStore=false&tlsRootCerts=" + trusted + "&connectTimeoutMs=30000"
                + "&user=admin&password=" + server.adminToken();
        if (client != null) {
            url += "&clientCertificate=" + client.certificate() + "&clientKey=" + client.privateKey();
        }
        return url;
    }
}
