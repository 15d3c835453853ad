package io.flock.engine.query;

import static java.util.Objects.requireNonNull;

import io.flock.engine.catalog.Catalog;
import io.flock.engine.catalog.Names;
import io.flock.engine.catalog.Principal;
import io.flock.engine.catalog.Privilege;
import io.flock.engine.sql.AdminCommand;
import io.flock.engine.sql.AdminStatementParser;
import io.flock.engine.sql.ClassifiedStatement;
import io.flock.engine.sql.StatementClassifier;
import io.flock.engine.sql.StatementKind;
import io.flock.engine.system.SystemDatabase;
import io.flock.engine.system.SystemTables;
import io.flock.engine.worker.Execution;
import io.flock.engine.worker.PreparedShape;
import io.flock.engine.worker.TableInfo;
import io.flock.engine.worker.TableWrite;
import io.flock.engine.worker.Worker;
import io.flock.engine.worker.WorkerTransaction;
import io.flock.spi.ErrorCode;
import io.flock.spi.FlockException;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Checks one statement and sends it where it runs: Flock's administration, the system tables or
 * the worker holding the session's database. Every path classifies and authorizes first.
 */
public final class StatementRunner {
    private final Catalog catalog;
    private final Worker worker;
    private final SystemDatabase systemDatabase;
    private final SystemTables systemTables;

    public StatementRunner(Catalog catalog, Worker worker, SystemDatabase systemDatabase, SystemTables systemTables) {
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.worker = requireNonNull(worker, "worker is null");
        this.systemDatabase = requireNonNull(systemDatabase, "systemDatabase is null");
        this.systemTables = requireNonNull(systemTables, "systemTables is null");
    }

    /**
     * Checks, authorizes and prepares a statement. Administration statements and system-table
     * queries are done right here (they are small); user statements run on {@link Execution#run()}.
     */
    public Execution plan(Session session, String sql, List<Object> parameters, BufferAllocator allocator,
                          Optional<WorkerTransaction> transaction) {
        return plan(session, authorize(session, sql), parameters, allocator, transaction);
    }

    /**
     * Like {@link #plan} for a one-off statement without parameters outside a transaction: a
     * statement on a user database goes to {@link Worker#startOneOff}, which decides whether it
     * needs a prepare.
     */
    public Execution planOneOff(Session session, String sql, BufferAllocator allocator) {
        ClassifiedStatement statement = authorize(session, sql);
        if (statement.kind() == StatementKind.ADMIN || isSystem(session)) {
            return plan(session, statement, List.of(), allocator, Optional.empty());
        }
        return worker.startOneOff(session.database(), statement, allocator);
    }

    private Execution plan(Session session, ClassifiedStatement statement, List<Object> parameters,
                           BufferAllocator allocator, Optional<WorkerTransaction> transaction) {
        if (transaction.isPresent()) {
            if (statement.kind() == StatementKind.ADMIN || isSystem(session)) {
                throw new FlockException(ErrorCode.NOT_SUPPORTED, "Administration statements and system tables"
                        + " cannot be used inside a transaction");
            }
            return worker.prepare(transaction.get(), statement, parameters, allocator);
        }
        if (statement.kind() == StatementKind.ADMIN) {
            return new AdminExecutor(catalog, worker)
                    .run(session.principal(), AdminStatementParser.parse(statement.tokens()), allocator);
        }
        if (isSystem(session)) {
            return systemDatabase.execute(systemTables.rowsFor(session.principal()), statement.sql(), parameters,
                    allocator);
        }
        return worker.prepare(session.database(), statement, parameters, allocator);
    }

    /** Prepares an update to run once per parameter row, all in one transaction. */
    public Execution planBatch(Session session, String sql, List<List<Object>> parameterRows) {
        ClassifiedStatement statement = authorize(session, sql);
        // Only DML: a batch runs outside the schema-change tracking that DDL needs (caches of
        // statements, shapes and table definitions), and a query's rows would have nowhere to go.
        if (statement.kind() != StatementKind.DML || isSystem(session)) {
            throw new FlockException(ErrorCode.NOT_SUPPORTED, "Batches of parameters are supported for INSERT,"
                    + " UPDATE, DELETE and MERGE on user databases only, not for " + statement.kind() + " statements"
                    + " (run it once per parameter row)");
        }
        return worker.prepareBatch(session.database(), statement, parameterRows);
    }

    /**
     * Authorizes (WRITE on the session's database) and prepares a write of Arrow rows into a
     * table, in its own transaction or in {@code transaction}.
     */
    public Execution planAppend(Session session, TableWrite write, ArrowReader rows, BufferAllocator allocator,
                                Optional<WorkerTransaction> transaction) {
        if (isSystem(session)) {
            throw new FlockException(ErrorCode.PERMISSION_DENIED,
                    "The system database '" + Names.SYSTEM_DATABASE + "' is read-only");
        }
        catalog.checkAccess(session.principal(), session.database(), Privilege.WRITE);
        if (!catalog.databaseExists(session.database())) {
            throw new FlockException(ErrorCode.DATABASE_NOT_FOUND, "Database '" + session.database() + "' does not exist");
        }
        return transaction.isPresent()
                ? worker.prepareAppend(transaction.get(), write, rows, allocator)
                : worker.prepareAppend(session.database(), write, rows, allocator);
    }

    /** The shapes of a statement without running it. */
    public PreparedShape describe(Session session, String sql) {
        ClassifiedStatement statement = authorize(session, sql);
        if (statement.kind() == StatementKind.ADMIN) {
            AdminCommand command = AdminStatementParser.parse(statement.tokens());
            return new PreparedShape(ResultRows.textSchema(AdminExecutor.resultColumns(command)), new Schema(List.of()));
        }
        if (isSystem(session)) {
            return systemDatabase.describe(statement.sql());
        }
        return worker.describe(session.database(), statement);
    }

    private ClassifiedStatement authorize(Session session, String sql) {
        ClassifiedStatement statement = StatementClassifier.classify(sql);
        if (statement.kind() == StatementKind.ADMIN) {
            Catalog.checkAdmin(session.principal(), "run administration statements");
            return statement;
        }
        if (isSystem(session)) {
            if (statement.kind() != StatementKind.QUERY || statement.analyze()) {
                throw new FlockException(ErrorCode.PERMISSION_DENIED,
                        "The system database '" + Names.SYSTEM_DATABASE + "' is read-only");
            }
            return statement;
        }
        catalog.checkAccess(session.principal(), session.database(),
                statement.kind().writes() ? Privilege.WRITE : Privilege.READ);
        if (!catalog.databaseExists(session.database())) {
            throw new FlockException(ErrorCode.DATABASE_NOT_FOUND, "Database '" + session.database() + "' does not exist");
        }
        return statement;
    }

    public List<TableInfo> tables(Principal principal, String database) {
        if (database.equals(Names.SYSTEM_DATABASE)) {
            return systemDatabase.tables();
        }
        catalog.checkAccess(principal, database, Privilege.READ);
        return worker.tables(database);
    }

    public List<String> schemas(Principal principal, String database) {
        if (database.equals(Names.SYSTEM_DATABASE)) {
            return List.of("main");
        }
        catalog.checkAccess(principal, database, Privilege.READ);
        return worker.schemas(database);
    }

    private static boolean isSystem(Session session) {
        return session.database().equals(Names.SYSTEM_DATABASE);
    }
}
