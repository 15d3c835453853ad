package io.flock.engine.system;

import static java.util.Objects.requireNonNull;

import io.flock.engine.catalog.Catalog;
import io.flock.engine.catalog.Principal;
import io.flock.engine.ingest.StreamStats;
import io.flock.engine.query.QueryStats;
import io.flock.engine.worker.CompactionStats;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The tables of the system database {@code flock} (DuckDB already has a catalog called
 * {@code system}). Admins see every row; other users see their own queries, grants and tokens,
 * and the databases they may use. docs/sql.md (System tables) describes the columns.
 */
public final class SystemTables {
    public static final SystemTable QUERIES = new SystemTable("queries", List.of(
            new SystemColumn("query_id", "VARCHAR"), new SystemColumn("user_name", "VARCHAR"),
            new SystemColumn("database_name", "VARCHAR"), new SystemColumn("sql", "VARCHAR"),
            new SystemColumn("state", "VARCHAR"), new SystemColumn("created_at", "TIMESTAMPTZ"),
            new SystemColumn("ended_at", "TIMESTAMPTZ"), new SystemColumn("queued_ms", "BIGINT"),
            new SystemColumn("planning_ms", "BIGINT"), new SystemColumn("execution_ms", "BIGINT"),
            new SystemColumn("fetch_ms", "BIGINT"), new SystemColumn("rows", "BIGINT"),
            new SystemColumn("bytes", "BIGINT"), new SystemColumn("error_code", "VARCHAR"),
            new SystemColumn("error_message", "VARCHAR")));
    public static final SystemTable DATABASES = new SystemTable("databases", List.of(
            new SystemColumn("name", "VARCHAR"), new SystemColumn("created_at", "TIMESTAMPTZ")));
    public static final SystemTable USERS = new SystemTable("users", List.of(
            new SystemColumn("name", "VARCHAR"), new SystemColumn("admin", "BOOLEAN"),
            new SystemColumn("created_at", "TIMESTAMPTZ")));
    public static final SystemTable GRANTS = new SystemTable("grants", List.of(
            new SystemColumn("user_name", "VARCHAR"), new SystemColumn("database_name", "VARCHAR"),
            new SystemColumn("privilege", "VARCHAR")));
    public static final SystemTable TOKENS = new SystemTable("tokens", List.of(
            new SystemColumn("token_id", "VARCHAR"), new SystemColumn("user_name", "VARCHAR"),
            new SystemColumn("created_at", "TIMESTAMPTZ")));
    /** Ingest streams used since the server started, with their counters (docs/ingest.md). */
    public static final SystemTable INGEST_STREAMS = new SystemTable("ingest_streams", List.of(
            new SystemColumn("database_name", "VARCHAR"), new SystemColumn("table_name", "VARCHAR"),
            new SystemColumn("stream_id", "VARCHAR"), new SystemColumn("user_name", "VARCHAR"),
            new SystemColumn("mode", "VARCHAR"), new SystemColumn("opened_at", "TIMESTAMPTZ"),
            new SystemColumn("last_sequence", "BIGINT"), new SystemColumn("rows", "BIGINT"),
            new SystemColumn("batches", "BIGINT"), new SystemColumn("bytes", "BIGINT"),
            new SystemColumn("retries", "BIGINT"), new SystemColumn("throttles", "BIGINT"),
            new SystemColumn("duplicates", "BIGINT"), new SystemColumn("rejected", "BIGINT")));
    /** The compaction backlog and folds of primary-key tables (docs/primary-key-tables.md). */
    public static final SystemTable COMPACTIONS = new SystemTable("compactions", List.of(
            new SystemColumn("database_name", "VARCHAR"), new SystemColumn("table_name", "VARCHAR"),
            new SystemColumn("pending_rows", "BIGINT"), new SystemColumn("folds", "BIGINT"),
            new SystemColumn("folded_rows", "BIGINT"), new SystemColumn("last_fold_ms", "BIGINT"),
            new SystemColumn("last_fold_at", "TIMESTAMPTZ"), new SystemColumn("failed_folds", "BIGINT"),
            new SystemColumn("last_error", "VARCHAR")));
    public static final List<SystemTable> ALL = List.of(QUERIES, DATABASES, USERS, GRANTS, TOKENS, INGEST_STREAMS,
            COMPACTIONS);

