package io.flock.cli;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * What the CLI takes from its process: standard streams, environment, the history file and how to
 * open the terminal of the interactive shell. {@link #system()} is the real process; tests pass
 * their own streams, environment and a terminal over piped streams.
 *
 * @param in standard input (read by {@code -f -})
 * @param out standard output: results
 * @param err standard error: errors
 * @param environment the environment variables ({@code FLOCK_TOKEN}, {@code FLOCK_HOST}, …)
 * @param historyFile where the shell keeps its history
 * @param terminals opens the shell's terminal
 */
public record CliContext(InputStream in, PrintStream out, PrintStream err, Map<String, String> environment,
                         Path historyFile, TerminalFactory terminals) {
    /** Opens a JLine terminal. */
    @FunctionalInterface
    public interface TerminalFactory {
        Terminal open() throws IOException;
    }

    public CliContext {
        requireNonNull(in, "in is null");
        requireNonNull(out, "out is null");
        requireNonNull(err, "err is null");
        environment = Map.copyOf(requireNonNull(environment, "environment is null"));
        requireNonNull(historyFile, "historyFile is null");
        requireNonNull(terminals, "terminals is null");
    }

    /** This process: System streams and environment, {@code ~/.flock_history}, the system terminal. */
    public static CliContext system() {
        return new CliContext(System.in, System.out, System.err, System.getenv(),
                Path.of(System.getProperty("user.home"), ".flock_history"),
                () -> TerminalBuilder.builder().name("flock").system(true).build());
    }
}
