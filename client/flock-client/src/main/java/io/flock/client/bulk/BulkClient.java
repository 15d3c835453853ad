package io.flock.client.bulk;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

/**
 * Bulk export and import over the server's HTTP port (client property {@code http-port}), with the
 * client's credentials, database and TLS settings. Get it from
 * {@link io.flock.client.FlockClient#bulk()}.
 *
 * <p>Every method blocks until the transfer is complete and throws a
 * {@link io.flock.client.FlockException} on failure: the server's error (with its code, SQLSTATE
 * and query id), or a {@link io.flock.client.FlockConnectionException} when a transfer broke off —
 * an export that did not end completely is never reported as a success. Thread-safe.
 */
public interface BulkClient {
    /** Streams the result of {@code sql} into {@code out} as a file laid out per {@code options}. */
    ExportResult export(String sql, BulkOptions options, OutputStream out);

    /**
     * Exports {@code sql} as {@code parts} parts fetched concurrently, each handed to
     * {@code consumer}; the parts together hold every row of the result exactly once. Returns the
     * total bytes and rows.
     */
    ExportResult exportParallel(String sql, int parts, BulkOptions options, PartConsumer consumer);

    /**
     * Imports the file {@code content} into {@code table} ({@code name}, {@code schema.name}) of the
     * client's database, all or nothing.
     */
    ImportResult importFrom(String table, InputStream content, BulkOptions options);

    /**
     * Imports several files into {@code table} as one import: they are uploaded concurrently
     * (at most {@code parallelism} at once), and written together in one transaction once every
     * upload succeeded; if any fails, nothing is written.
     */
    ImportResult importParallel(String table, List<PartSource> parts, BulkOptions options, int parallelism);
}
