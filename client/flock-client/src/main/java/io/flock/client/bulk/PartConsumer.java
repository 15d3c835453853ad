package io.flock.client.bulk;

import java.io.IOException;
import java.io.InputStream;

/**
 * Receives one part of a parallel export. Called concurrently, once per part, from the export's
 * threads; {@code content} is the part's file as sent, to read to its end (a part cut off by a
 * failure throws an IOException while read).
 */
@FunctionalInterface
public interface PartConsumer {
    /**
     * @param part the part's number, from 0
     * @param content the part's bytes
     */
    void accept(int part, InputStream content) throws IOException;
}
