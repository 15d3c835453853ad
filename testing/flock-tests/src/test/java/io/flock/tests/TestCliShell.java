package io.flock.tests;

import static io.flock.tests.CliTestSupport.adminEnvironment;
import static org.assertj.core.api.Assertions.assertThat;

import io.flock.cli.CliContext;
import io.flock.cli.SqlCommand;
import io.flock.testing.TestingFlockServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The interactive shell of {@code flock sql} on a JLine dumb terminal over piped streams. */
class TestCliShell {
    @Test
    void runsStatementsAndBackslashCommandsUntilQuit(@TempDir Path directory) throws Exception {
        String typed = String.join("\n",
                "SELECT 41 + 1 AS answer;",
                "SELECT 'multi'",
                "  AS line;",
                "\\l",
                "\\q",
                "SELECT 'never run';",
                "");
        ByteArrayOutputStream terminalOutput = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Path history = directory.resolve("history");
        try (TestingFlockServer server = TestingFlockServer.create()) {
            CliContext context = new CliContext(new ByteArrayInputStream(new byte[0]),
                    new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8), adminEnvironment(server), history,
                    () -> new DumbTerminal("test", "dumb", new ByteArrayInputStream(typed.getBytes(StandardCharsets.UTF_8)),
                            terminalOutput, StandardCharsets.UTF_8));

            int exitCode = new CommandLine(new SqlCommand(context)).execute();

            assertThat(exitCode).isZero();
            assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
        }
        String output = terminalOutput.toString(StandardCharsets.UTF_8);
        assertThat(output)
                .contains(" answer\n")
                .contains("     42\n")
                .contains(" line\n")
                .contains(" multi\n")
                .contains(" default_db")
                .contains("(1 row, ")
                .doesNotContain("never run");
        assertThat(Files.readString(history)).contains("SELECT 41 + 1 AS answer;").contains("AS line;");
    }
}
