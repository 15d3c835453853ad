package io.flock.engine.bulk;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * One piece of a CSV or TSV upload that arrives in pieces: a spool file holding whole records
 * (never a record cut in two), and where it starts in the upload.
 *
 * @param file the piece, inside the spool directory
 * @param number 0 for the first piece (the one holding the header line, if any), then 1, 2, …
 * @param firstLine the line of the upload its first record is on (1 for the first piece), lines
 *     counted as the CSV reader counts them: record ends, so a line break inside a quoted value
 *     does not start a new line
 * @param lineBreak how the records of the upload end, as its first record ends; empty when no
 *     record end has been seen (the reader then finds out itself)
 */
public record UploadPiece(java.nio.file.Path file, int number, long firstLine, Optional<LineBreak> lineBreak) {
    public UploadPiece {
        requireNonNull(file, "file is null");
        requireNonNull(lineBreak, "lineBreak is null");
        if (number < 0 || firstLine < 1) {
            throw new IllegalArgumentException("number must not be negative and firstLine must be positive");
        }
    }
}
