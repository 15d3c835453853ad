package io.flock.flight;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.flock.engine.FlockEngine;
import io.flock.engine.catalog.Principal;
import io.flock.engine.query.QueryState;
import io.flock.engine.query.RunningQuery;
import io.flock.engine.query.Session;
import io.flock.engine.worker.PreparedShape;
import io.flock.spi.ErrorCode;
import io.flock.spi.FlockException;
import io.flock.spi.QueryId;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import org.apache.arrow.flight.Action;
import org.apache.arrow.flight.ActionType;
import org.apache.arrow.flight.CancelFlightInfoRequest;
import org.apache.arrow.flight.CancelStatus;
import org.apache.arrow.flight.CloseSessionRequest;
import org.apache.arrow.flight.CloseSessionResult;
import org.apache.arrow.flight.GetSessionOptionsRequest;
import org.apache.arrow.flight.GetSessionOptionsResult;
import org.apache.arrow.flight.ServerSessionMiddleware;
import org.apache.arrow.flight.SessionOptionValue;
import org.apache.arrow.flight.SetSessionOptionsRequest;
import org.apache.arrow.flight.SetSessionOptionsResult;
import org.apache.arrow.flight.FlightDescriptor;
import org.apache.arrow.flight.FlightEndpoint;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.PutResult;
import org.apache.arrow.flight.Result;
import org.apache.arrow.flight.SchemaResult;
import org.apache.arrow.flight.Ticket;
import org.apache.arrow.flight.sql.BasicFlightSqlProducer;
import org.apache.arrow.flight.sql.SqlInfoBuilder;
import org.apache.arrow.flight.sql.impl.FlightSql;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Flock's Arrow Flight SQL front end: turns Flight SQL calls into engine calls and engine
 * results into Arrow streams. Protobuf and Flight types stop here.
 *
 * <p>A query runs when the client asks for its FlightInfo; the FlightInfo carries the query id
 * (app_metadata and the {@code x-flock-query-id} header) and one endpoint whose ticket streams
 * the result once.
 */
public final class FlockFlightSqlProducer extends BasicFlightSqlProducer {
    private static final String STATEMENT_QUERY = typeUrl(FlightSql.CommandStatementQuery.getDescriptor());
    private static final String PREPARED_STATEMENT_QUERY =
            typeUrl(FlightSql.CommandPreparedStatementQuery.getDescriptor());
    private static final String STATEMENT_TICKET = typeUrl(FlightSql.TicketStatementQuery.getDescriptor());

    private static final String DATABASE_HEADER = "database";
    private static final String DATABASE_HEADER_ALT = "x-flock-database";

    private final FlockEngine engine;
    private final BufferAllocator allocator;
    private final ResultStreamer streamer;
    private final PreparedStatements prepared;
    private final SqlInfoBuilder sqlInfo;
    private final MetadataStreams metadata;
    private final IngestEndpoint ingest;

    public FlockFlightSqlProducer(FlockEngine engine, BufferAllocator allocator, ExecutorService streamingExecutor,
                                  java.time.Duration preparedStatementIdleTimeout, String version) {
        this.engine = requireNonNull(engine, "engine is null");
        this.allocator = requireNonNull(allocator, "allocator is null");
        this.streamer = new ResultStreamer(streamingExecutor, allocator);
        this.prepared = new PreparedStatements(preparedStatementIdleTimeout);
        this.sqlInfo = FlockSqlInfo.create(version);
        this.metadata = new MetadataStreams(engine, allocator);
        this.ingest = new IngestEndpoint(engine, allocator, streamingExecutor);
    }

    // ---- sessions ----

    private Principal principal(CallContext context) {
        return engine.principal(context.peerIdentity());
    }

    /** The caller's session: database from the request header, else the session's catalog option. */
    private Session session(CallContext context) {
        CallHeadersMiddleware headers = context.getMiddleware(CallHeadersMiddleware.KEY);
        String database = headers == null ? null : headers.header(DATABASE_HEADER);
        if (database == null && headers != null) {
            database = headers.header(DATABASE_HEADER_ALT);
        }
        if (database == null) {
            database = sessionCatalog(context).orElse(null);
        }
        return engine.session(principal(context), Optional.ofNullable(database));
    }

