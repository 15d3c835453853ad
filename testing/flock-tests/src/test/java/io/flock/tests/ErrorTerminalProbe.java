package io.flock.tests;

import io.flock.cli.ErrorTerminal;

/** Prints whether the CLI sees its standard error as a terminal ({@link TestErrorTerminal}). */
public final class ErrorTerminalProbe {
    private ErrorTerminalProbe() {
    }

    public static void main(String[] args) {
        System.out.println("stderr-terminal=" + ErrorTerminal.isTerminal());
    }
}
