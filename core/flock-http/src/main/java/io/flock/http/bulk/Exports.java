package io.flock.http.bulk;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flock.engine.FlockEngine;
import io.flock.engine.bulk.BulkCodec;
import io.flock.engine.bulk.FileOptions;
import io.flock.engine.catalog.Principal;
import io.flock.engine.query.RunningQuery;
import io.flock.engine.query.Session;
import io.flock.spi.ErrorCode;
import io.flock.spi.FlockException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * {@code /v1/export}: runs a query through the engine and streams its result as a file; and
 * parallel exports ({@code /v1/export/parts}), whose result is staged once and served as row
 * ranges, each fetched on its own.
 */
final class Exports {
    static final String QUERY_ID_HEADER = "x-flock-query-id";
    private static final int MAX_SQL_BYTES = 1024 * 1024;
    private static final int MAX_PARTS = 1024;

    private final FlockEngine engine;
    private final BulkCodec codec;
    private final Spool spool;
    private final ExportWriter writer;
    private final BufferAllocator allocator;
    private final IdleRegistry<StagedExport> staged;

    Exports(FlockEngine engine, BulkCodec codec, Spool spool, ExportWriter writer, BufferAllocator allocator,
            BulkConfig config) {
        this.engine = requireNonNull(engine, "engine is null");
        this.codec = requireNonNull(codec, "codec is null");
        this.spool = requireNonNull(spool, "spool is null");
        this.writer = requireNonNull(writer, "writer is null");
        this.allocator = requireNonNull(allocator, "allocator is null");
        this.staged = new IdleRegistry<>("parallel export", "exp-", config.idleTimeout(), e -> Spool.delete(e.file()));
    }

    /**
     * A query result staged for a parallel export, cut into {@code parts} row ranges when it was
     * staged: this count, not anything a part URL says, decides which rows a part holds.
     */
    record StagedExport(Path file, long rows, int parts, String queryId) {
        /** The first row of part {@code part}; {@code part == parts} gives the row count. */
        long firstRow(int part) {
            return java.math.BigInteger.valueOf(rows).multiply(java.math.BigInteger.valueOf(part))
                    .divide(java.math.BigInteger.valueOf(parts)).longValueExact();
        }

        /** The number of rows in part {@code part}. */
        long rowsOf(int part) {
            return firstRow(part + 1) - firstRow(part);
        }
    }

    /** {@code GET /v1/export?sql=…} or {@code POST /v1/export} with the SQL as the body. */
    void export(Principal principal, Request request, Response response, Callback callback) {
        Fields parameters = Request.extractQueryParameters(request);
        FileOptions options = BulkParameters.fileOptions(parameters);
        Compression compression = BulkParameters.compression(parameters);
        RunningQuery query = start(principal, request, parameters);
        response.getHeaders().put(QUERY_ID_HEADER, query.id().value());
        ArrowReader rows = new QueryBatches(query.reader().orElseThrow(), query, allocator);
        Throwable failure = HttpBodies.stream(response, callback, options.format().mediaType(),
                "export." + options.format().extension(), compression,
                out -> writer.write(rows, options, out, query::clientGone));
        if (failure == null) {
            query.finish();
        } else {
            query.fail(failure);
        }
    }

    /** {@code GET /v1/export/parts?sql=…&parts=N}: stages the result and answers the part URLs. */
    void parts(Principal principal, Request request, Response response, Callback callback) {
        Fields parameters = Request.extractQueryParameters(request);
        FileOptions options = BulkParameters.fileOptions(parameters);
        Compression compression = BulkParameters.compression(parameters);
        int parts = BulkParameters.positiveInt(parameters, "parts", 4, MAX_PARTS);
        RunningQuery query = start(principal, request, parameters);
        Path file = spool.newFile("export-staged", "parquet");
        long rows;
        try {
            rows = codec.stage(new QueryBatches(query.reader().orElseThrow(), query, allocator), allocator, file);
            query.finish();
        } catch (RuntimeException e) {
            Spool.delete(file);
            throw query.fail(e);
        }
        StagedExport export = new StagedExport(file, rows, parts, query.id().value());
        String id = staged.add(principal, export);
        String formatQuery = BulkParameters.formatQuery(options, compression);
        ObjectNode body = HttpBodies.object();
        body.put("exportId", id);
        body.put("queryId", export.queryId());
        body.put("rows", rows);
        ArrayNode list = body.putArray("parts");
        for (int part = 0; part < parts; part++) {
            ObjectNode entry = list.addObject();
            entry.put("part", part);
            entry.put("rows", export.rowsOf(part));
            entry.put("url", "/v1/export/parts/" + id + "/" + part + "?" + formatQuery);
        }
        response.getHeaders().put(QUERY_ID_HEADER, export.queryId());
        HttpBodies.json(response, callback, 200, body);
    }

