package io.flock.cli.format;

import io.flock.client.Column;
import java.io.PrintWriter;
import java.util.Iterator;
import java.util.List;

/**
 * Writes the rows of one result in one output format. Implementations are stateless and
 * thread-safe; one call writes one complete result.
 */
public interface ResultFormatter {
    /**
     * Writes {@code rows} (each a list of values in column order, nulls allowed) to {@code out}.
     *
     * @return the number of rows written
     */
    long write(List<Column> columns, Iterator<List<Object>> rows, PrintWriter out);
}
