package io.flock.cli.ingest;

import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the row a server's rejection of a batch names, as a row of the stream: the ingest check
 * says {@code row N of the batch (row M of the stream)} (0-based), the primary-key storage
 * {@code Row N of the CHANGES write} (1-based; a rejected batch is written on its own).
 */
final class RejectedRow {
    private static final Pattern STREAM_ROW = Pattern.compile("\\(row (\\d+) of the stream\\)");
    private static final Pattern BATCH_ROW = Pattern.compile("\\brow (\\d+) of the batch\\b");
    private static final Pattern WRITE_ROW = Pattern.compile("\\bRow (\\d+) of the [A-Z_]+ write\\b");

    private RejectedRow() {
    }

    /**
     * The stream row (0-based) the message names.
     *
     * @param batchFirstRow the rejected batch's first row in the stream; -1 if unknown
     * @return empty if the message names no row, or only one in the batch and its start is unknown
     */
    static OptionalLong streamRow(String message, long batchFirstRow) {
        if (message == null) {
            return OptionalLong.empty();
        }
        Matcher stream = STREAM_ROW.matcher(message);
        if (stream.find()) {
            return OptionalLong.of(Long.parseLong(stream.group(1)));
        }
        if (batchFirstRow < 0) {
            return OptionalLong.empty();
        }
        Matcher batch = BATCH_ROW.matcher(message);
        if (batch.find()) {
            return OptionalLong.of(batchFirstRow + Long.parseLong(batch.group(1)));
        }
        Matcher write = WRITE_ROW.matcher(message);
        if (write.find() && Long.parseLong(write.group(1)) >= 1) {
            return OptionalLong.of(batchFirstRow + Long.parseLong(write.group(1)) - 1);
        }
        return OptionalLong.empty();
    }
}