    private static Optional<String> sessionCatalog(CallContext context) {
        ServerSessionMiddleware sessions = context.getMiddleware(FlightSessions.KEY);
        if (sessions == null || !sessions.hasSession()) {
            return Optional.empty();
        }
        SessionOptionValue value = sessions.getSession().getSessionOption(FlightSessions.CATALOG);
        return value == null ? Optional.empty() : FlightSessions.text(value);
    }

    // ---- session options ----

    @Override
    public void setSessionOptions(SetSessionOptionsRequest request, CallContext context,
                                  StreamListener<SetSessionOptionsResult> listener) {
        try {
            Principal principal = principal(context);
            Map<String, SetSessionOptionsResult.Error> errors = new HashMap<>();
            ServerSessionMiddleware.Session session = context.getMiddleware(FlightSessions.KEY).getSession();
            request.getSessionOptions().forEach((name, value) -> {
                if (!name.equals(FlightSessions.CATALOG)) {
                    errors.put(name, new SetSessionOptionsResult.Error(SetSessionOptionsResult.ErrorValue.INVALID_NAME));
                } else if (value.isEmpty()) {
                    session.eraseSessionOption(name);
                } else {
                    Optional<String> database = FlightSessions.text(value);
                    if (database.isEmpty()) {
                        errors.put(name, new SetSessionOptionsResult.Error(SetSessionOptionsResult.ErrorValue.INVALID_VALUE));
                    } else {
                        engine.session(principal, database); // the database exists and is granted
                        session.setSessionOption(name, value);
                    }
                }
            });
            listener.onNext(new SetSessionOptionsResult(errors));
            listener.onCompleted();
        } catch (RuntimeException e) {
            listener.onError(FlightErrors.toFlight(e));
        }
    }

    @Override
    public void getSessionOptions(GetSessionOptionsRequest request, CallContext context,
                                  StreamListener<GetSessionOptionsResult> listener) {
        try {
            principal(context);
            ServerSessionMiddleware sessions = context.getMiddleware(FlightSessions.KEY);
            listener.onNext(new GetSessionOptionsResult(sessions.hasSession()
                    ? sessions.getSession().getSessionOptions() : Map.of()));
            listener.onCompleted();
        } catch (RuntimeException e) {
            listener.onError(FlightErrors.toFlight(e));
        }
    }

    @Override
    public void closeSession(CloseSessionRequest request, CallContext context,
                             StreamListener<CloseSessionResult> listener) {
        try {
            principal(context);
            ServerSessionMiddleware sessions = context.getMiddleware(FlightSessions.KEY);
            if (sessions.hasSession()) {
                sessions.closeSession();
            }
            listener.onNext(new CloseSessionResult(CloseSessionResult.Status.CLOSED));
            listener.onCompleted();
        } catch (RuntimeException e) {
            listener.onError(FlightErrors.toFlight(e));
        }
    }

    // ---- statements ----

    /**
     * Flock's one-call parameterized query ({@link QueryWithParameters}), then Flight SQL's
     * commands. The query commands are dispatched here by type URL, parsing the {@code Any} once;
     * Flight SQL's own dispatch (used for the rest) tests the type of each candidate in turn with
     * {@code Any.is}, which looks the message class up by reflection every time.
     */
    @Override
    public FlightInfo getFlightInfo(CallContext context, FlightDescriptor descriptor) {
        Optional<Any> command = descriptor.isCommand() ? anyOf(descriptor.getCommand()) : Optional.empty();
        String type = command.map(Any::getTypeUrl).orElse("");
        try {
            if (type.equals(QueryWithParameters.TYPE_URL)) {
                return queryWithParameters(QueryWithParameters.parse(command.get(), allocator), context, descriptor);
            }
            if (type.equals(STATEMENT_QUERY)) {
                return getFlightInfoStatement(FlightSql.CommandStatementQuery.parseFrom(command.get().getValue()),
                        context, descriptor);
            }
            if (type.equals(PREPARED_STATEMENT_QUERY)) {
                return getFlightInfoPreparedStatement(
                        FlightSql.CommandPreparedStatementQuery.parseFrom(command.get().getValue()), context, descriptor);
            }
        } catch (InvalidProtocolBufferException e) {
            // a malformed Flight SQL command: Flight SQL's dispatch reports it
        } catch (FlockException e) {
            throw FlightErrors.toFlight(e);
        }
        return super.getFlightInfo(context, descriptor);
    }

