package io.flock.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flock.spi.DataSize;
import io.flock.spi.FlockException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestServerConfig {
    @Test
    void defaultsAreValid() {
        ServerConfig config = ServerConfig.load(Optional.empty(), Map.of());
        assertThat(config.bindAddress()).isEqualTo("127.0.0.1");
        assertThat(config.flightConfig().port()).isEqualTo(8815);
        assertThat(config.engineConfig().queryTimeout()).isEqualTo(Duration.ofMinutes(30));
        assertThat(config.engineConfig().duckDb().memoryLimit()).isEqualTo(DataSize.parse("4GB"));
        assertThat(config.flightConfig().tls()).isEmpty();
    }

    @Test
    void fileThenOverrides(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("flock.properties");
        Files.writeString(file, "query.timeout=90s\nstorage.memory-limit=512MB\nflight.port=9000\n");
        ServerConfig config = ServerConfig.load(Optional.of(file), Map.of("flight.port", "0"));
        assertThat(config.engineConfig().queryTimeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(config.engineConfig().duckDb().memoryLimit().bytes()).isEqualTo(512L << 20);
        assertThat(config.flightConfig().port()).isZero();
    }

    @Test
    void everyProblemIsReportedAtOnce(@TempDir Path dir) {
        assertThatThrownBy(() -> ServerConfig.load(Optional.empty(), Map.of(
                "query.timeout", "soon", "flight.port", "70000", "no.such.setting", "1", "tls.key", dir.resolve("k.pem").toString())))
                .isInstanceOf(FlockException.class)
                .hasMessageContaining("setting 'query.timeout': 'soon' is not a duration")
                .hasMessageContaining("setting 'flight.port': '70000' is not a port")
                .hasMessageContaining("unknown setting 'no.such.setting'")
                .hasMessageContaining("TLS needs both 'tls.certificate' and 'tls.key'")
                .hasMessageContaining("does not exist or is not readable");
    }

    @Test
    void docsListEverySetting() throws IOException {
        String doc = Files.readString(Path.of("../../docs/configuration.md"));
        assertThat(doc).contains(ConfigurationReference.markdownTable());
    }
}
