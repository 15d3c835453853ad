package io.flock.tests;

import static org.assertj.core.api.Assertions.assertThat;

import io.flock.testing.TestingFlockServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code flock sql} through the {@code flock} program (FlockMain) in a separate JVM: output and exit code. */
class TestCliProcess {
    private static TestingFlockServer server;

    @TempDir
    Path work;

    @BeforeAll
    static void start() {
        server = TestingFlockServer.create();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void queryPrintsItsRowsAndExitsWithZero() throws Exception {
        Finished finished = flockSql("-e", "SELECT 1 AS one", "--format", "csv");
        assertThat(finished.exitCode()).as(finished.err()).isZero();
        assertThat(finished.out()).isEqualTo("one\n1\n");
    }

    @Test
    void failingStatementExitsWithOneAndTheMessageOnStderr() throws Exception {
        Finished finished = flockSql("-e", "SELECT * FROM no_such_table");
        assertThat(finished.exitCode()).isEqualTo(1);
        assertThat(finished.out()).isEmpty();
        assertThat(finished.err()).contains("no_such_table");
    }

    private record Finished(int exitCode, String out, String err) {}

    private Finished flockSql(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-opens=java.base/java.nio=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                "io.flock.server.FlockMain", "sql", "--host", server.host(), "--port", Integer.toString(server.port())));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(name -> name.startsWith("FLOCK_"));
        builder.environment().put("FLOCK_TOKEN", server.adminToken());
        Path out = work.resolve("out.txt");
        Path err = work.resolve("err.txt");
        builder.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
        Process process = builder.start();
        process.getOutputStream().close();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("flock sql did not exit:\n" + Files.readString(err));
        }
        return new Finished(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
