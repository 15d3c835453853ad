package io.flock.tests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JVMs a test starts on the test's own classpath (a server or a CLI to kill with kill -9), and the
 * scratch directory they work in. Registered as an extension
 * ({@code @RegisterExtension final ChildJvms jvms = new ChildJvms("prefix-")}), it kills what still
 * runs and deletes the directory after each test.
 */
final class ChildJvms implements AfterEachCallback {
    private final List<Process> processes = new ArrayList<>();
    private final String prefix;
    private Path work;

    ChildJvms(String prefix) {
        this.prefix = prefix;
    }

    /** The scratch directory, created on first use. */
    Path work() throws IOException {
        if (work == null) {
            work = Files.createTempDirectory(prefix);
        }
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
        builder.redirectErrorStream(true).redirectOutput(work().resolve(log).toFile());
        Process process = builder.start();
        processes.add(process);
        return process;
    }

    /** What the JVM started with {@code log} wrote so far. */
    String log(String log) throws IOException {
        return Files.readString(work().resolve(log));
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        for (Process p : processes) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        processes.clear();
        if (work != null) {
            try (var paths = Files.walk(work)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
            work = null;
        }
    }
}
