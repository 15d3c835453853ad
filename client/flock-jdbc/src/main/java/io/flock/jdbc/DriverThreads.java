package io.flock.jdbc;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The driver's background threads, all daemons: one timer for query timeouts and a small pool
 * for bounded waits ({@link java.sql.Connection#isValid(int)}).
 */
final class DriverThreads {
    private static final ScheduledExecutorService TIMER =
            Executors.newSingleThreadScheduledExecutor(daemons("flock-jdbc-timeout"));
    private static final ExecutorService WORKERS = Executors.newCachedThreadPool(daemons("flock-jdbc-worker"));

    private DriverThreads() {
    }

    static ScheduledFuture<?> schedule(Runnable task, long delay, TimeUnit unit) {
        return TIMER.schedule(task, delay, unit);
    }

    static <T> Future<T> submit(Callable<T> task) {
        return WORKERS.submit(task);
    }

    private static ThreadFactory daemons(String name) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
