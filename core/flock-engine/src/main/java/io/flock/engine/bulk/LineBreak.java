package io.flock.engine.bulk;

/** How the records of a CSV or TSV file end. */
public enum LineBreak {
    /** A line feed, {@code \n}. */
    LF("\\n"),
    /** A carriage return and a line feed, {@code \r\n}. */
    CRLF("\\r\\n");

    private final String escaped;

    LineBreak(String escaped) {
        this.escaped = escaped;
    }

    /**
     * As DuckDB's CSV reader takes it in its {@code new_line} option: {@code \n} or {@code \r\n}
     * spelled with backslashes.
     */
    public String escaped() {
        return escaped;
    }
}
