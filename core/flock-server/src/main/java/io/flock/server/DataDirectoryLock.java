package io.flock.server;

import io.flock.spi.ErrorCode;
import io.flock.spi.FlockException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive OS lock on {@code <data>/flock.lock}, held while a server runs, so that a second
 * server on the same data directory is refused instead of corrupting it. The OS drops the lock
 * when the process dies, so a crash never leaves a stale lock behind.
 */
final class DataDirectoryLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private DataDirectoryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static DataDirectoryLock acquire(Path directory) {
        Path file = directory.resolve("flock.lock");
        try {
            Files.createDirectories(directory);
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                throw new FlockException(ErrorCode.INVALID_ARGUMENT, "Another Flock server is already using the data"
                        + " directory " + directory.toAbsolutePath() + " (it holds the lock on " + file.getFileName()
                        + "); stop it first or choose another directory with --data");
            }
            channel.truncate(0);
            channel.write(java.nio.ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes()));
            return new DataDirectoryLock(channel, lock);
        } catch (IOException e) {
            throw new FlockException(ErrorCode.IO_ERROR, "Cannot lock the data directory " + directory.toAbsolutePath()
                    + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            // the lock goes with the process anyway
        }
    }
}
