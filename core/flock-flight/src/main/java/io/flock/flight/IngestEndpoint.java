package io.flock.flight;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flock.engine.FlockEngine;
import io.flock.engine.catalog.Principal;
import io.flock.engine.ingest.BatchOutcome;
import io.flock.engine.ingest.GroupOutcome;
import io.flock.engine.ingest.IngestBatch;
import io.flock.engine.ingest.StreamMode;
import io.flock.engine.ingest.StreamOpening;
import io.flock.engine.query.Session;
import io.flock.spi.ErrorCode;
import io.flock.spi.FlockException;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import org.apache.arrow.flight.FlightProducer.StreamListener;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.PutResult;
import org.apache.arrow.flight.Result;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves ingest streams over Flight ({@link IngestProtocol}): the open action and the {@code DoPut}
 * that carries a stream's batches. Each batch is applied by the engine, exactly once, and
 * acknowledged after its commit; the first failure ends the call with Flock's error.
 */
final class IngestEndpoint {
    private static final Logger log = LoggerFactory.getLogger(IngestEndpoint.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Rows of the batches written in one transaction at most, when several wait ({@link BatchReceiver}):
     * eight DuckDB row groups of 122,880 rows. Large groups amortize the fixed cost of a write
     * (transaction, commit, stream position); a multiple of the row-group size keeps groups of
     * row-group-sized batches (the SDK's default) whole row groups, which DuckDB writes compressed
     * straight to the file instead of through its log (docs/ingest.md).
     */
    static final long MAX_GROUP_ROWS = 8 * 122_880;

    private final FlockEngine engine;
    private final BufferAllocator allocator;
    private final ExecutorService receivers;

    /** @param receivers runs the thread that reads each {@code DoPut}'s batches ({@link BatchReceiver}) */
    IngestEndpoint(FlockEngine engine, BufferAllocator allocator, ExecutorService receivers) {
        this.engine = requireNonNull(engine, "engine is null");
        this.allocator = requireNonNull(allocator, "allocator is null");
        this.receivers = requireNonNull(receivers, "receivers is null");
    }

    void open(Principal principal, byte[] body, StreamListener<Result> listener) {
        JsonNode request;
        try {
            request = JSON.readTree(body);
        } catch (IOException e) {
            throw new FlockException(ErrorCode.INVALID_ARGUMENT, "The body of " + IngestProtocol.OPEN_STREAM.getType()
                    + " is not JSON: " + e.getMessage());
        }
        String database = text(request, "database").orElse("");
        Session session = engine.session(principal, Optional.of(database).filter(d -> !d.isBlank()));
        StreamOpening opening = engine.openStream(session, text(request, "schema").orElse("main"),
                text(request, "table").orElseThrow(() -> missing("table")), text(request, "streamId"),
                mode(text(request, "mode").orElseThrow(() -> missing("mode"))));
        ObjectNode answer = JSON.createObjectNode();
        answer.put("database", opening.target().database());
        answer.put("schema", opening.target().table().schema());
        answer.put("table", opening.target().table().name());
        answer.put("streamId", opening.target().streamId());
        answer.put("nextSequence", opening.nextSequence());
        answer.put("committedRows", opening.committedRows());
        answer.put("opening", Long.toString(opening.target().opening()));
        opening.target().table().primaryKey().forEach(answer.putArray("primaryKey")::add);
        try {
            listener.onNext(new Result(JSON.writeValueAsBytes(answer)));
        } catch (IOException e) {
            throw new FlockException(ErrorCode.INTERNAL, "Cannot write the answer of " + IngestProtocol.OPEN_STREAM
                    .getType(), e);
        }
        listener.onNext(new Result(opening.target().table().columns().serializeAsMessage()));
        listener.onCompleted();
    }

    Runnable acceptPut(Principal principal, FlightStream stream, StreamListener<PutResult> acks) {
        return () -> {
            BatchReceiver receiver = null;
            try {
                List<String> path = stream.getDescriptor().getPath();
                if (path.size() != IngestProtocol.PATH_LENGTH && path.size() != IngestProtocol.PATH_LENGTH + 1) {
                    throw new FlockException(ErrorCode.INVALID_ARGUMENT, "An ingest descriptor path has "
                            + IngestProtocol.PATH_LENGTH + " or " + (IngestProtocol.PATH_LENGTH + 1) + " parts"
                            + " (flock.ingest, database, schema, table, stream id, mode[, opening]), not " + path.size());
                }
                Session session = engine.session(principal, Optional.of(path.get(1)));
                StreamOpening opening = engine.startSending(session, path.get(2), path.get(3), path.get(4),
                        mode(path.get(5)), path.size() > IngestProtocol.PATH_LENGTH
                                ? java.util.OptionalLong.of(openingToken(path.get(6))) : java.util.OptionalLong.empty());
                receiver = new BatchReceiver(stream, allocator, receivers);
                while (true) {
                    List<IngestBatch> group = receiver.nextGroup(MAX_GROUP_ROWS);
                    if (group.isEmpty()) {
                        break;
                    }
                    GroupOutcome outcome;
                    try {
                        outcome = engine.ingestBatches(session, opening.target(), group, allocator);
                    } finally {
                        group.forEach(batch -> batch.rows().close());
                    }
                    for (BatchOutcome applied : outcome.applied()) {
                        acknowledge(acks, applied);
                    }
                    if (outcome.failure().isPresent()) {
                        throw outcome.failure().get();
                    }
                }
                receiver.close(); // the call's end closes the stream: the reader must be done with it
                acks.onCompleted();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                if (receiver != null) {
                    receiver.close();
                }
                fail(acks, new FlockException(ErrorCode.SERVER_SHUTTING_DOWN, "The server is stopping; send the"
                        + " unacknowledged batches again"));
            } catch (RuntimeException e) {
                if (isCancelled(e)) {
                    log.debug("The client cancelled an ingest call: {}", e.toString());
                    return;
                }
                if (receiver != null) {
                    receiver.close(); // before the error ends the call and closes the stream the reader uses
                }
                fail(acks, e);
            } finally {
                if (receiver != null) {
                    receiver.close();
                }
            }
        };
    }

    private void acknowledge(StreamListener<PutResult> acks, BatchOutcome outcome) {
        byte[] ack = IngestProtocol.ack(outcome);
        try (ArrowBuf buffer = allocator.buffer(ack.length)) {
            buffer.writeBytes(ack);
            acks.onNext(PutResult.metadata(buffer));
        }
    }

    private static void fail(StreamListener<PutResult> acks, RuntimeException e) {
        try {
            acks.onError(FlightErrors.toFlight(e));
        } catch (RuntimeException gone) {
            log.debug("Cannot report an ingest failure to a client that went away: {}", gone.toString());
        }
    }

    /** The client went away (cancelled the call or the connection dropped): nobody to answer. */
    private static boolean isCancelled(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof io.grpc.StatusRuntimeException status
                    && status.getStatus().getCode() == io.grpc.Status.Code.CANCELLED) {
                return true;
            }
            if (t instanceof org.apache.arrow.flight.FlightRuntimeException flight
                    && flight.status().code() == org.apache.arrow.flight.FlightStatusCode.CANCELLED) {
                return true;
            }
        }
        return false;
    }

    private static StreamMode mode(String text) {
        try {
            return StreamMode.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new FlockException(ErrorCode.INVALID_ARGUMENT, "Unknown stream mode '" + text
                    + "': use APPEND_ONLY or CDC");
        }
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value.asText());
    }

    private static FlockException missing(String field) {
        return new FlockException(ErrorCode.INVALID_ARGUMENT, "The body of " + IngestProtocol.OPEN_STREAM.getType()
                + " needs the field '" + field + "'");
    }

    /** The opening token of a descriptor path (a decimal long, as the open action answered it). */
    private static long openingToken(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new FlockException(ErrorCode.INVALID_ARGUMENT, "The opening of an ingest descriptor path must be the"
                    + " number the open action answered, not '" + text + "'");
        }
    }
}
