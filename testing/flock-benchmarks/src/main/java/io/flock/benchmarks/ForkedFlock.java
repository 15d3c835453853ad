package io.flock.benchmarks;

import io.flock.engine.catalog.Tokens;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Flock server in its own JVM ({@link ForkedFlockMain}), started with this JVM's class path,
 * so that server and client do not share a heap, garbage collector or JIT. Its log goes to
 * {@code server.log} in a temporary directory, printed if start-up fails.
 */
final class ForkedFlock implements FlockEndpoint {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    static final String SERVER_HEAP = "-Xmx2g";

    private final Process process;
    private final Path directory;
    private final int port;
    private final String adminToken;

    private ForkedFlock(Process process, Path directory, int port, String adminToken) {
        this.process = process;
        this.directory = directory;
        this.port = port;
        this.adminToken = adminToken;
    }

    @Override
    public long ownProcessCpuNanos() {
        return process.toHandle().info().totalCpuDuration().map(Duration::toNanos).orElseThrow(
                () -> new IllegalStateException("The operating system does not report the CPU time of the server JVM"));
    }

    static ForkedFlock start(Map<String, String> properties) {
        String token = Tokens.issue("admin").text();
        Path directory;
        try {
            directory = Files.createTempDirectory("flock-bench-server-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path portFile = directory.resolve("port");
        Path log = directory.resolve("server.log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-opens=java.base/java.nio=ALL-UNNAMED", SERVER_HEAP,
                "-cp", System.getProperty("java.class.path"),
                ForkedFlockMain.class.getName(), portFile.toString()));
        properties.forEach((key, value) -> command.add(key + "=" + value));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put(ForkedFlockMain.TOKEN_VARIABLE, token);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the Flock server JVM: " + command.get(0), e);
        }
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        try {
            while (!Files.exists(portFile)) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    process.destroyForcibly();
                    throw new IllegalStateException("The Flock server JVM did not start within " + START_TIMEOUT
                            + (process.isAlive() ? "" : " (exit code " + process.waitFor() + ")")
                            + "; its log " + log + ":\n" + readQuietly(log));
                }
                Thread.sleep(50);
            }
            int port = Integer.parseInt(Files.readString(portFile, StandardCharsets.US_ASCII).trim());
            return new ForkedFlock(process, directory, port, token);
        } catch (IOException e) {
            process.destroyForcibly();
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while the Flock server JVM started", e);
        }
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    @Override
    public String host() {
        return "127.0.0.1";
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public String adminToken() {
        return adminToken;
    }

    @Override
    public String description() {
        return "separate JVM (" + SERVER_HEAP + ", pid " + process.pid() + ")";
    }

    @Override
    public void close() {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            deleteRecursively(directory.toFile());
        }
    }

    private static void deleteRecursively(File file) {
        File[] children = file.listFiles();
        if (children != null) {
            for (File child : children) {
                deleteRecursively(child);
            }
        }
        file.delete();
    }
}
