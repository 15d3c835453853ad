package io.flock.engine;

import static java.util.Objects.requireNonNull;

import io.flock.engine.catalog.Catalog;
import io.flock.engine.catalog.CatalogStore;
import io.flock.engine.catalog.Credentials;
import io.flock.engine.catalog.Names;
import io.flock.engine.catalog.Principal;
import io.flock.engine.catalog.Privilege;
import io.flock.engine.catalog.Tokens;
import io.flock.engine.ingest.GroupOutcome;
import io.flock.engine.ingest.IngestBatch;
import io.flock.engine.ingest.IngestStreams;
import io.flock.engine.ingest.IngestTarget;
import io.flock.engine.ingest.StreamMode;
import io.flock.engine.ingest.StreamOpening;
import io.flock.engine.ingest.StreamStats;
import io.flock.engine.query.Admission;
import io.flock.engine.query.QueryCounts;
import io.flock.engine.query.QueryManager;
import io.flock.engine.query.QueryState;
import io.flock.engine.query.QueryStats;
import io.flock.engine.query.RunningQuery;
import io.flock.engine.query.Session;
import io.flock.engine.query.StatementRunner;
import io.flock.engine.system.SystemDatabase;
import io.flock.engine.system.SystemTables;
import io.flock.engine.transaction.Transactions;
import io.flock.engine.worker.PreparedShape;
import io.flock.engine.worker.TableInfo;
import io.flock.engine.worker.BadValue;
import io.flock.engine.worker.TableWrite;
import io.flock.engine.worker.Worker;
import io.flock.spi.ErrorCode;
import io.flock.spi.FlockException;
import io.flock.spi.QueryId;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The coordinator's engine: authentication, authorization, the query lifecycle and metadata, over
 * a {@link Worker} that owns the data. Transports (Flight SQL, HTTP) call only this class.
 *
 * <p>Thread-safe.
 */