    /** Streams a query's result (the ticket of its FlightInfo); other tickets go to Flight SQL's dispatch. */
    @Override
    public void getStream(CallContext context, Ticket ticket, ServerStreamListener listener) {
        Optional<Any> command = anyOf(ticket.getBytes());
        if (command.isPresent() && command.get().getTypeUrl().equals(STATEMENT_TICKET)) {
            try {
                getStreamStatement(FlightSql.TicketStatementQuery.parseFrom(command.get().getValue()), context, listener);
                return;
            } catch (InvalidProtocolBufferException e) {
                // a malformed ticket: Flight SQL's dispatch reports it
            }
        }
        super.getStream(context, ticket, listener);
    }

    private static Optional<Any> anyOf(byte[] bytes) {
        try {
            return Optional.of(Any.parseFrom(bytes));
        } catch (InvalidProtocolBufferException e) {
            return Optional.empty();
        }
    }

    private FlightInfo queryWithParameters(QueryWithParameters query, CallContext context, FlightDescriptor descriptor) {
        try {
            Session session = session(context);
            RunningQuery running = query.transactionId().isPresent()
                    ? engine.submit(session, query.transactionId().get(), query.sql(), query.parameters(), allocator)
                    : engine.submit(session, query.sql(), query.parameters(), allocator);
            return flightInfo(context, descriptor, running);
        } catch (RuntimeException e) {
            throw FlightErrors.toFlight(e);
        }
    }

    @Override
    public FlightInfo getFlightInfoStatement(FlightSql.CommandStatementQuery command, CallContext context,
                                             FlightDescriptor descriptor) {
        try {
            Session session = session(context);
            RunningQuery query = command.hasTransactionId()
                    ? engine.submit(session, command.getTransactionId().toStringUtf8(), command.getQuery(), List.of(), allocator)
                    : engine.submitOneOff(session, command.getQuery(), allocator);
            return flightInfo(context, descriptor, query);
        } catch (RuntimeException e) {
            throw FlightErrors.toFlight(e);
        }
    }

    @Override
    public FlightInfo getFlightInfoPreparedStatement(FlightSql.CommandPreparedStatementQuery command,
                                                     CallContext context, FlightDescriptor descriptor) {
        try {
            PreparedStatements.Prepared statement = prepared.get(command.getPreparedStatementHandle().toByteArray(),
                    context.peerIdentity());
            RunningQuery query = statement.transactionId.isPresent()
                    ? engine.submit(statement.session, statement.transactionId.get(), statement.sql, statement.firstRow(),
                            allocator)
                    : engine.submit(statement.session, statement.sql, statement.firstRow(), allocator);
            return flightInfo(context, descriptor, query);
        } catch (RuntimeException e) {
            throw FlightErrors.toFlight(e);
        }
    }

    private FlightInfo flightInfo(CallContext context, FlightDescriptor descriptor, RunningQuery query) {
        String id = query.id().value();
        CallHeadersMiddleware headers = context.getMiddleware(CallHeadersMiddleware.KEY);
        if (headers != null) {
            headers.queryId(id);
        }
        FlightSql.TicketStatementQuery ticket = FlightSql.TicketStatementQuery.newBuilder()
                .setStatementHandle(ByteString.copyFromUtf8(id)).build();
        FlightEndpoint endpoint = new FlightEndpoint(new Ticket(Any.pack(ticket).toByteArray()));
        return FlightInfo.builder(query.schema(), descriptor, List.of(endpoint))
                .setAppMetadata(id.getBytes(StandardCharsets.UTF_8))
                .build();
    }

