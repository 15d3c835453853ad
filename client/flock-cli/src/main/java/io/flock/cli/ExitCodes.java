package io.flock.cli;

/** The exit codes of {@code flock sql} (docs/cli.md). */
public final class ExitCodes {
    /** Every statement succeeded. */
    public static final int OK = 0;
    /** A statement failed on the server (syntax, missing table, permission, cancel, …). */
    public static final int STATEMENT_FAILED = 1;
    /** Bad flags or settings, or an unreadable script file (picocli's usage code). */
    public static final int USAGE = 2;
    /** The server could not be reached, or rejected the credentials. */
    public static final int CONNECTION_FAILED = 3;

    private ExitCodes() {}
}
