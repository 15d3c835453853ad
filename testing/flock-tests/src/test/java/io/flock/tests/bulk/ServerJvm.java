package io.flock.tests.bulk;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Flock server in a JVM of its own ({@code FlockMain server} on free ports, data in a fresh
 * temporary directory, output in a log file), for the bulk tests where the process's limits or
 * environment are the point. Closing it kills the process and deletes the directory.
 */
final class ServerJvm implements AutoCloseable {
    private static final Pattern FLIGHT = Pattern.compile("grpc\\+tcp://127\\.0\\.0\\.1:(\\d+)");
    private static final Pattern HTTP = Pattern.compile("HTTP: +http://127\\.0\\.0\\.1:(\\d+)");

    private final Path work;
    private final Path log;
    private final Process process;
    private final int flightPort;
    private final int httpPort;

    private ServerJvm(Path work, Path log, Process process) throws Exception {
        this.work = work;
        this.log = log;
        this.process = process;
        int[] ports = awaitPorts();
        this.flightPort = ports[0];
        this.httpPort = ports[1];
    }

    /**
     * Starts a server whose admin token is {@code adminToken}, with extra JVM options, server
     * settings (written to a config file; none: no file) and environment variables, and waits until
     * it listens.
     */
    static ServerJvm start(String prefix, String adminToken, List<String> jvmOptions, Map<String, String> settings,
                           Map<String, String> environment) throws Exception {
        Path work = Files.createTempDirectory(prefix);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("--add-opens=java.base/java.nio=ALL-UNNAMED");
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.flock.server.FlockMain", "server",
                "--data", work.resolve("data").toString(), "--port", "0", "--http-port", "0"));
        if (!settings.isEmpty()) {
            Path config = work.resolve("flock.properties");
            StringBuilder lines = new StringBuilder();
            settings.forEach((key, value) -> lines.append(key).append('=').append(value).append('\n'));
            Files.writeString(config, lines);
            command.addAll(List.of("--config", config.toString()));
        }
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("FLOCK_ADMIN_TOKEN", adminToken);
        builder.environment().putAll(environment);
        Path log = work.resolve("server.log");
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        Process process = builder.start();
        try {
            return new ServerJvm(work, log, process);
        } catch (Exception e) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            deleteTree(work);
            throw e;
        }
    }

    Path work() {
        return work;
    }

    Path data() {
        return work.resolve("data");
    }

    Process process() {
        return process;
    }

    int flightPort() {
        return flightPort;
    }

    String httpBase() {
        return "http://127.0.0.1:" + httpPort;
    }

    String log() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    private int[] awaitPorts() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            String output = log();
            Matcher flight = FLIGHT.matcher(output);
            Matcher http = HTTP.matcher(output);
            if (flight.find() && http.find() && output.contains("Press Ctrl-C to stop.")) {
                return new int[] {Integer.parseInt(flight.group(1)), Integer.parseInt(http.group(1))};
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("The server exited before it was ready:\n" + output);
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("The server was not ready within 60 s");
    }

    @Override
    public void close() throws Exception {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        deleteTree(work);
    }

    private static void deleteTree(Path directory) throws IOException {
        try (var paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
