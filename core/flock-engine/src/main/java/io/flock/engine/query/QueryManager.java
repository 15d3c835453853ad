package io.flock.engine.query;

import static java.util.Objects.requireNonNull;

import io.flock.engine.catalog.Principal;
import io.flock.engine.worker.Execution;
import io.flock.spi.ErrorCode;
import io.flock.spi.FlockException;
import io.flock.spi.QueryId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The life of every query: ids, admission, timeouts, cancellation, and the history of recent
 * queries. Transports hand it a function that starts the execution; it does the bookkeeping
 * around it so that every query ends exactly once and always frees its slot.
 *
 * <p>Thread-safe.
 */
public final class QueryManager implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(QueryManager.class);

    private final Admission admission;
    private final Duration queryTimeout;
    private final Duration unclaimedTimeout;
    private final int historySize;
    private final AtomicLong sequence = new AtomicLong();
    private final Map<QueryId, RunningQuery> active = new ConcurrentHashMap<>();
    private final Map<QueryId, QueryInfo> live = new ConcurrentHashMap<>();
    private final Map<QueryId, FlockException> pendingCancels = new ConcurrentHashMap<>();
    private final Deque<QueryInfo> history = new ConcurrentLinkedDeque<>();
    private final java.util.concurrent.atomic.AtomicInteger historyCount = new java.util.concurrent.atomic.AtomicInteger();
    private final Map<QueryState, LongAdder> ended = new EnumMap<>(QueryState.class);
    private final ScheduledExecutorService reaper;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "flock-query-" + THREADS.incrementAndGet());
        t.setDaemon(true);
        return t;
    });
    private static final AtomicLong THREADS = new AtomicLong();

    public QueryManager(Admission admission, Duration queryTimeout, Duration unclaimedTimeout, int historySize) {
        this.admission = requireNonNull(admission, "admission is null");
        this.queryTimeout = requireNonNull(queryTimeout, "queryTimeout is null");
        this.unclaimedTimeout = requireNonNull(unclaimedTimeout, "unclaimedTimeout is null");
        this.historySize = historySize;
        for (QueryState state : QueryState.values()) {
            ended.put(state, new LongAdder());
        }
        this.reaper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "flock-query-reaper");
            t.setDaemon(true);
            return t;
        });
        reaper.scheduleWithFixedDelay(this::reap, 200, 200, TimeUnit.MILLISECONDS);
    }

    /** Plans a query for the manager: checks, authorizes and prepares it, without running it. */
    @FunctionalInterface
    public interface Planner {
        Execution plan(QueryId id);
    }

    /**
     * Admits and plans a query, then starts its execution: in the background when
     * {@code background} (the caller gets the id and schema at once and streams later), else on
     * this thread before returning. The query is then active until its result has been streamed,
     * it fails or it is cancelled. A failure while admitting or planning is recorded as FAILED and
     * thrown, tagged with the query id.
     */
    public RunningQuery start(Session session, String sql, Planner planner, boolean background) {
        QueryId id = QueryId.createNow(sequence.incrementAndGet());
        QueryInfo info = new QueryInfo(id, session.principal().user(), session.database(), sql);
        live.put(id, info);
        boolean admitted = false;
        RunningQuery query;
        try {
            admission.acquire();
            admitted = true;
            info.admitted();
            Execution execution = planner.plan(id);
            query = new RunningQuery(info, execution, () -> ended(info));
            active.put(id, query);
            FlockException requested = pendingCancels.remove(id);
            if (requested != null) {
                query.cancel(requested); // cancelled while it was queued or planned
            }
        } catch (RuntimeException e) {
            FlockException failure = QueryErrors.toFlock(e, id);
            info.end(QueryState.FAILED, failure.errorCode(), failure.getMessage());
            if (admitted) {
                admission.release();
            }
            record(info);
            throw failure;
        }
        if (background) {
            executor.execute(query::runExecution);
        } else {
            query.claim(); // the caller holds the result: it is never "unclaimed"
            query.runExecution();
        }
        return query;
    }

    private void ended(QueryInfo info) {
        active.remove(info.id());
        admission.release();
        record(info);
    }

    private void record(QueryInfo info) {
        live.remove(info.id());
        pendingCancels.remove(info.id());
        ended.get(info.state()).increment();
        history.addFirst(info);
        if (historyCount.incrementAndGet() > historySize && history.pollLast() != null) {
            historyCount.decrementAndGet(); // ConcurrentLinkedDeque.size() walks the deque: count instead
        }
    }

    /**
     * The active query {@code id} for streaming, if {@code principal} may read it.
     *
     * @throws FlockException QUERY_NOT_FOUND if it does not exist, ended, or belongs to someone else
     */
    public RunningQuery claim(Principal principal, QueryId id) {
        RunningQuery query = active.get(id);
        if (query != null && mayAccess(principal, query.info())) {
            if (query.claim()) {
                return query;
            }
            query.checkNotCancelled();
        }
        Optional<QueryStats> ended = find(id).filter(i -> mayAccess(principal, i)).map(QueryInfo::stats)
                .filter(s -> s.state().isDone() && s.errorCode() != null);
        if (ended.isPresent()) {
            QueryStats stats = ended.get();
            throw new FlockException(ErrorCode.valueOf(stats.errorCode()), stats.errorMessage(), id, null);
        }
        throw new FlockException(ErrorCode.QUERY_NOT_FOUND, "Query " + id
                + " has no result to fetch: it does not exist, has ended, or was already fetched");
    }

    /**
     * Cancels a query of the same user (or any query, for an admin).
     *
     * @return the query's state after the request
     */
    public QueryState cancel(Principal principal, QueryId id) {
        RunningQuery query = active.get(id);
        if (query == null) {
            QueryInfo info = find(id).filter(i -> mayAccess(principal, i)).orElseThrow(() -> notFound(id));
            if (!info.state().isDone()) {
                // queued or being planned: cancelled as soon as it becomes active
                pendingCancels.put(id, cancelledBy(principal, id));
                query = active.get(id);
                if (query != null && pendingCancels.remove(id) != null) {
                    query.cancel(cancelledBy(principal, id));
                }
            }
            return info.state();
        }
        if (!mayAccess(principal, query.info())) {
            throw notFound(id);
        }
        log.info("User '{}' cancels query {}", principal.user(), id);
        query.cancel(cancelledBy(principal, id));
        return query.info().state();
    }

    private static FlockException cancelledBy(Principal principal, QueryId id) {
        return new FlockException(ErrorCode.QUERY_CANCELLED, "Query " + id + " was cancelled by user '"
                + principal.user() + "'", id, null);
    }

    /** The stats of a query the principal may see. */
    public QueryStats stats(Principal principal, QueryId id) {
        return find(id).filter(i -> mayAccess(principal, i)).orElseThrow(() -> notFound(id)).stats();
    }

    /** Active and recent queries, newest first. */
    public List<QueryStats> recentQueries() {
        List<QueryStats> stats = new ArrayList<>();
        live.values().forEach(i -> stats.add(i.stats()));
        history.forEach(i -> stats.add(i.stats()));
        stats.sort((a, b) -> b.id().compareTo(a.id()));
        return stats;
    }

    public QueryCounts counts() {
        return new QueryCounts(admission.running(), admission.queued(), ended.get(QueryState.FINISHED).sum(),
                ended.get(QueryState.FAILED).sum(), ended.get(QueryState.CANCELLED).sum());
    }

    private Optional<QueryInfo> find(QueryId id) {
        QueryInfo info = live.get(id);
        if (info != null) {
            return Optional.of(info);
        }
        return history.stream().filter(i -> i.id().equals(id)).findFirst();
    }

    private static boolean mayAccess(Principal principal, QueryInfo info) {
        return principal.admin() || info.user().equals(principal.user());
    }

    private static FlockException notFound(QueryId id) {
        return new FlockException(ErrorCode.QUERY_NOT_FOUND, "Query " + id + " does not exist or is not yours");
    }

    private void reap() {
        long timeoutNanos = queryTimeout.toNanos();
        long unclaimedNanos = unclaimedTimeout.toNanos();
        for (RunningQuery query : active.values()) {
            try {
                if (query.ageNanos() > timeoutNanos) {
                    query.cancel(timedOut(query.id()));
                } else if (!query.isClaimed() && query.ageNanos() > unclaimedNanos) {
                    query.cancel(new FlockException(ErrorCode.QUERY_CANCELLED, "Query " + query.id()
                            + " was abandoned: its result was not fetched within " + unclaimedTimeout.toMillis() + " ms"));
                }
            } catch (RuntimeException e) {
                log.warn("Reaping query {} failed", query.id(), e);
            }
        }
    }

    private FlockException timedOut(QueryId id) {
        return new FlockException(ErrorCode.QUERY_TIMEOUT, "Query " + id + " exceeded the time limit of "
                + queryTimeout.toMillis() + " ms (query.timeout)", id, null);
    }

    /** Cancels every active query, e.g. at shutdown. */
    public void cancelAll(String reason) {
        FlockException why = new FlockException(ErrorCode.SERVER_SHUTTING_DOWN, reason);
        active.values().forEach(q -> q.cancel(why));
    }

    /** Waits until no query is active, at most {@code limit}; returns whether none is. */
    public boolean awaitIdle(Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!active.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return active.isEmpty();
    }

    @Override
    public void close() {
        reaper.shutdownNow();
        executor.shutdownNow();
    }
}
