package io.flock.cli.ingest;

import java.io.IOException;
import java.util.Optional;

/** Reads input records one by one; a record that cannot be read throws {@link BadInputException}. */
public interface RecordSource extends AutoCloseable {
    Optional<InputRecord> next() throws IOException;

    @Override
    void close() throws IOException;
}
