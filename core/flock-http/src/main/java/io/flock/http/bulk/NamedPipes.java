package io.flock.http.bulk;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Named pipes (FIFOs) in the spool directory, through which the bulk codec's DuckDB writes an
 * export straight to the HTTP thread: no bytes on disk, the first ones leave while DuckDB still
 * writes, and a pipe takes only sequential writes (a writer that seeks fails instead of leaving
 * holes). Java cannot make a FIFO itself, so {@code mkfifo} does; where it is missing (Windows),
 * {@link #create} answers empty once and for all and exports fall back to spool files.
 *
 * <p>Thread-safe.
 */
final class NamedPipes {
    private static final Logger log = LoggerFactory.getLogger(NamedPipes.class);
    private static final long MKFIFO_TIMEOUT_SECONDS = 10;

    private final AtomicBoolean unavailable = new AtomicBoolean();

    /** Creates the FIFO {@code path} (mode 600); empty when this system cannot. */
    Optional<Path> create(Path path) {
        if (unavailable.get()) {
            return Optional.empty();
        }
        try {
            // no pipes to the child: nothing of it is read, so no descriptor of ours is in play
            Process mkfifo = new ProcessBuilder("mkfifo", "-m", "600", path.toString())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            if (!mkfifo.waitFor(MKFIFO_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                mkfifo.destroyForcibly();
                log.warn("mkfifo {} did not end within {} s; this export goes through a spool file", path,
                        MKFIFO_TIMEOUT_SECONDS);
                return Optional.empty();
            }
            if (mkfifo.exitValue() != 0) {
                log.warn("mkfifo {} failed with exit code {}; this export goes through a spool file", path,
                        mkfifo.exitValue());
                return Optional.empty();
            }
            return Optional.of(path);
        } catch (IOException e) {
            if (unavailable.compareAndSet(false, true)) {
                log.info("No mkfifo on this system ({}): exports go through spool files, each sent once written",
                        e.getMessage());
            }
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /**
     * Lets a reader blocked opening {@code pipe} go on (it then reads the end of the stream): opening
     * a FIFO for reading waits for a writer, and a writer that failed before it opened the pipe would
     * otherwise leave the reader waiting forever. Opening for reading and writing does not wait. Safe
     * at any time: the pipe's data is untouched.
     */
    static void release(Path pipe) {
        try (FileChannel ignored = FileChannel.open(pipe, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            // opened and closed: a blocked open for reading has returned
        } catch (IOException e) {
            log.debug("Cannot release the pipe {}: {}", pipe, e.getMessage());
        }
    }

    /**
     * {@link #release Releases} {@code pipe} until {@code done}: the writer's side, once it is done,
     * until the reader's open returned (so a reader that had not yet begun to open the pipe cannot be
     * left waiting either); the reader's side, once it failed, until the writer ended (a writer
     * blocked opening the pipe goes on and fails at its first write, as there is no reader).
     */
    static void releaseUntil(Path pipe, BooleanSupplier done) {
        while (!done.getAsBoolean()) {
            release(pipe);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }
}
