package io.flock.http.bulk;

import static java.util.Objects.requireNonNull;

import io.flock.spi.ErrorCode;
import io.flock.spi.FlockException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * An import assembled from parts uploaded concurrently: each part is staged on its own and
 * nothing reaches the table until {@link #closeForCommit} hands the parts to the one commit.
 *
 * <p>An import ends exactly once — committed, failed in its commit, or rolled back — and stays
 * in that state, so a second commit, a commit after a rollback or a rollback during or after a
 * commit is refused with TRANSACTION_CONFLICT (409) naming the state, never run twice.
 *
 * <p>Thread-safe.
 */
final class ParallelImport {
    /** Where an import is in its life; only {@link #OPEN} takes parts, a commit or a rollback. */
    enum State {
        OPEN("open"),
        COMMITTING("already being committed"),
        COMMITTED("already committed"),
        FAILED("already committed and its commit failed (nothing was imported)"),
        ROLLED_BACK("already rolled back");

        private final String description;

        State(String description) {
            this.description = description;
        }
    }

    private final ImportTarget target;
    private final List<Part> parts = new ArrayList<>();
    private int uploading;
    private int nextPart;
    private State state = State.OPEN;

    ParallelImport(ImportTarget target) {
        this.target = requireNonNull(target, "target is null");
    }

    /** A staged part: its file and row count. */
    record Part(int number, Path file, long rows) {
    }

    ImportTarget target() {
        return target;
    }

    /**
     * Registers an upload that is about to stage; returns its part number.
     *
     * @throws FlockException TRANSACTION_CONFLICT once the import is committing or has ended
     */
    synchronized int beginUpload(String id) {
        if (state != State.OPEN) {
            throw ended(id, "parts can no longer be added; begin a new import");
        }
        uploading++;
        return nextPart++;
    }

    /**
     * Adds a staged part (null: its staging failed).
     *
     * @throws FlockException TRANSACTION_CONFLICT, with the part deleted, if the import was
     *         committed or rolled back while the part was staged
     */
    synchronized void endUpload(String id, Part part) {
        uploading--;
        if (part == null) {
            return;
        }
        if (state != State.OPEN) {
            Spool.delete(part.file());
            throw ended(id, "part " + part.number() + " arrived after that and was discarded");
        }
        parts.add(part);
    }

    /** Whether the idle reaper must leave the import alone: uploads are staging or its commit runs. */
    synchronized boolean isBusy() {
        return uploading > 0 || state == State.COMMITTING;
    }

    /**
     * Starts the one commit of the import and returns its parts in part order; the caller reports
     * the outcome with {@link #committed}.
     *
     * @throws FlockException TRANSACTION_CONFLICT while uploads are still staging, or when the
     *         import is already committing, committed or rolled back
     */
    synchronized List<Part> closeForCommit(String id) {
        if (state != State.OPEN) {
            throw ended(id, "it cannot be committed again");
        }
        if (uploading > 0) {
            throw new FlockException(ErrorCode.TRANSACTION_CONFLICT, "Import '" + id + "' still has " + uploading
                    + " upload(s) in progress; commit once every upload has been answered");
        }
        state = State.COMMITTING;
        List<Part> sorted = new ArrayList<>(parts);
        sorted.sort(Comparator.comparingInt(Part::number));
        return sorted;
    }

    /** Ends the commit begun with {@link #closeForCommit}: deletes the staged parts and records the outcome. */
    synchronized void committed(boolean succeeded) {
        deleteParts();
        state = succeeded ? State.COMMITTED : State.FAILED;
    }

    /**
     * Rolls the import back: deletes its staged parts (parts still staging are deleted when they
     * arrive). Rolling back an import that is already rolled back, or whose commit failed, does
     * nothing more.
     *
     * @throws FlockException TRANSACTION_CONFLICT while it is being committed or once it is committed
     */
    synchronized void rollback(String id) {
        if (state == State.COMMITTING || state == State.COMMITTED) {
            throw ended(id, "it can no longer be rolled back");
        }
        if (state == State.OPEN) {
            state = State.ROLLED_BACK;
        }
        deleteParts();
    }

    /**
     * Ends the import without writing (expiry, shutdown) and deletes its staged parts; leaves a
     * running commit alone (it deletes the parts when it ends).
     */
    synchronized void discard() {
        if (state == State.COMMITTING) {
            return;
        }
        if (state == State.OPEN) {
            state = State.ROLLED_BACK;
        }
        deleteParts();
    }

    private void deleteParts() {
        parts.forEach(part -> Spool.delete(part.file()));
        parts.clear();
    }

    private FlockException ended(String id, String consequence) {
        return new FlockException(ErrorCode.TRANSACTION_CONFLICT, "Import '" + id + "' into " + target.qualifiedName()
                + " is " + state.description + ": " + consequence);
    }
}
