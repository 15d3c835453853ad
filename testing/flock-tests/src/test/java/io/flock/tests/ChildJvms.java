package io.flock.tests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * JVMs a test starts on the test's own classpath (a server or a CLI to kill with kill -9), and the
 * scratch directory they work in; {@link #close()} kills what still runs and deletes the directory.
 */
final class ChildJvms implements AutoCloseable {
    private final List<Process> processes = new ArrayList<>();
    private final Path work;

    ChildJvms(String prefix) throws IOException {
        this.work = Files.createTempDirectory(prefix);
    }

    /** The scratch directory. */
    Path work() {
        return work;
    }

    /**
     * Starts {@code main} with {@code args} and {@code environment}; standard input from
     * {@code stdin} (none if null), standard output and error into {@code <work>/<log>}.
     */
    Process start(String log, Map<String, String> environment, Path stdin, String main, String... args)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-opens=java.base/java.nio=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), main));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        if (stdin != null) {
            builder.redirectInput(stdin.toFile());
        }
        builder.redirectErrorStream(true).redirectOutput(work.resolve(log).toFile());
        Process process = builder.start();
        processes.add(process);
        return process;
    }

    /** What the JVM started with {@code log} wrote so far. */
    String log(String log) throws IOException {
        return Files.readString(work.resolve(log));
    }

    @Override
    public void close() throws Exception {
        for (Process p : processes) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        try (var paths = Files.walk(work)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