    @Override
    public void getStreamStatement(FlightSql.TicketStatementQuery ticket, CallContext context,
                                   ServerStreamListener listener) {
        RunningQuery query;
        try {
            QueryId id = new QueryId(ticket.getStatementHandle().toStringUtf8());
            query = engine.claim(principal(context), id);
        } catch (RuntimeException e) {
            listener.error(FlightErrors.toFlight(e));
            return;
        }
        streamer.stream(query, listener);
    }

    @Override
    public void getStreamPreparedStatement(FlightSql.CommandPreparedStatementQuery command, CallContext context,
                                           ServerStreamListener listener) {
        listener.error(FlightErrors.toFlight(new FlockException(ErrorCode.NOT_SUPPORTED,
                "Fetch prepared statement results with the ticket from GetFlightInfo")));
    }

    @Override
    public SchemaResult getSchemaStatement(FlightSql.CommandStatementQuery command, CallContext context,
                                           FlightDescriptor descriptor) {
        try {
            return new SchemaResult(engine.prepare(session(context), command.getQuery()).resultSchema());
        } catch (RuntimeException e) {
            throw FlightErrors.toFlight(e);
        }
    }

    @Override
    public SchemaResult getSchemaPreparedStatement(FlightSql.CommandPreparedStatementQuery command,
                                                   CallContext context, FlightDescriptor descriptor) {
        try {
            return new SchemaResult(prepared.get(command.getPreparedStatementHandle().toByteArray(),
                    context.peerIdentity()).shape.resultSchema());
        } catch (RuntimeException e) {
            throw FlightErrors.toFlight(e);
        }
    }

    @Override
    public Runnable acceptPutStatement(FlightSql.CommandStatementUpdate command, CallContext context,
                                       FlightStream flightStream, StreamListener<PutResult> ackStream) {
        return () -> {
            try {
                Session session = session(context);
                long count = command.hasTransactionId()
                        ? engine.executeUpdate(session, command.getTransactionId().toStringUtf8(), command.getQuery(),
                                List.of(), allocator)
                        : engine.executeUpdate(session, command.getQuery(), List.of(), allocator);
                sendUpdateCount(ackStream, count);
            } catch (RuntimeException e) {
                ackStream.onError(FlightErrors.toFlight(e));
            }
        };
    }

    @Override
    public Runnable acceptPutPreparedStatementUpdate(FlightSql.CommandPreparedStatementUpdate command,
                                                     CallContext context, FlightStream flightStream,
                                                     StreamListener<PutResult> ackStream) {
        return () -> {
            try {
                PreparedStatements.Prepared statement = prepared.get(
                        command.getPreparedStatementHandle().toByteArray(), context.peerIdentity());
                List<List<Object>> rows = ArrowParameters.readAll(flightStream);
                List<Object> first = rows.isEmpty() ? List.of() : rows.get(0);
                long count;
                if (statement.transactionId.isPresent()) {
                    count = 0;
                    for (List<Object> row : rows.isEmpty() ? List.of(first) : rows) {
                        count += engine.executeUpdate(statement.session, statement.transactionId.get(), statement.sql,
                                row, allocator);
                    }
                } else {
                    count = rows.size() <= 1
                            ? engine.executeUpdate(statement.session, statement.sql, first, allocator)
                            : engine.executeBatch(statement.session, statement.sql, rows);
                }
                sendUpdateCount(ackStream, count);
            } catch (RuntimeException e) {
                ackStream.onError(FlightErrors.toFlight(e));
            }
        };
    }

