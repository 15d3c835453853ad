package io.flock.cli;

import static java.util.Objects.requireNonNull;

import io.flock.client.FlockCancelledException;
import io.flock.client.FlockException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;

/**
 * The read-execute loop of {@code flock sql} on a JLine terminal: history in a file, statements
 * ending with {@code ;} over any number of lines, backslash commands, a status line per statement.
 * Ctrl-C while a query runs cancels it (by id, on the server) and keeps the shell; Ctrl-C at the
 * prompt drops the input; Ctrl-D or {@code \q} ends the shell.
 */
final class InteractiveShell {
    static final String PROMPT = "flock> ";
    static final String CONTINUATION_PROMPT = "    -> ";

    private final Terminal terminal;
    private final Path historyFile;
    private final StatementExecutor executor;
    private final ShellCommands commands;

    InteractiveShell(Terminal terminal, Path historyFile, StatementExecutor executor, ShellCommands commands) {
        this.terminal = requireNonNull(terminal, "terminal is null");
        this.historyFile = requireNonNull(historyFile, "historyFile is null");
        this.executor = requireNonNull(executor, "executor is null");
        this.commands = requireNonNull(commands, "commands is null");
    }

    /** Runs until {@code \q} or end of input; the {@link ExitCodes exit code} (always OK: errors are shown, not fatal). */
    int run() {
        LineReader reader = LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("flock")
                .parser(new SqlLineParser())
                .variable(LineReader.HISTORY_FILE, historyFile)
                .variable(LineReader.SECONDARY_PROMPT_PATTERN, CONTINUATION_PROMPT)
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                .build();
        PrintWriter out = terminal.writer();
        out.println("Flock SQL shell. \\? for help, \\q to quit.");
        out.flush();
        while (true) {
            String input;
            try {
                input = reader.readLine(PROMPT);
            }
            catch (UserInterruptException e) {
                continue;
            }
            catch (EndOfFileException e) {
                break;
            }
            if (!handle(input.trim(), out)) {
                break;
            }
        }
        try {
            reader.getHistory().save();
        }
        catch (IOException e) {
            out.println("Could not save the history to " + historyFile + ": " + e.getMessage());
        }
        out.flush();
        return ExitCodes.OK;
    }

    /** Handles one complete input; false to end the shell. */
    private boolean handle(String input, PrintWriter out) {
        if (input.isEmpty()) {
            return true;
        }
        if (input.startsWith("\\")) {
            try {
                return commands.run(input);
            }
            catch (IllegalArgumentException e) {
                out.println(e.getMessage());
            }
            catch (FlockException e) {
                ErrorReporter.report(e, out);
            }
            out.flush();
            return true;
        }
        for (String statement : StatementSplitter.split(input).all()) {
            if (!execute(statement, out)) {
                break;
            }
        }
        return true;
    }

    private boolean execute(String statement, PrintWriter out) {
        Terminal.SignalHandler previous = terminal.handle(Terminal.Signal.INT, signal -> executor.cancelRunning());
        try {
            StatementOutcome outcome = executor.execute(statement);
            out.println(outcome.summary());
            return true;
        }
        catch (FlockCancelledException e) {
            out.println("Query cancelled" + e.queryId().map(id -> " (" + id + ")").orElse(""));
            return false;
        }
        catch (FlockException e) {
            ErrorReporter.report(e, out);
            return false;
        }
        finally {
            terminal.handle(Terminal.Signal.INT, previous);
            out.flush();
        }
    }
}
