package io.flock.server;

import io.flock.cli.ExportCommand;
import io.flock.cli.ImportCommand;
import io.flock.cli.IngestCommand;
import io.flock.cli.SqlCommand;
import io.flock.engine.catalog.Tokens;
import io.flock.spi.FlockException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code flock} program. */
@Command(name = "flock", mixinStandardHelpOptions = true, versionProvider = FlockMain.VersionProvider.class,
        description = "Flock: a distributed SQL analytics engine that speaks Arrow Flight SQL.",
        subcommands = {FlockMain.ServerCommand.class, FlockMain.TokenCommand.class, SqlCommand.class,
                ExportCommand.class, ImportCommand.class, IngestCommand.class})
public final class FlockMain implements Callable<Integer> {
    public static void main(String[] args) {
        int exit = new CommandLine(new FlockMain()).execute(args);
        if (exit != 0) {
            System.exit(exit);
        }
    }

    @Override
    public Integer call() {
        new CommandLine(this).usage(System.out);
        return 0;
    }

    /** {@code flock server}: runs a server until SIGTERM or Ctrl-C. */
    @Command(name = "server", mixinStandardHelpOptions = true,
            description = "Run a Flock server. Role 'all' (the default) is the embedded single node.")
    static final class ServerCommand implements Callable<Integer> {
        @Option(names = "--role", defaultValue = "all", description = "Server role; this version runs 'all'.")
        String role;

        @Option(names = "--data", description = "Data directory (default ./flock-data).")
        Path data;

        @Option(names = "--port", description = "Arrow Flight SQL port (default 8815; 0 picks a free port).")
        Integer port;

        @Option(names = "--http-port", description = "HTTP port for health, metrics and bulk import/export (default 8816; 0 picks a free port).")
        Integer httpPort;

        @Option(names = "--bind", description = "Address to listen on (default 127.0.0.1).")
        String bind;

        @Option(names = "--config", description = "A flock.properties file with further settings (docs/configuration.md).")
        Path config;

        @Override
        public Integer call() {
            PrintStream out = System.out;
            if (!role.equals("all")) {
                System.err.println("Role '" + role + "' is not available in this version; run with --role all");
                return 2;
            }
            Map<String, String> flags = new LinkedHashMap<>();
            if (data != null) {
                flags.put("data.dir", data.toString());
            }
            if (port != null) {
                flags.put("flight.port", port.toString());
            }
            if (httpPort != null) {
                flags.put("http.port", httpPort.toString());
            }
            if (bind != null) {
                flags.put("bind", bind);
            }
            FlockServer server;
            try {
                ServerConfig serverConfig = ServerConfig.load(Optional.ofNullable(config), flags);
                server = FlockServer.start(serverConfig, Optional.ofNullable(System.getenv("FLOCK_ADMIN_TOKEN"))
                        .filter(t -> !t.isBlank()));
            } catch (FlockException e) {
                System.err.println("flock: " + e.getMessage());
                return 1;
            }
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.close();
                stopped.countDown();
            }, "flock-shutdown"));
            printBanner(out, server);
            try {
                stopped.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return 0;
        }

        private static void printBanner(PrintStream out, FlockServer server) {
            String host = server.bindAddress().equals("0.0.0.0") ? "localhost" : server.bindAddress();
            String token = server.generatedAdminToken().orElse("<token>");
            out.println();
            out.println("Flock " + Version.current() + " is running (role all, data " + server.engine().config()
                    .dataDirectory().toAbsolutePath().normalize() + ")");
            out.println("  Arrow Flight SQL: grpc+" + (server.tls() ? "tls" : "tcp") + "://" + host + ":" + server.flightPort());
            out.println("  HTTP:             http" + (server.tls() ? "s" : "") + "://" + host + ":" + server.httpPort()
                    + "/v1/health");
            out.println("  JDBC URL (Arrow Flight SQL JDBC driver):");
            out.println("    jdbc:arrow-flight-sql://" + host + ":" + server.flightPort() + "?useEncryption="
                    + server.tls() + "&user=admin&password=" + token);
            server.generatedAdminToken().ifPresent(t -> {
                out.println("  Token of user 'admin' (shown only now; keep it safe): " + t);
            });
            if (server.generatedAdminToken().isEmpty()) {
                out.println("  Log in as 'admin' with its token (FLOCK_ADMIN_TOKEN on first start).");
            }
            out.println("Press Ctrl-C to stop.");
            out.flush();
        }
    }

    /** {@code flock token}: prints a new random token, e.g. for FLOCK_ADMIN_TOKEN. */
    @Command(name = "token", mixinStandardHelpOptions = true,
            description = "Print a new random token (for FLOCK_ADMIN_TOKEN).")
    static final class TokenCommand implements Callable<Integer> {
        @Override
        public Integer call() {
            System.out.println(Tokens.issue("admin").text());
            return 0;
        }
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"flock " + Version.current()};
        }
    }
}
