package io.flock.client.bulk;

import java.io.IOException;
import java.io.InputStream;

/** Opens the content of one part of a parallel import; called once, from the import's threads. */
@FunctionalInterface
public interface PartSource {
    InputStream open() throws IOException;
}