    /**
     * {@code GET /v1/export/parts/{id}/{part}?format=…}: one row range of a staged result. The
     * export's own part count (fixed when it was staged) decides the range; a {@code parts}
     * parameter is not needed, and one that disagrees with that count is refused.
     */
    void part(Principal principal, String id, String partText, Request request, Response response, Callback callback) {
        StagedExport export = staged.get(principal, id);
        Fields parameters = Request.extractQueryParameters(request);
        FileOptions options = BulkParameters.fileOptions(parameters);
        Compression compression = BulkParameters.compression(parameters);
        if (parameters.getValue("parts") != null) {
            int claimed = BulkParameters.positiveInt(parameters, "parts", export.parts(), MAX_PARTS);
            if (claimed != export.parts()) {
                throw new FlockException(ErrorCode.INVALID_ARGUMENT, "Parallel export '" + id + "' was staged in "
                        + export.parts() + " parts, but this part URL says parts=" + claimed
                        + ": use the part URLs the export answered (the 'parts' parameter is not needed)");
            }
        }
        int part = partNumber(id, export, partText);
        long first = export.firstRow(part);
        long count = export.rowsOf(part);
        response.getHeaders().put(QUERY_ID_HEADER, export.queryId());
        try (ArrowReader rows = codec.readStaged(export.file(), first, count, allocator)) {
            HttpBodies.stream(response, callback, options.format().mediaType(),
                    "export-part-" + part + "." + options.format().extension(), compression,
                    out -> writer.write(rows, options, out, () -> { }));
        } catch (IOException e) {
            // closing the staged reader; the response is already complete or aborted
        }
    }

    /** {@code DELETE /v1/export/parts/{id}}. */
    void deleteParts(Principal principal, String id, Response response, Callback callback) {
        StagedExport export = staged.remove(principal, id);
        if (export != null) {
            Spool.delete(export.file());
        }
        ObjectNode body = HttpBodies.object();
        body.put("exportId", id);
        body.put("deleted", true);
        HttpBodies.json(response, callback, 200, body);
    }

    boolean isExportId(String text) {
        return staged.isId(text);
    }

    void expire() {
        staged.expire(e -> false);
    }

    void discardAll() {
        staged.discardAll();
    }

    /** The part number in a part URL, checked against the export's own part count. */
    private static int partNumber(String id, StagedExport export, String partText) {
        int part;
        try {
            part = Integer.parseInt(partText);
        } catch (NumberFormatException e) {
            throw new FlockException(ErrorCode.INVALID_ARGUMENT, "The part '" + partText + "' of parallel export '"
                    + id + "' is not a number: parts are numbered 0 to " + (export.parts() - 1));
        }
        if (part < 0 || part >= export.parts()) {
            throw new FlockException(ErrorCode.NOT_FOUND, "Parallel export '" + id + "' has no part " + part
                    + ": it was staged in " + export.parts() + " parts, numbered 0 to " + (export.parts() - 1));
        }
        return part;
    }

    /** Submits the export's query and waits until it runs; errors so far answer with their status. */
    private RunningQuery start(Principal principal, Request request, Fields parameters) {
        String sql = request.getMethod().equals("POST") && parameters.getValue("sql") == null
                ? body(request) : BulkParameters.required(parameters, "sql");
        Session session = engine.session(principal, Optional.ofNullable(parameters.getValue("database")));
        if (engine.prepare(session, sql).resultSchema().getFields().isEmpty()) {
            throw new FlockException(ErrorCode.INVALID_ARGUMENT, "An export needs a query that returns rows: " + sql);
        }
        RunningQuery query = engine.submit(session, sql, List.of(), allocator);
        query.claim();
        try {
            query.awaitStarted();
        } catch (RuntimeException e) {
            throw query.fail(e);
        }
        if (query.reader().isEmpty()) {
            throw query.fail(new FlockException(ErrorCode.INVALID_ARGUMENT, "An export needs a query that returns rows"));
        }
        return query;
    }

    private static String body(Request request) {
        try (InputStream in = Content.Source.asInputStream(request)) {
            byte[] bytes = in.readNBytes(MAX_SQL_BYTES + 1);
            if (bytes.length > MAX_SQL_BYTES) {
                throw new FlockException(ErrorCode.INVALID_ARGUMENT, "The SQL of an export may be at most "
                        + MAX_SQL_BYTES + " bytes");
            }
            String sql = new String(bytes, StandardCharsets.UTF_8);
            if (sql.isBlank()) {
                throw new FlockException(ErrorCode.INVALID_ARGUMENT, "POST /v1/export needs the SQL as its body"
                        + " (or the query parameter 'sql')");
            }
            return sql;
        } catch (IOException e) {
            throw new FlockException(ErrorCode.IO_ERROR, "Reading the SQL of the export failed: " + e.getMessage(), e);
        }
    }
}
