package io.flock.tests;

import static org.assertj.core.api.Assertions.assertThat;

import io.flock.engine.catalog.Tokens;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The server as users run it: `flock server` in its own JVM. A second server on the same data
 * directory is refused, SIGTERM shuts down cleanly, and data and tokens survive the restart.
 */
class TestServerProcess {
    private static final Pattern ENDPOINT = Pattern.compile("grpc\\+tcp://127\\.0\\.0\\.1:(\\d+)");
    private static final Pattern TOKEN = Pattern.compile("shown only now.*(flk_[a-z0-9]{12}_[A-Za-z0-9_-]{43})");

    private Path work;
    private Path data;
    private final List<Process> processes = new ArrayList<>();
    private int launched;

    @BeforeEach
    void createDirectory() throws IOException {
        work = Files.createTempDirectory("flock-process-");
        data = work.resolve("data");
    }

    @AfterEach
    void cleanUp() throws Exception {
        for (Process p : processes) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        try (var paths = Files.walk(work)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** A server process whose output goes to a file (read after exit, so nothing is lost). */
    private record ServerProcess(Process process, Path log) {
        String output() throws IOException {
            return Files.readString(log, StandardCharsets.UTF_8);
        }

        boolean awaitExit() throws InterruptedException {
            return process.waitFor(60, TimeUnit.SECONDS);
        }

        /** Waits until the whole banner (it ends with "Press Ctrl-C") is written, then returns its port. */
        int awaitPort() throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline) {
                String output = output();
                Matcher m = ENDPOINT.matcher(output);
                if (m.find() && output.contains("Press Ctrl-C to stop.")) {
                    return Integer.parseInt(m.group(1));
                }
                if (!process.isAlive()) {
                    throw new IllegalStateException("The server exited before it was ready:\n" + output());
                }
                Thread.sleep(50);
            }
            throw new IllegalStateException("The server was not ready within 60 s:\n" + output());
        }
    }

    private ServerProcess launch(Optional<String> adminToken, String... jvmOptions) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-opens=java.base/java.nio=ALL-UNNAMED"));
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"),
                "io.flock.server.FlockMain", "server", "--data", data.toString(), "--port", "0", "--http-port", "0"));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove("FLOCK_ADMIN_TOKEN");
        builder.environment().put("FLOCK_LOG_LEVEL", "INFO");
        adminToken.ifPresent(t -> builder.environment().put("FLOCK_ADMIN_TOKEN", t));
        Path log = work.resolve("server-" + (++launched) + ".log");
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        Process process = builder.start();
        processes.add(process);
        return new ServerProcess(process, log);
    }

    private static String url(int port, String token) {
        return "jdbc:arrow-flight-sql://127.0.0.1:" + port + "?useEncryption=false&user=admin&password=" + token;
    }

    @Test
    void secondServerOnTheSameDataIsRefusedAndSigtermShutsDownCleanly() throws Exception {
        String token = Tokens.issue("admin").text();
        ServerProcess first = launch(Optional.of(token));
        int port = first.awaitPort();
        try (Connection c = DriverManager.getConnection(url(port, token)); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE kept AS SELECT range AS id FROM range(12345)");
        }

        ServerProcess second = launch(Optional.of(token));
        assertThat(second.awaitExit()).isTrue();
        assertThat(second.process().exitValue()).isNotZero();
        assertThat(second.output()).contains("Another Flock server is already using the data directory");

        first.process().destroy(); // SIGTERM
        assertThat(first.awaitExit()).isTrue();
        assertThat(first.output()).contains("Flock is shutting down").contains("Flock stopped; data is checkpointed");

        ServerProcess again = launch(Optional.of(token));
        int againPort = again.awaitPort();
        try (Connection c = DriverManager.getConnection(url(againPort, token)); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM kept")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong(1)).isEqualTo(12345);
        }
        again.process().destroy();
        assertThat(again.awaitExit()).isTrue();
    }

    /**
     * A result far larger than the server's heap and direct memory streams completely: the server
     * holds only a few batches at a time.
     */
    @Test
    void resultsLargerThanServerMemoryStream() throws Exception {
        String token = Tokens.issue("admin").text();
        ServerProcess server = launch(Optional.of(token), "-Xmx192m", "-XX:MaxDirectMemorySize=64m");
        int port = server.awaitPort();
        long rows = 0;
        long characters = 0;
        try (Connection c = DriverManager.getConnection(url(port, token)); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT range AS id, repeat('x', 40) || range AS label FROM range(12000000)")) {
            while (rs.next()) {
                rows++;
                characters += rs.getString(2).length();
            }
        }
        assertThat(rows).isEqualTo(12_000_000);
        assertThat(characters).as("about 600 MB of text went through a server with 256 MB of memory")
                .isGreaterThan(12_000_000L * 40);
        assertThat(server.process().isAlive()).isTrue();
        server.process().destroy();
        assertThat(server.awaitExit()).isTrue();
        assertThat(server.output()).doesNotContain("OutOfMemoryError");
    }

    @Test
    void generatedAdminTokenIsPrintedOnceAndWorksAfterRestart() throws Exception {
        ServerProcess first = launch(Optional.empty());
        int port = first.awaitPort();
        Matcher m = TOKEN.matcher(first.output());
        assertThat(m.find()).as("the banner shows the generated token").isTrue();
        String token = m.group(1);
        try (Connection c = DriverManager.getConnection(url(port, token)); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT 1")) {
            assertThat(rs.next()).isTrue();
        }
        first.process().destroy();
        assertThat(first.awaitExit()).isTrue();

        ServerProcess again = launch(Optional.empty());
        int againPort = again.awaitPort();
        assertThat(again.output()).doesNotContain("shown only now");
        try (Connection c = DriverManager.getConnection(url(againPort, token)); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT 2")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(2);
        }
    }
}