    /**
     * Flight SQL bulk ingest (ADBC's {@code adbc.ingest}): writes the stream's batches into a table
     * in one transaction. The table-definition options decide where: an existing table is appended
     * to by column name (if-exists APPEND or unspecified), refused (FAIL) or replaced (REPLACE: the
     * new table has the batches' columns); a missing table is created from the batches' columns
     * (if-not-exist CREATE) or refused (FAIL or unspecified). So ADBC's modes {@code create},
     * {@code append}, {@code replace} and {@code create_append} all work. Temporary tables are not
     * supported.
     */
    @Override
    public Runnable acceptPutStatementBulkIngest(FlightSql.CommandStatementIngest command, CallContext context,
                                                 FlightStream flightStream, StreamListener<PutResult> ackStream) {
        return () -> {
            try {
                if (command.getTemporary()) {
                    throw new FlockException(ErrorCode.NOT_SUPPORTED, "Bulk ingest into temporary tables is not"
                            + " supported; ingest into a table of the database");
                }
                Principal principal = principal(context);
                Session session = command.hasCatalog() && !command.getCatalog().isBlank()
                        ? engine.session(principal, Optional.of(command.getCatalog())) : session(context);
                String schema = command.hasSchema() && !command.getSchema().isBlank() ? command.getSchema() : "main";
                boolean exists = engine.tables(principal, session.database()).stream()
                        .anyMatch(t -> t.schema().equalsIgnoreCase(schema) && t.name().equalsIgnoreCase(command.getTable()));
                io.flock.engine.worker.TableWrite write = BulkIngestTarget.write(command.getTableDefinitionOptions(),
                        session.database(), schema, command.getTable(), exists);
                long count;
                try (FlightStreamReader reader = new FlightStreamReader(allocator, flightStream)) {
                    count = command.hasTransactionId()
                            ? engine.append(session, command.getTransactionId().toStringUtf8(), write, reader, allocator)
                            : engine.append(session, write, reader, allocator);
                }
                sendUpdateCount(ackStream, count);
            } catch (RuntimeException | java.io.IOException e) {
                ackStream.onError(FlightErrors.toFlight(e));
            }
        };
    }

    private void sendUpdateCount(StreamListener<PutResult> ackStream, long count) {
        byte[] result = FlightSql.DoPutUpdateResult.newBuilder().setRecordCount(count).build().toByteArray();
        try (ArrowBuf buffer = allocator.buffer(result.length)) {
            buffer.writeBytes(result);
            ackStream.onNext(PutResult.metadata(buffer));
        }
        ackStream.onCompleted();
    }

    @Override
    public Runnable acceptPutPreparedStatementQuery(FlightSql.CommandPreparedStatementQuery command,
                                                    CallContext context, FlightStream flightStream,
                                                    StreamListener<PutResult> ackStream) {
        return () -> {
            try {
                PreparedStatements.Prepared statement = prepared.get(
                        command.getPreparedStatementHandle().toByteArray(), context.peerIdentity());
                statement.parameters = List.copyOf(ArrowParameters.readAll(flightStream));
                ackStream.onCompleted();
            } catch (RuntimeException e) {
                ackStream.onError(FlightErrors.toFlight(e));
            }
        };
    }

    @Override
    public void createPreparedStatement(FlightSql.ActionCreatePreparedStatementRequest request, CallContext context,
                                        StreamListener<Result> listener) {
        try {
            Session session = session(context);
            PreparedShape shape = engine.prepare(session, request.getQuery());
            PreparedStatements.Prepared statement = prepared.add(session, request.getQuery(), shape,
                    request.hasTransactionId() ? Optional.of(request.getTransactionId().toStringUtf8()) : Optional.empty());
            FlightSql.ActionCreatePreparedStatementResult result = FlightSql.ActionCreatePreparedStatementResult
                    .newBuilder()
                    .setPreparedStatementHandle(ByteString.copyFromUtf8(statement.handle))
                    .setDatasetSchema(ArrowSchemas.toByteString(shape.resultSchema()))
                    .setParameterSchema(ArrowSchemas.toByteString(shape.parameterSchema()))
                    .build();
            listener.onNext(new Result(Any.pack(result).toByteArray()));
            listener.onCompleted();
        } catch (RuntimeException e) {
            listener.onError(FlightErrors.toFlight(e));
        }
    }

    @Override
    public void closePreparedStatement(FlightSql.ActionClosePreparedStatementRequest request, CallContext context,
                                       StreamListener<Result> listener) {
        try {
            prepared.remove(request.getPreparedStatementHandle().toByteArray(), context.peerIdentity());
            listener.onCompleted();
        } catch (RuntimeException e) {
            listener.onError(FlightErrors.toFlight(e));
        }
    }

