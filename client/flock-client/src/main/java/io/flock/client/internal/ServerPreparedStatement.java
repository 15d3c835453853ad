package io.flock.client.internal;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutionException;
import org.apache.arrow.flight.Action;
import org.apache.arrow.flight.CallOption;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightDescriptor;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.PutResult;
import org.apache.arrow.flight.Result;
import org.apache.arrow.flight.SyncPutListener;
import org.apache.arrow.flight.sql.FlightSqlClient.Transaction;
import org.apache.arrow.flight.sql.impl.FlightSql;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ReadChannel;
import org.apache.arrow.vector.ipc.message.MessageSerializer;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A Flight SQL prepared statement on the server, spoken directly over {@link FlightClient}:
 * CreatePreparedStatement, GetFlightInfo for a query, DoPut with the parameter rows for an update,
 * ClosePreparedStatement.
 *
 * <p>Why not {@code FlightSqlClient.PreparedStatement}: its parameter upload busy-spins on the
 * gRPC stream's readiness, which on a small machine with several threads binding at once takes
 * the cores from the event loop that would make the streams ready (8 pooled threads ran ten times
 * slower). Uploads here wait with {@link PutReadiness}. Not thread-safe.
 */
final class ServerPreparedStatement {
    private final FlightClient client;
    private final BufferAllocator allocator;
    private final ByteString handle;
    private final Schema resultSchema;
    private final Schema parameterSchema;

    private ServerPreparedStatement(FlightClient client, BufferAllocator allocator, ByteString handle,
                                    Schema resultSchema, Schema parameterSchema) {
        this.client = client;
        this.allocator = allocator;
        this.handle = handle;
        this.resultSchema = resultSchema;
        this.parameterSchema = parameterSchema;
    }

    /**
     * CreatePreparedStatement for {@code sql}, in {@code transaction} when it is not null. A call the
     * server ends without an answer (a stream cut short while it goes away) is reported as UNAVAILABLE.
     */
    static ServerPreparedStatement create(FlightClient client, BufferAllocator allocator, String sql,
                                          Transaction transaction, CallOption... options) {
        requireNonNull(sql, "sql is null");
        FlightSql.ActionCreatePreparedStatementRequest.Builder request =
                FlightSql.ActionCreatePreparedStatementRequest.newBuilder().setQuery(sql);
        if (transaction != null) {
            request.setTransactionId(ByteString.copyFrom(transaction.getTransactionId()));
        }
        Iterator<Result> results = client.doAction(action("CreatePreparedStatement", request.build()), options);
        try {
            FlightSql.ActionCreatePreparedStatementResult result = unpack(results.next().getBody(),
                    FlightSql.ActionCreatePreparedStatementResult.class);
            drain(results);
            return new ServerPreparedStatement(client, allocator, result.getPreparedStatementHandle(),
                    schema(result.getDatasetSchema()), schema(result.getParameterSchema()));
        } catch (NoSuchElementException e) {
            throw CallStatus.UNAVAILABLE.withCause(e)
                    .withDescription("The server ended CreatePreparedStatement without an answer (is it restarting?)")
                    .toRuntimeException();
        }
    }

    /** The result schema announced when the statement was prepared (empty for an update). */
    Schema resultSchema() {
        return resultSchema;
    }

    /** The parameter schema announced when the statement was prepared. */
    Schema parameterSchema() {
        return parameterSchema;
    }

    /**
     * Starts the statement as a query without parameters (a query with parameters starts in one
     * call with {@link QueryWithParametersWire} instead of a bind and this).
     */
    FlightInfo query(CallOption... options) {
        return client.getInfo(FlightDescriptor.command(Any.pack(FlightSql.CommandPreparedStatementQuery
                .newBuilder().setPreparedStatementHandle(handle).build()).toByteArray()), options);
    }

    /** Runs the update with {@code parameters} (each row one run; null for none) and returns the count. */
    long update(VectorSchemaRoot parameters, CallOption... options) {
        FlightDescriptor descriptor = FlightDescriptor.command(Any.pack(FlightSql.CommandPreparedStatementUpdate
                .newBuilder().setPreparedStatementHandle(handle).build()).toByteArray());
        try (VectorSchemaRoot none = parameters == null ? VectorSchemaRoot.create(new Schema(List.of()), allocator) : null;
                SyncPutListener acknowledgement = upload(descriptor, parameters == null ? none : parameters, options);
                PutResult result = acknowledgement.read()) {
            if (result == null) {
                throw CallStatus.INTERNAL.withDescription("The server answered the update without a row count")
                        .toRuntimeException();
            }
            byte[] body = new byte[(int) result.getApplicationMetadata().readableBytes()];
            result.getApplicationMetadata().readBytes(body);
            return FlightSql.DoPutUpdateResult.parseFrom(body).getRecordCount();
        } catch (InvalidProtocolBufferException e) {
            throw CallStatus.INTERNAL.withCause(e).withDescription("Unreadable update result: " + e.getMessage())
                    .toRuntimeException();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CallStatus.CANCELLED.withCause(e).withDescription("Interrupted while waiting for an update")
                    .toRuntimeException();
        } catch (ExecutionException e) {
            // The server's own status (e.g. a constraint violation), as FlightSqlClient reports it
            throw e.getCause() instanceof RuntimeException failure ? failure
                    : CallStatus.INTERNAL.withCause(e.getCause()).toRuntimeException();
        }
    }

    /** Frees the server's handle (ClosePreparedStatement). */
    void close(CallOption... options) {
        drain(client.doAction(action("ClosePreparedStatement", FlightSql.ActionClosePreparedStatementRequest
                .newBuilder().setPreparedStatementHandle(handle).build()), options));
    }

    private SyncPutListener upload(FlightDescriptor descriptor, VectorSchemaRoot rows, CallOption... options) {
        SyncPutListener acknowledgement = new SyncPutListener();
        FlightClient.ClientStreamListener stream = client.startPut(descriptor, rows, acknowledgement, options);
        PutReadiness.await(stream, acknowledgement::isCancelled);
        stream.putNext();
        stream.completed();
        return acknowledgement;
    }

    private static Action action(String type, Message body) {
        return new Action(type, Any.pack(body).toByteArray());
    }

    private static <T extends Message> T unpack(byte[] body, Class<T> type) {
        try {
            return Any.parseFrom(body).unpack(type);
        } catch (InvalidProtocolBufferException e) {
            throw CallStatus.INTERNAL.withCause(e).withDescription("Unreadable " + type.getSimpleName() + ": "
                    + e.getMessage()).toRuntimeException();
        }
    }

    private static Schema schema(ByteString bytes) {
        if (bytes.isEmpty()) {
            return new Schema(List.of());
        }
        try {
            return MessageSerializer.deserializeSchema(new ReadChannel(Channels.newChannel(
                    new ByteArrayInputStream(bytes.toByteArray()))));
        } catch (IOException e) {
            throw CallStatus.INTERNAL.withCause(e).withDescription("Unreadable schema from the server: "
                    + e.getMessage()).toRuntimeException();
        }
    }

    private static void drain(Iterator<Result> results) {
        while (results.hasNext()) {
            results.next();
        }
    }
}
