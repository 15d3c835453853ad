package io.flock.http.bulk;

import static java.util.Objects.requireNonNull;

import io.flock.spi.ErrorCode;
import io.flock.spi.FlockException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An import assembled from parts uploaded concurrently: each part is staged on its own and
 * nothing reaches the table until {@link #close} hands the parts to the commit.
 *
 * <p>Thread-safe.
 */
final class ParallelImport {
    private final ImportTarget target;
    private final List<Part> parts = new ArrayList<>();
    private int uploading;
    private int nextPart;
    private boolean closed;

    ParallelImport(ImportTarget target) {
        this.target = requireNonNull(target, "target is null");
    }

    /** A staged part: its file and row count. */
    record Part(int number, Path file, long rows) {
    }

    ImportTarget target() {
        return target;
    }

    /** Registers an upload that is about to stage; returns its part number. */
    synchronized int beginUpload(String id) {
        if (closed) {
            throw new FlockException(ErrorCode.NOT_FOUND, "Import '" + id + "' was committed or rolled back");
        }
        uploading++;
        return nextPart++;
    }

    /** Adds a staged part, or deletes it if the import ended meanwhile; false then. */
    synchronized boolean endUpload(Part part) {
        uploading--;
        if (part == null) {
            return false;
        }
        if (closed) {
            Spool.delete(part.file());
            return false;
        }
        parts.add(part);
        return true;
    }

    synchronized boolean isUploading() {
        return uploading > 0;
    }

    /**
     * Ends the import for its commit and returns its parts in part order.
     *
     * @throws FlockException TRANSACTION_CONFLICT while uploads are still staging
     */
    synchronized List<Part> closeForCommit(String id) {
        if (uploading > 0) {
            throw new FlockException(ErrorCode.TRANSACTION_CONFLICT, "Import '" + id + "' still has " + uploading
                    + " upload(s) in progress; commit once every upload has been answered");
        }
        closed = true;
        List<Part> sorted = new ArrayList<>(parts);
        sorted.sort(java.util.Comparator.comparingInt(Part::number));
        return sorted;
    }

    /** Ends the import without writing and deletes its staged parts. */
    synchronized void discard() {
        closed = true;
        parts.forEach(part -> Spool.delete(part.file()));
        parts.clear();
    }
}
