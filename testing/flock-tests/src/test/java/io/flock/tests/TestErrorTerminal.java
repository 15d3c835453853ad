package io.flock.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.flock.cli.ErrorTerminal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The CLI draws progress on standard error only when standard error is a terminal: checked in a
 * real pseudo-terminal (util-linux {@code script}), with standard error on it and redirected to a
 * file while standard input and output stay on it (where {@code System.console()} would say yes).
 * Skipped where {@code script} is missing.
 */
class TestErrorTerminal {
    @Test
    void theTestJvmsStandardErrorIsNoTerminal() {
        assertThat(ErrorTerminal.isTerminal()).isFalse();
    }

    @Test
    void onlyStandardErrorDecides() throws Exception {
        assumeTrue(Commands.runs("script", "--version"), "util-linux script is not installed");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String probe = "'" + java + "' -cp '" + System.getProperty("java.class.path") + "' "
                + ErrorTerminalProbe.class.getName();
        assertThat(inPseudoTerminal(probe)).contains("stderr-terminal=true");
        assertThat(inPseudoTerminal(probe + " 2>/dev/null")).contains("stderr-terminal=false");
    }

    /** Runs {@code command} with a pseudo-terminal as its standard input, output and error; its output. */
    private static String inPseudoTerminal(String command) throws Exception {
        Process process = new ProcessBuilder(List.of("script", "-qec", command, "/dev/null"))
                .redirectInput(ProcessBuilder.Redirect.PIPE).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return output;
    }
}