    // ---- transactions ----

    @Override
    public void beginTransaction(FlightSql.ActionBeginTransactionRequest request, CallContext context,
                                 StreamListener<FlightSql.ActionBeginTransactionResult> listener) {
        try {
            String id = engine.beginTransaction(session(context));
            listener.onNext(FlightSql.ActionBeginTransactionResult.newBuilder()
                    .setTransactionId(ByteString.copyFromUtf8(id)).build());
            listener.onCompleted();
        } catch (RuntimeException e) {
            listener.onError(FlightErrors.toFlight(e));
        }
    }

    @Override
    public void endTransaction(FlightSql.ActionEndTransactionRequest request, CallContext context,
                               StreamListener<Result> listener) {
        try {
            String id = request.getTransactionId().toStringUtf8();
            switch (request.getAction()) {
                case END_TRANSACTION_COMMIT -> engine.commit(principal(context), id);
                case END_TRANSACTION_ROLLBACK -> engine.rollback(principal(context), id);
                default -> throw new FlockException(ErrorCode.INVALID_ARGUMENT,
                        "EndTransaction needs COMMIT or ROLLBACK, got " + request.getAction());
            }
            listener.onCompleted();
        } catch (RuntimeException e) {
            listener.onError(FlightErrors.toFlight(e));
        }
    }

    // ---- cancel and Flock actions ----

    @Override
    public void cancelFlightInfo(CancelFlightInfoRequest request, CallContext context,
                                 StreamListener<CancelStatus> listener) {
        try {
            FlightInfo info = request.getInfo();
            String id = info.getAppMetadata() != null && info.getAppMetadata().length > 0
                    ? new String(info.getAppMetadata(), StandardCharsets.UTF_8)
                    : ticketQueryId(info);
            QueryState state = engine.cancel(principal(context), new QueryId(id));
            listener.onNext(state == QueryState.CANCELLED ? CancelStatus.CANCELLED
                    : state.isDone() ? CancelStatus.NOT_CANCELLABLE : CancelStatus.CANCELLING);
            listener.onCompleted();
        } catch (RuntimeException e) {
            listener.onError(FlightErrors.toFlight(e));
        }
    }

    private static String ticketQueryId(FlightInfo info) {
        try {
            Any any = Any.parseFrom(info.getEndpoints().get(0).getTicket().getBytes());
            return any.unpack(FlightSql.TicketStatementQuery.class).getStatementHandle().toStringUtf8();
        } catch (com.google.protobuf.InvalidProtocolBufferException | IndexOutOfBoundsException e) {
            throw new FlockException(ErrorCode.INVALID_ARGUMENT, "The FlightInfo to cancel carries no Flock query id");
        }
    }

    // ---- ingest streams (docs/ingest.md) ----

    @Override
    public Runnable acceptPut(CallContext context, FlightStream flightStream, StreamListener<PutResult> ackStream) {
        FlightDescriptor descriptor = flightStream.getDescriptor();
        if (!descriptor.isCommand() && IngestProtocol.isIngest(descriptor.getPath())) {
            try {
                return ingest.acceptPut(principal(context), flightStream, ackStream);
            } catch (RuntimeException e) {
                throw FlightErrors.toFlight(e);
            }
        }
        return super.acceptPut(context, flightStream, ackStream);
    }

    @Override
    public void doAction(CallContext context, Action action, StreamListener<Result> listener) {
        String type = action.getType();
        if (type.equals(IngestProtocol.OPEN_STREAM.getType())) {
            try {
                ingest.open(principal(context), action.getBody(), listener);
            } catch (RuntimeException e) {
                listener.onError(FlightErrors.toFlight(e));
            }
            return;
        }
        if (!type.equals(FlockActions.CANCEL_QUERY.getType()) && !type.equals(FlockActions.EXPLAIN_ANALYZE.getType())) {
            super.doAction(context, action, listener);
            return;
        }
        try {
            String id = new String(action.getBody(), StandardCharsets.UTF_8).trim();
            QueryId queryId = new QueryId(id);
            byte[] body = type.equals(FlockActions.CANCEL_QUERY.getType())
                    ? QueryJson.cancelResult(id, engine.cancel(principal(context), queryId))
                    : QueryJson.explainAnalyze(engine.queryStats(principal(context), queryId));
            listener.onNext(new Result(body));
            listener.onCompleted();
        } catch (RuntimeException e) {
            listener.onError(FlightErrors.toFlight(e));
        }
    }

