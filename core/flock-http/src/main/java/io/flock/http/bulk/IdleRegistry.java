package io.flock.http.bulk;

import static java.util.Objects.requireNonNull;

import io.flock.engine.catalog.Principal;
import io.flock.spi.ErrorCode;
import io.flock.spi.FlockException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Parallel imports or exports by id, each owned by the user who started it, discarded (with
 * {@code discard}) once unused for the idle timeout. {@link #expire()} is called periodically.
 *
 * <p>Thread-safe.
 */
final class IdleRegistry<T> {
    private final String kind;
    private final String prefix;
    private final Duration idleTimeout;
    private final Consumer<T> discard;
    private final Map<String, Entry<T>> entries = new ConcurrentHashMap<>();

    IdleRegistry(String kind, String prefix, Duration idleTimeout, Consumer<T> discard) {
        this.kind = requireNonNull(kind, "kind is null");
        this.prefix = requireNonNull(prefix, "prefix is null");
        this.idleTimeout = requireNonNull(idleTimeout, "idleTimeout is null");
        this.discard = requireNonNull(discard, "discard is null");
    }

    /** Whether {@code text} has the shape of an id of this registry. */
    boolean isId(String text) {
        return text.startsWith(prefix) && text.length() == prefix.length() + 32
                && text.substring(prefix.length()).chars().allMatch(c -> Character.digit(c, 16) >= 0);
    }

    String add(Principal owner, T value) {
        String id = prefix + UUID.randomUUID().toString().replace("-", "");
        entries.put(id, new Entry<>(owner.user(), value));
        return id;
    }

    /**
     * The entry {@code id} of {@code principal} (any entry, for an admin), marked as used now.
     *
     * @throws FlockException NOT_FOUND for unknown, expired or other users' ids alike
     */
    T get(Principal principal, String id) {
        Entry<T> entry = entries.get(id);
        if (entry == null || !(entry.owner.equals(principal.user()) || principal.admin())) {
            throw notFound(id);
        }
        entry.touch();
        return entry.value;
    }

    /** Marks the entry {@code id} as used now, if it still exists. */
    void touch(String id) {
        Entry<T> entry = entries.get(id);
        if (entry != null) {
            entry.touch();
        }
    }

    /** Removes the entry {@code id} of {@code principal}; the caller finishes or discards it. */
    T remove(Principal principal, String id) {
        T value = get(principal, id);
        return entries.remove(id) != null ? value : null;
    }

    /** Discards entries unused for longer than the idle timeout, unless {@code busy} says otherwise. */
    void expire(java.util.function.Predicate<T> busy) {
        long limit = System.nanoTime() - idleTimeout.toNanos();
        entries.forEach((id, entry) -> {
            if (entry.lastUsedNanos < limit && !busy.test(entry.value) && entries.remove(id, entry)) {
                discard.accept(entry.value);
            }
        });
    }

    /** Discards every entry (at shutdown). */
    void discardAll() {
        entries.forEach((id, entry) -> {
            if (entries.remove(id, entry)) {
                discard.accept(entry.value);
            }
        });
    }

    FlockException notFound(String id) {
        return new FlockException(ErrorCode.NOT_FOUND, "No " + kind + " '" + id + "': it is unknown, was committed,"
                + " rolled back or expired after " + idleTimeout.toSeconds() + " s unused");
    }

    private static final class Entry<T> {
        private final String owner;
        private final T value;
        private volatile long lastUsedNanos = System.nanoTime();

        Entry(String owner, T value) {
            this.owner = owner;
            this.value = value;
        }

        void touch() {
            lastUsedNanos = System.nanoTime();
        }
    }
}