public final class FlockEngine implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FlockEngine.class);

    private final EngineConfig config;
    private final Catalog catalog;
    private final Worker worker;
    private final SystemDatabase systemDatabase;
    private final QueryManager queries;
    private final StatementRunner runner;
    private final Transactions transactions;
    private final IngestStreams ingest;

    private FlockEngine(EngineConfig config, Catalog catalog, Worker worker, SystemDatabase systemDatabase) {
        this.config = config;
        this.catalog = catalog;
        this.worker = worker;
        this.systemDatabase = systemDatabase;
        this.queries = new QueryManager(
                new Admission(config.maxRunningQueries(), config.maxQueuedQueries(), config.maxQueueWait()),
                config.queryTimeout(), config.unclaimedResultTimeout(), config.queryHistorySize());
        this.runner = new StatementRunner(catalog, worker, systemDatabase,
                new SystemTables(catalog, queries::recentQueries, this::ingestStats, worker::compactions));
        this.transactions = new Transactions(worker, config.transactionIdleTimeout(), config.maxOpenTransactions());
        this.ingest = new IngestStreams(catalog, worker, this::append);
    }

    /**
     * Starts the engine over its storage, taking ownership of all three (closed by
     * {@link #close()}). On an empty catalog it creates the user {@code admin} (with
     * {@code adminToken} if given, else a generated token that is returned once in
     * {@link Startup#generatedAdminToken()}) and the default database.
     */
    public static Startup start(EngineConfig config, CatalogStore catalogStore, Worker worker,
                                SystemDatabase systemDatabase, Optional<String> adminToken) {
        requireNonNull(config, "config is null");
        Catalog catalog = new Catalog(catalogStore);
        Optional<String> generated = Optional.empty();
        try {
            if (catalog.isEmpty()) {
                Tokens.IssuedToken token = adminToken.map(t -> Tokens.fromText(t, Catalog.ADMIN_USER))
                        .orElseGet(() -> Tokens.issue(Catalog.ADMIN_USER));
                catalog.createUser(Catalog.ADMIN_USER, true, token);
                generated = adminToken.isPresent() ? Optional.empty() : Optional.of(token.text());
                log.info("Created user '{}' in the new data directory {}", Catalog.ADMIN_USER, config.dataDirectory());
            }
            String defaultDatabase = Names.database(config.defaultDatabase());
            if (!catalog.databaseExists(defaultDatabase)) {
                catalog.createDatabase(defaultDatabase, () -> worker.createDatabase(defaultDatabase),
                        () -> worker.dropDatabase(defaultDatabase));
            }
            return new Startup(new FlockEngine(config, catalog, worker, systemDatabase), generated);
        } catch (RuntimeException e) {
            systemDatabase.close();
            worker.close();
            catalog.close();
            throw e;
        }
    }

    /** A started engine and, on the first start only, the admin token it generated. */
    public record Startup(FlockEngine engine, Optional<String> generatedAdminToken) {
    }

    // ---- authentication and sessions ----

    /** The principal a bearer token belongs to; AUTHENTICATION_FAILED if unknown or revoked. */
    public Principal authenticate(String token) {
        return catalog.authenticate(token);
    }

    /** Checks a user name and token pair (basic credentials). */
    public Principal authenticate(String user, String token) {
        return catalog.authenticate(user, token);
    }

    /** Checks the credentials of an {@code Authorization} header (basic or bearer). */
    public Principal authenticate(Credentials credentials) {
        return credentials.user().isPresent()
                ? catalog.authenticate(credentials.user().get(), credentials.token())
                : catalog.authenticate(credentials.token());
    }

    /** The principal of an already authenticated user name (its admin flag read fresh). */
    public Principal principal(String user) {
        return catalog.user(user).map(u -> new Principal(u.name(), u.admin())).orElseThrow(() -> new FlockException(
                ErrorCode.AUTHENTICATION_FAILED, "Authentication failed: user '" + user + "' no longer exists"));
    }

    /**
     * The session for a principal in the database it asked for (or the default one).
     *
     * @throws FlockException DATABASE_NOT_FOUND or PERMISSION_DENIED
     */
    public Session session(Principal principal, Optional<String> database) {
        String name = database.filter(d -> !d.isBlank()).map(Names::databaseReference)
                .orElse(Names.database(config.defaultDatabase()));
        if (!name.equals(Names.SYSTEM_DATABASE)) {
            // Non-admins learn nothing about databases they have no grant on, not even whether they exist.
            catalog.checkAccess(principal, name, Privilege.READ);
            if (!catalog.databaseExists(name)) {
                throw new FlockException(ErrorCode.DATABASE_NOT_FOUND, "Database '" + name + "' does not exist");
            }
        }
        return new Session(principal, name);
    }

    // ---- statements ----

    /**
     * Plans a statement and starts it in the background: the returned query has an id and a
     * schema at once; the caller then streams its result (which waits for execution) or ends it.
     */
    public RunningQuery submit(Session session, String sql, List<Object> parameters, BufferAllocator allocator) {
        return queries.start(session, sql, id -> runner.plan(session, sql, parameters, allocator, Optional.empty()), true);
    }

    /**
     * Like {@link #submit} for a one-off statement without parameters (Flight SQL's
     * {@code CommandStatementQuery}): a query may run without a separate prepare, and
     * {@link RunningQuery#schema()} then waits briefly for its result schema.
     */
    public RunningQuery submitOneOff(Session session, String sql, BufferAllocator allocator) {
        return queries.start(session, sql, id -> runner.planOneOff(session, sql, allocator), true);
    }

    /** Like {@link #submit}, inside the open transaction {@code transactionId} of the session's user. */
    public RunningQuery submit(Session session, String transactionId, String sql, List<Object> parameters,
                               BufferAllocator allocator) {
        Transactions.Open transaction = transactions.get(session.principal(), transactionId);
        Session inTransaction = transaction.session();
        return queries.start(inTransaction, sql, id -> runner.plan(inTransaction, sql, parameters, allocator,
                Optional.of(transaction.transaction())), true);
    }

    /**
     * Runs a statement to completion on this thread and returns its update count (0 for
     * statements that change no rows). Rows a query would return are discarded.
     */
    public long executeUpdate(Session session, String sql, List<Object> parameters, BufferAllocator allocator) {
        RunningQuery query = queries.start(session, sql,
                id -> runner.plan(session, sql, parameters, allocator, Optional.empty()), false);
        return finishUpdate(query);
    }

    /** Like {@link #executeUpdate}, inside the open transaction {@code transactionId}. */
    public long executeUpdate(Session session, String transactionId, String sql, List<Object> parameters,
                              BufferAllocator allocator) {
        Transactions.Open transaction = transactions.get(session.principal(), transactionId);
        Session inTransaction = transaction.session();
        RunningQuery query = queries.start(inTransaction, sql, id -> runner.plan(inTransaction, sql, parameters,
                allocator, Optional.of(transaction.transaction())), false);
        return finishUpdate(query);
    }

    /**
     * Writes Arrow rows into a table of the session's database, all or nothing, as one tracked
     * query (admission, timeout, cancel and the system table apply as to SQL). Returns the row
     * count. {@code rows} is read to its end or to the first error; the caller closes it.
     */
    public long append(Session session, TableWrite write, ArrowReader rows, BufferAllocator allocator) {
        RunningQuery query = queries.start(session, appendText(write),
                id -> runner.planAppend(session, write, rows, allocator, Optional.empty()), false);
        return finishUpdate(query);
    }

    /** Like {@link #append(Session, TableWrite, ArrowReader, BufferAllocator)}, inside an open transaction. */
    public long append(Session session, String transactionId, TableWrite write, ArrowReader rows,
                       BufferAllocator allocator) {
        Transactions.Open transaction = transactions.get(session.principal(), transactionId);
        Session inTransaction = transaction.session();
        RunningQuery query = queries.start(inTransaction, appendText(write), id -> runner.planAppend(inTransaction,
                write, rows, allocator, Optional.of(transaction.transaction())), false);
        return finishUpdate(query);
    }

    /**
     * Checks, before a bulk upload is accepted, that the session may write into its database: the
     * same check {@link #append} makes, done early so a refused upload is not spooled first.
     *
     * @throws FlockException PERMISSION_DENIED (also for the read-only system database)
     */
    public void checkWritable(Session session) {
        if (session.database().equals(Names.SYSTEM_DATABASE)) {
            throw new FlockException(ErrorCode.PERMISSION_DENIED,
                    "The system database '" + Names.SYSTEM_DATABASE + "' is read-only");
        }
        catalog.checkAccess(session.principal(), session.database(), Privilege.WRITE);
    }

    /**
     * After {@link #append} of {@code rows} failed on a value DuckDB could not convert (its message
     * names no row): the first such value, by row and column ({@link Worker#firstBadValue}); empty if
     * every value converts. Checks the same access as the append. Consumes {@code rows}.
     */
    public Optional<BadValue> firstBadValue(Session session, TableWrite write, ArrowReader rows,
                                            BufferAllocator allocator) {
        checkWritable(session);
        return worker.firstBadValue(session.database(), write, rows, allocator);
    }

    private static String appendText(TableWrite write) {
        return switch (write.operation()) {
            case CREATE -> "CREATE TABLE " + write.qualifiedName() + " AS <Arrow rows>";
            case REPLACE -> "CREATE OR REPLACE TABLE " + write.qualifiedName() + " AS <Arrow rows>";
            default -> "INSERT INTO " + write.qualifiedName() + " BY NAME <Arrow rows>";
        };
    }

    // ---- ingest streams (docs/ingest.md) ----

    /**
     * Opens, or resumes by id, an ingest stream into {@code schema.table} of the session's
     * database; the answer tells the sequence its next batch should carry.
     */
    public StreamOpening openStream(Session session, String schema, String table, Optional<String> streamId,
                                    StreamMode mode) {
        return ingest.open(session, schema, table, streamId, mode);
    }

    /**
     * Like {@link #openStream}, for a connection about to send the stream's batches as the opening
     * {@code opening} that {@link #openStream} answered (empty: a new opening, fencing earlier ones).
     */
    public StreamOpening startSending(Session session, String schema, String table, String streamId,
                                      StreamMode mode, java.util.OptionalLong opening) {
        return ingest.startSending(session, schema, table, streamId, mode, opening);
    }

    /**
     * Applies consecutive batches of an opened stream exactly once, in order, in as few
     * transactions as possible; the outcomes of the applied ones are committed when this returns
     * ({@link IngestStreams#applyAll}).
     */
    public GroupOutcome ingestBatches(Session session, IngestTarget target, List<IngestBatch> batches,
                                      BufferAllocator allocator) {
        return ingest.applyAll(session, target, batches, allocator);
    }

    /** Counters of the ingest streams the principal may see. */
    public List<StreamStats> ingestStats(Principal principal) {
        return ingest.stats(principal);
    }

    /** Begins a transaction in the session's database; statements naming its id run inside it. */
    public String beginTransaction(Session session) {
        if (session.database().equals(Names.SYSTEM_DATABASE)) {
            throw new FlockException(ErrorCode.NOT_SUPPORTED, "The system database has no transactions");
        }
        return transactions.begin(session);
    }

    /** Commits the principal's open transaction. */
    public void commit(Principal principal, String transactionId) {
        transactions.commit(principal, transactionId);
    }

    /** Rolls back the principal's open transaction. */
    public void rollback(Principal principal, String transactionId) {
        transactions.rollback(principal, transactionId);
    }

    /** Runs an update once per parameter row in one transaction, as one tracked query. */
    public long executeBatch(Session session, String sql, List<List<Object>> parameterRows) {
        RunningQuery query = queries.start(session, sql, id -> runner.planBatch(session, sql, parameterRows), false);
        return finishUpdate(query);
    }

    private static long finishUpdate(RunningQuery query) {
        try {
            query.awaitStarted();
            long count = Math.max(0, query.updateCount());
            query.finish();
            return count;
        } catch (RuntimeException e) {
            throw query.fail(e);
        }
    }

    /** The result and parameter shapes of a statement, checked and authorized but not run. */
    public PreparedShape prepare(Session session, String sql) {
        return runner.describe(session, sql);
    }

    /** Takes a submitted query for streaming its result; the result can be claimed once. */
    public RunningQuery claim(Principal principal, QueryId id) {
        return queries.claim(principal, id);
    }

    /** Cancels a query of the principal (any query, for an admin) and returns its state. */
    public QueryState cancel(Principal principal, QueryId id) {
        return queries.cancel(principal, id);
    }

    /** Timings, counts and the operator profile of a query the principal may see. */
    public QueryStats queryStats(Principal principal, QueryId id) {
        return queries.stats(principal, id);
    }

    // ---- metadata ----

    /** Databases the principal may use, the system database included. */
    public List<String> databases(Principal principal) {
        List<String> names = new java.util.ArrayList<>();
        catalog.databases().stream().map(d -> d.name()).filter(n -> catalog.canAccess(principal, n)).forEach(names::add);
        names.add(Names.SYSTEM_DATABASE);
        names.sort(String::compareTo);
        return names;
    }

    /** Tables and views of a database the principal may read. */
    public List<TableInfo> tables(Principal principal, String database) {
        return runner.tables(principal, database);
    }

    /** Schemas of a database the principal may read. */
    public List<String> schemas(Principal principal, String database) {
        return runner.schemas(principal, database);
    }

    /** Query counters for metrics. */
    public QueryCounts queryCounts() {
        return queries.counts();
    }

    /** The configuration the engine runs with. */
    public EngineConfig config() {
        return config;
    }

    /** Makes everything durable: checkpoints every open database. */
    public void checkpoint() {
        worker.checkpoint();
    }

    /** Cancels running queries, checkpoints and closes all storage. */
    @Override
    public void close() {
        queries.cancelAll("The server is shutting down");
        if (!queries.awaitIdle(java.time.Duration.ofSeconds(10))) {
            log.warn("Queries still active 10 s after they were cancelled; closing storage anyway");
        }
        queries.close();
        transactions.close();
        try {
            worker.checkpoint();
        } catch (RuntimeException e) {
            log.warn("Checkpoint at shutdown failed: {}", e.getMessage());
        }
        worker.close();
        systemDatabase.close();
        catalog.close();
    }
}
