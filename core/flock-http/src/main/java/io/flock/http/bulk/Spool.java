package io.flock.http.bulk;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Names, creates (named pipes) and deletes the files of bulk transfers in the spool directory. */
final class Spool {
    private static final Logger log = LoggerFactory.getLogger(Spool.class);

    private final Path directory;
    private final NamedPipes pipes = new NamedPipes();

    Spool(Path directory) {
        this.directory = requireNonNull(directory, "directory is null");
    }

    /** A new, not yet existing file name such as {@code upload-<uuid>.csv}. */
    Path newFile(String purpose, String extension) {
        return directory.resolve(purpose + "-" + UUID.randomUUID() + "." + extension);
    }

    /**
     * A new named pipe such as {@code export-<uuid>.csv}, or empty where this system has none
     * ({@link NamedPipes}).
     */
    Optional<Path> newPipe(String purpose, String extension) {
        return pipes.create(newFile(purpose, extension));
    }

    static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Cannot delete the spool file {}: {}", file, e.getMessage());
        }
    }
}
