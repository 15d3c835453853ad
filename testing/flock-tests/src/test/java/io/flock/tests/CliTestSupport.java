package io.flock.tests;

import io.flock.cli.CliContext;
import io.flock.cli.SqlCommand;
import io.flock.testing.TestingFlockServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine;

/** Runs {@code flock sql} in-process through picocli with captured streams and a given environment. */
final class CliTestSupport {
    /** What one run of the command did. */
    record CliRun(int exitCode, String out, String err) {}

    private CliTestSupport() {}

    /** The environment that points the CLI at {@code server} as admin. */
    static Map<String, String> adminEnvironment(TestingFlockServer server) {
        return Map.of("FLOCK_HOST", server.host(), "FLOCK_PORT", Integer.toString(server.port()),
                "FLOCK_TOKEN", server.adminToken());
    }

    static CliRun run(Map<String, String> environment, String... args) {
        return runWithInput(environment, "", args);
    }

    static CliRun runWithInput(Map<String, String> environment, String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        CliContext context = new CliContext(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                outStream, errStream, environment, Path.of("target", "cli-test-history"), () -> {
                    throw new IllegalStateException("the test opens no terminal");
                });
        CommandLine commandLine = new CommandLine(new SqlCommand(context))
                .setOut(new PrintWriter(outStream, true))
                .setErr(new PrintWriter(errStream, true));
        int exitCode = commandLine.execute(args);
        return new CliRun(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
