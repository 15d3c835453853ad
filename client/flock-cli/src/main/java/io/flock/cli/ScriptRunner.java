package io.flock.cli;

import static java.util.Objects.requireNonNull;

import io.flock.client.FlockException;
import java.io.PrintWriter;
import java.util.List;

/**
 * Runs the statements of {@code -e} or {@code -f} in order and stops at the first that fails.
 * Writes only results to standard output (no status lines), so the output can be piped.
 */
final class ScriptRunner {
    private final StatementExecutor executor;
    private final PrintWriter err;

    ScriptRunner(StatementExecutor executor, PrintWriter err) {
        this.executor = requireNonNull(executor, "executor is null");
        this.err = requireNonNull(err, "err is null");
    }

    /** Runs {@code script}; the {@link ExitCodes exit code}. */
    int run(String script) {
        List<String> statements = StatementSplitter.split(script).all();
        for (String statement : statements) {
            try {
                executor.execute(statement);
            }
            catch (FlockException e) {
                ErrorReporter.report(e, err);
                return ErrorReporter.exitCode(e);
            }
        }
        return ExitCodes.OK;
    }
}