    private final Catalog catalog;
    private final Supplier<List<QueryStats>> queries;
    private final Function<Principal, List<StreamStats>> ingestStreams;
    private final Supplier<List<CompactionStats>> compactions;

    public SystemTables(Catalog catalog, Supplier<List<QueryStats>> queries) {
        this(catalog, queries, principal -> List.of(), List::of);
    }

    /**
     * @param ingestStreams the counters of the ingest streams a principal may see
     * @param compactions the compaction state of every primary-key table (filtered here by database access)
     */
    public SystemTables(Catalog catalog, Supplier<List<QueryStats>> queries,
                        Function<Principal, List<StreamStats>> ingestStreams,
                        Supplier<List<CompactionStats>> compactions) {
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.queries = requireNonNull(queries, "queries is null");
        this.ingestStreams = requireNonNull(ingestStreams, "ingestStreams is null");
        this.compactions = requireNonNull(compactions, "compactions is null");
    }

    /** The rows of every system table that {@code principal} may see. */
    public Map<SystemTable, List<Object[]>> rowsFor(Principal principal) {
        Map<SystemTable, List<Object[]>> rows = new LinkedHashMap<>();
        rows.put(QUERIES, queries(principal));
        rows.put(DATABASES, catalog.databases().stream()
                .filter(d -> catalog.canAccess(principal, d.name()))
                .map(d -> new Object[] {d.name(), time(d.createdAt())}).toList());
        rows.put(USERS, catalog.users().stream()
                .filter(u -> principal.admin() || u.name().equals(principal.user()))
                .map(u -> new Object[] {u.name(), u.admin(), time(u.createdAt())}).toList());
        List<Object[]> grants = new ArrayList<>();
        catalog.grants().forEach((user, byDatabase) -> byDatabase.forEach((database, privilege) -> {
            if (principal.admin() || user.equals(principal.user())) {
                grants.add(new Object[] {user, database, privilege.name()});
            }
        }));
        rows.put(GRANTS, grants);
        rows.put(TOKENS, catalog.tokens().stream()
                .filter(t -> principal.admin() || t.user().equals(principal.user()))
                .map(t -> new Object[] {t.id(), t.user(), time(t.createdAt())}).toList());
        rows.put(INGEST_STREAMS, ingestStreams.apply(principal).stream()
                .map(s -> new Object[] {s.database(), s.table(), s.streamId(), s.userName(), s.mode().name(),
                        time(s.openedAt()), s.lastSequence(), s.rows(), s.batches(), s.bytes(), s.retries(),
                        s.throttles(), s.duplicates(), s.rejected()}).toList());
        rows.put(COMPACTIONS, compactions.get().stream()
                .filter(c -> catalog.canAccess(principal, c.database()))
                .map(c -> new Object[] {c.database(), c.table(), c.pendingRows(), c.folds(), c.foldedRows(),
                        c.lastFoldMillis() < 0 ? null : c.lastFoldMillis(),
                        c.lastFoldAt() == null ? null : time(c.lastFoldAt()), c.failedFolds(), c.lastError()})
                .toList());
        return rows;
    }

    private List<Object[]> queries(Principal principal) {
        List<Object[]> rows = new ArrayList<>();
        for (QueryStats q : queries.get()) {
            if (principal.admin() || q.user().equals(principal.user())) {
                rows.add(new Object[] {q.id().value(), q.user(), q.database(), q.sql(), q.state().name(),
                        time(q.createdAt()), q.endedAt() == null ? null : time(q.endedAt()), q.queuedMillis(),
                        q.planningMillis(), q.executionMillis(), q.fetchMillis(), q.rows(), q.bytes(), q.errorCode(),
                        q.errorMessage()});
            }
        }
        return rows;
    }

    private static OffsetDateTime time(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