    @Override
    public void listActions(CallContext context, StreamListener<ActionType> listener) {
        org.apache.arrow.flight.sql.FlightSqlUtils.FLIGHT_SQL_ACTIONS.forEach(listener::onNext);
        listener.onNext(FlockActions.CANCEL_QUERY);
        listener.onNext(FlockActions.EXPLAIN_ANALYZE);
        listener.onNext(IngestProtocol.OPEN_STREAM);
        listener.onCompleted();
    }

    // ---- metadata ----

    @Override
    protected <T extends Message> List<FlightEndpoint> determineEndpoints(T request, FlightDescriptor descriptor,
                                                                          Schema schema) {
        return List.of(new FlightEndpoint(new Ticket(Any.pack(request).toByteArray())));
    }

    @Override
    public void getStreamSqlInfo(FlightSql.CommandGetSqlInfo command, CallContext context,
                                 ServerStreamListener listener) {
        sqlInfo.send(command.getInfoList(), listener);
    }

    @Override
    public void getStreamTypeInfo(FlightSql.CommandGetXdbcTypeInfo request, CallContext context,
                                  ServerStreamListener listener) {
        metadataCall(listener, () -> metadata.typeInfo(request, listener));
    }

    @Override
    public void getStreamCatalogs(CallContext context, ServerStreamListener listener) {
        metadataCall(listener, () -> metadata.catalogs(principal(context), listener));
    }

    @Override
    public void getStreamSchemas(FlightSql.CommandGetDbSchemas command, CallContext context,
                                 ServerStreamListener listener) {
        metadataCall(listener, () -> metadata.schemas(principal(context), command, listener));
    }

    @Override
    public void getStreamTables(FlightSql.CommandGetTables command, CallContext context,
                                ServerStreamListener listener) {
        metadataCall(listener, () -> metadata.tables(principal(context), command, listener));
    }

    @Override
    public void getStreamTableTypes(CallContext context, ServerStreamListener listener) {
        metadataCall(listener, () -> metadata.tableTypes(listener));
    }

    @Override
    public void getStreamPrimaryKeys(FlightSql.CommandGetPrimaryKeys command, CallContext context,
                                     ServerStreamListener listener) {
        metadataCall(listener, () -> metadata.primaryKeys(principal(context), command, listener));
    }

    @Override
    public void getStreamExportedKeys(FlightSql.CommandGetExportedKeys command, CallContext context,
                                      ServerStreamListener listener) {
        metadataCall(listener, () -> metadata.none(Schemas.GET_EXPORTED_KEYS_SCHEMA, listener));
    }

    @Override
    public void getStreamImportedKeys(FlightSql.CommandGetImportedKeys command, CallContext context,
                                      ServerStreamListener listener) {
        metadataCall(listener, () -> metadata.none(Schemas.GET_IMPORTED_KEYS_SCHEMA, listener));
    }

    @Override
    public void getStreamCrossReference(FlightSql.CommandGetCrossReference command, CallContext context,
                                        ServerStreamListener listener) {
        metadataCall(listener, () -> metadata.none(Schemas.GET_CROSS_REFERENCE_SCHEMA, listener));
    }

    private static void metadataCall(ServerStreamListener listener, Runnable body) {
        try {
            body.run();
        } catch (RuntimeException e) {
            listener.error(FlightErrors.toFlight(e));
        }
    }

    @Override
    public void close() {
        // the engine is owned and closed by the server
    }

    /** The type URL {@code Any.pack} gives a message of this type. */
    private static String typeUrl(Descriptors.Descriptor type) {
        return "type.googleapis.com/" + type.getFullName();
    }
}
