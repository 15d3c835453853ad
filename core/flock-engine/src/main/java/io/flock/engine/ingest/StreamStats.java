package io.flock.engine.ingest;

import java.time.Instant;

/**
 * Counters of one ingest stream since the server started, for the system table
 * {@code flock.ingest_streams}.
 *
 * @param database the database
 * @param table the table as {@code schema.table}
 * @param streamId the stream id
 * @param userName the user who last opened it
 * @param mode the stream's mode
 * @param openedAt when it was first opened since the server started
 * @param lastSequence the last applied sequence; -1 if none
 * @param rows rows applied
 * @param batches batches applied
 * @param bytes Arrow bytes of the applied batches
 * @param retries batches received again (sent by a client retry or resume; the duplicates among
 *     them are also counted in {@code duplicates})
 * @param throttles batches refused because the server was full
 * @param duplicates batches acknowledged without being applied, because they had been before
 * @param rejected batches rejected by validation or by the table
 */
public record StreamStats(String database, String table, String streamId, String userName, StreamMode mode,
                          Instant openedAt, long lastSequence, long rows, long batches, long bytes, long retries,
                          long throttles, long duplicates, long rejected) {
}
