package io.flock.cli.ingest;

/** An input record that cannot become a row, with the line it starts on. */
public final class BadInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final long line;

    public BadInputException(long line, String message) {
        super("line " + line + ": " + message);
        this.line = line;
    }

    public long line() {
        return line;
    }
}
