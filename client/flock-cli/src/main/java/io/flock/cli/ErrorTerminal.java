package io.flock.cli;

import java.io.File;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * Whether this process's standard error is a terminal: progress lines and bars are drawn there, so
 * that is the stream that decides whether to draw them. Java 17's {@code System.console()} asks
 * about standard input and output instead, so {@code flock import … 2>log} on a terminal would
 * write bars into the log. On POSIX systems {@code test -t 2} runs with this process's standard
 * error (once per process); elsewhere, or if that cannot run, {@code System.console()} decides.
 */
public final class ErrorTerminal {
    private static volatile Boolean answer;

    private ErrorTerminal() {
    }

    /** Whether standard error is a terminal. */
    public static boolean isTerminal() {
        Boolean known = answer;
        if (known == null) {
            known = probe();
            answer = known;
        }
        return known;
    }

    private static boolean probe() {
        if (File.separatorChar != '/') {
            return System.console() != null;
        }
        try {
            Process test = new ProcessBuilder("sh", "-c", "test -t 2")
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.INHERIT) // the same standard error as this process
                    .start();
            if (!test.waitFor(5, TimeUnit.SECONDS)) {
                test.destroyForcibly();
                return System.console() != null;
            }
            return test.exitValue() == 0;
        } catch (IOException e) {
            return System.console() != null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return System.console() != null;
        }
    }
}
