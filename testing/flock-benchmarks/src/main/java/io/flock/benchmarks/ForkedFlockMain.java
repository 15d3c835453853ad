package io.flock.benchmarks;

import io.flock.testing.TestingFlockServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Main class of the server JVM that {@link ForkedFlock} starts: runs a Flock server on a free port
 * with a temporary data directory, writes the port to the file named by the first argument, and
 * stops when its standard input closes (so it also stops if the benchmark JVM dies).
 *
 * <p>Arguments: {@code PORT_FILE [key=value ...]} server settings. The admin token comes from the
 * environment variable {@value #TOKEN_VARIABLE}, so it does not show in the process list.
 */
public final class ForkedFlockMain {
    static final String TOKEN_VARIABLE = "FLOCK_BENCH_ADMIN_TOKEN";

    private ForkedFlockMain() {}

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            throw new IllegalArgumentException("Usage: ForkedFlockMain PORT_FILE [key=value ...]");
        }
        String token = System.getenv(TOKEN_VARIABLE);
        if (token == null) {
            throw new IllegalStateException("Environment variable " + TOKEN_VARIABLE + " is not set");
        }
        TestingFlockServer.Builder builder = TestingFlockServer.builder().adminToken(token);
        for (int i = 1; i < args.length; i++) {
            String[] setting = args[i].split("=", 2);
            if (setting.length != 2) {
                throw new IllegalArgumentException("Server setting '" + args[i] + "' is not key=value");
            }
            builder.property(setting[0], setting[1]);
        }
        try (TestingFlockServer server = builder.build()) {
            Path portFile = Path.of(args[0]);
            Path temporary = portFile.resolveSibling(portFile.getFileName() + ".tmp");
            Files.writeString(temporary, Integer.toString(server.port()), StandardCharsets.US_ASCII);
            Files.move(temporary, portFile, StandardCopyOption.ATOMIC_MOVE);
            while (System.in.read() != -1) {
                // wait for the benchmark JVM to close our standard input
            }
        }
    }
}
