package io.flock.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flock.client.ClientProperty;
import io.flock.client.FlockClient;
import io.flock.client.RetryPolicy;
import io.flock.client.internal.PropertyReference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The typed property table: docs, URL, map and environment parsing, and the errors for bad settings. */
class TestClientProperties {
    @Test
    void docsListEveryProperty() throws IOException {
        String doc = Files.readString(Path.of("../../docs/client-properties.md"));
        assertThat(doc).contains(PropertyReference.markdownTable());
    }

    @Test
    void everyPropertyHasAnEnvironmentVariableAndAParsableDefault() {
        for (ClientProperty property : ClientProperty.values()) {
            assertThat(property.environmentVariable()).startsWith("FLOCK_").doesNotContain("-");
            assertThat(ClientProperty.forKey(property.key())).contains(property);
        }
        assertThat(ClientProperty.CONNECT_TIMEOUT.environmentVariable()).isEqualTo("FLOCK_CONNECT_TIMEOUT");
    }

    @Test
    void unknownUrlParametersAreReportedAllAtOnce() {
        assertThatThrownBy(() -> FlockClient.builder().url("flock://h:1/db?token=t&colour=red&speed=9"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'colour'").hasMessageContaining("'speed'").hasMessageContaining("known: host");
    }

    @Test
    void badValuesNameThePropertyAndHideSecrets() {
        assertThatThrownBy(() -> FlockClient.builder().properties(Map.of("port", "99999", "connect-timeout", "soon")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'port' must be an integer from 1 to 65535, but is '99999'")
                .hasMessageContaining("'connect-timeout' must be a duration");
        assertThatThrownBy(() -> FlockClient.builder().url("http://h:1/db"))
                .hasMessageContaining("expected flock://host:port/database");
    }

    @Test
    void aTokenIsRequiredAndTlsFilesNeedTls(@org.junit.jupiter.api.io.TempDir Path directory) throws IOException {
        assertThatThrownBy(() -> FlockClient.builder().host("h").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("A token is required");
        Path ca = Files.writeString(directory.resolve("ca.pem"), "not a certificate");
        assertThatThrownBy(() -> FlockClient.builder().token("t").tlsCaCertificate(ca).build())
                .hasMessageContaining("TLS is off");
        assertThatThrownBy(() -> FlockClient.builder().token("t").url("flock://h/db?tls=true&tls-ca-file="
                        + directory.resolve("missing.pem")).build())
                .hasMessageContaining("Cannot read tls-ca-file");
    }

    @Test
    void retryPolicyBacksOffExponentiallyUpToItsLimit() {
        RetryPolicy policy = new RetryPolicy(5, Duration.ofMillis(100), Duration.ofMillis(300));
        assertThat(policy.backoffAfter(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(policy.backoffAfter(2)).isEqualTo(Duration.ofMillis(200));
        assertThat(policy.backoffAfter(3)).isEqualTo(Duration.ofMillis(300));
        assertThat(policy.backoffAfter(4)).isEqualTo(Duration.ofMillis(300));
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO))
                .hasMessageContaining("maxAttempts must be at least 1");
    }
}
