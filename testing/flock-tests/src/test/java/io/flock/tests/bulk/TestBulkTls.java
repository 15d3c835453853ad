package io.flock.tests.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flock.client.FlockClient;
import io.flock.client.FlockConnectionException;
import io.flock.client.bulk.BulkFormat;
import io.flock.tests.TestingCertificates;
import io.flock.testing.TestingFlockServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Bulk transfers use the same TLS, mutual TLS included, as Flight SQL. */
class TestBulkTls {
    private static Path directory;
    private static Path caCertificate;
    private static TestingCertificates.Issued clientCertificate;
    private static TestingFlockServer server;

    @BeforeAll
    static void start() throws Exception {
        directory = Files.createTempDirectory("flock-bulk-tls-");
        TestingCertificates ca = TestingCertificates.authority("bulk-test-ca");
        caCertificate = ca.writeCertificate(directory);
        TestingCertificates.Issued serverCertificate = ca.issueServer(directory, "server");
        clientCertificate = ca.issueClient(directory, "client", "admin");
        server = TestingFlockServer.builder()
                .property("tls.certificate", serverCertificate.certificate().toString())
                .property("tls.key", serverCertificate.privateKey().toString())
                .property("tls.client-ca", caCertificate.toString())
                .build();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        try (var paths = Files.walk(directory)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static FlockClient client(boolean withClientCertificate) {
        var builder = FlockClient.builder().host("localhost").port(server.port()).httpPort(server.server().httpPort())
                .token(server.adminToken()).useTls(true).tlsCaCertificate(caCertificate);
        if (withClientCertificate) {
            builder.tlsClientCertificate(clientCertificate.certificate(), clientCertificate.privateKey());
        }
        return builder.build();
    }

    @Test
    void exportAndImportOverMutualTls() {
        try (FlockClient client = client(true)) {
            client.executeUpdate("CREATE OR REPLACE TABLE secure_rows AS SELECT range AS id FROM range(1000)");
            client.executeUpdate("CREATE OR REPLACE TABLE secure_copy (id BIGINT)");
            ByteArrayOutputStream file = new ByteArrayOutputStream();
            client.export("SELECT * FROM secure_rows", BulkFormat.CSV, file);
            assertThat(file.toString(StandardCharsets.UTF_8).lines().count()).isEqualTo(1001);
            assertThat(client.importFrom("secure_copy", new ByteArrayInputStream(file.toByteArray()), BulkFormat.CSV)
                    .rows()).isEqualTo(1000);
        }
    }

    @Test
    void withoutAClientCertificateTheHandshakeFails() {
        try (FlockClient client = client(false)) {
            assertThatThrownBy(() -> client.export("SELECT 1", BulkFormat.CSV, new ByteArrayOutputStream()))
                    .isInstanceOf(FlockConnectionException.class).hasMessageContaining("HTTP endpoint");
        }
    }

    @Test
    void curlExportsOverMutualTlsWithABearerTokenAndIsRefusedWithoutEither() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(io.flock.tests.Commands.runs("curl", "--version"), "curl is not installed");
        try (FlockClient client = client(true)) {
            client.executeUpdate("CREATE OR REPLACE TABLE curl_rows AS SELECT range AS id FROM range(100)");
        }
        String url = "https://localhost:" + server.server().httpPort() + "/v1/export?sql=SELECT%20*%20FROM%20curl_rows";
        List<String> tls = List.of("--cacert", caCertificate.toString(), "--cert",
                clientCertificate.certificate().toString(), "--key", clientCertificate.privateKey().toString());
        Path out = directory.resolve("curl-rows.csv");
        List<String> exported = new java.util.ArrayList<>(List.of("-H", "Authorization: Bearer " + server.adminToken(),
                "-o", out.toString()));
        exported.addAll(tls);
        assertThat(curl(exported, url)).isZero();
        assertThat(Files.readString(out).lines().count()).isEqualTo(101);
        // TLS without the token: the endpoint still wants credentials
        List<String> noToken = new java.util.ArrayList<>(List.of("-o", "/dev/null", "--fail"));
        noToken.addAll(tls);
        assertThat(curl(noToken, url)).isEqualTo(22); // HTTP 401
        // no client certificate: the handshake is refused before any HTTP
        assertThat(curl(List.of("-H", "Authorization: Bearer " + server.adminToken(), "-o", "/dev/null",
                "--cacert", caCertificate.toString()), url)).isNotZero().isNotEqualTo(22);
        // plain HTTP to the TLS port is not answered as HTTP
        assertThat(curl(List.of("-o", "/dev/null", "--fail", "--max-time", "10"), url.replace("https:", "http:")))
                .isNotZero();
    }

    private static int curl(List<String> arguments, String url) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("curl", "-sS"));
        command.addAll(arguments);
        command.add(url);
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return process.waitFor();
    }
}
