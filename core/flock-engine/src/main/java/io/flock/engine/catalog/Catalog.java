package io.flock.engine.catalog;

import static java.util.Objects.requireNonNull;

import io.flock.spi.ErrorCode;
import io.flock.spi.FlockException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Users, tokens, grants and databases. Reads are lock-free from memory; every change is written
 * to the {@link CatalogStore} first and applied in memory only once it is durable.
 *
 * <p>Thread-safe.
 */
public final class Catalog implements AutoCloseable {
    /** The user created on the first start of an empty data directory. */
    public static final String ADMIN_USER = "admin";

    private final CatalogStore store;
    private final Map<String, User> users = new ConcurrentHashMap<>();
    private final Map<String, StoredToken> tokens = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Privilege>> grants = new ConcurrentHashMap<>();
    private final Map<String, DatabaseEntry> databases = new ConcurrentHashMap<>();

    public Catalog(CatalogStore store) {
        this.store = requireNonNull(store, "store is null");
        CatalogStore.CatalogSnapshot snapshot = store.load();
        snapshot.users().forEach(u -> users.put(u.name(), u));
        snapshot.tokens().forEach(t -> tokens.put(t.id(), t));
        snapshot.grants().forEach((user, byDatabase) -> grants.put(user, new ConcurrentHashMap<>(byDatabase)));
        snapshot.databases().forEach(d -> databases.put(d.name(), d));
    }

    /** Whether no user exists yet, i.e. the data directory is new. */
    public boolean isEmpty() {
        return users.isEmpty();
    }

    // ---- authentication ----

    /**
     * The principal a bearer token belongs to.
     *
     * @throws FlockException AUTHENTICATION_FAILED when the token is malformed, unknown or revoked
     */
    public Principal authenticate(String tokenText) {
        Tokens.ParsedToken parsed = Tokens.parse(tokenText).orElseThrow(() -> authFailed("the token is malformed"));
        StoredToken stored = tokens.get(parsed.id());
        if (stored == null || !Tokens.matches(stored, parsed.secret())) {
            throw authFailed("the token is unknown or was revoked");
        }
        User user = users.get(stored.user());
        if (user == null) {
            throw authFailed("the token's user no longer exists");
        }
        return new Principal(user.name(), user.admin());
    }

    /** Checks a user name and token pair, as sent by a basic-auth handshake. */
    public Principal authenticate(String user, String tokenText) {
        Principal principal = authenticate(tokenText);
        if (!principal.user().equals(user == null ? "" : user.toLowerCase(java.util.Locale.ROOT))) {
            throw authFailed("the token does not belong to user '" + user + "'");
        }
        return principal;
    }

    private static FlockException authFailed(String why) {
        return new FlockException(ErrorCode.AUTHENTICATION_FAILED, "Authentication failed: " + why);
    }

    // ---- authorization ----

    /**
     * Checks that {@code principal} holds {@code needed} on {@code database}. Admins hold every
     * privilege. The error does not reveal whether the database exists.
     */
    public void checkAccess(Principal principal, String database, Privilege needed) {
        if (principal.admin()) {
            return;
        }
        Privilege held = grants.getOrDefault(principal.user(), Map.of()).get(database);
        if (held == null) {
            throw new FlockException(ErrorCode.PERMISSION_DENIED, "Access denied: user '" + principal.user()
                    + "' has no grant on database '" + database + "'");
        }
        if (!held.includes(needed)) {
            throw new FlockException(ErrorCode.PERMISSION_DENIED, "Access denied: user '" + principal.user()
                    + "' may only " + held.name().toLowerCase(java.util.Locale.ROOT) + " database '" + database
                    + "', this statement needs " + needed);
        }
    }

    public boolean canAccess(Principal principal, String database) {
        return principal.admin() || grants.getOrDefault(principal.user(), Map.of()).containsKey(database);
    }

    public static void checkAdmin(Principal principal, String what) {
        if (!principal.admin()) {
            throw new FlockException(ErrorCode.PERMISSION_DENIED,
                    "Access denied: only admins may " + what + " (user '" + principal.user() + "' is not an admin)");
        }
    }

    // ---- users and tokens ----

    /** Creates a user and returns its first token's text, to be shown once. */
    public synchronized String createUser(String name, boolean admin) {
        return createUser(name, admin, Tokens.issue(name));
    }

    /** Creates a user whose first token was chosen outside (e.g. {@code FLOCK_ADMIN_TOKEN}). */
    public synchronized String createUser(String name, boolean admin, Tokens.IssuedToken token) {
        if (users.containsKey(name)) {
            throw new FlockException(ErrorCode.ALREADY_EXISTS, "User '" + name + "' already exists");
        }
        User user = new User(name, admin, Instant.now());
        store.createUser(user, token.stored());
        users.put(name, user);
        tokens.put(token.stored().id(), token.stored());
        return token.text();
    }

    public synchronized boolean dropUser(String name, boolean ifExists) {
        if (!users.containsKey(name)) {
            if (ifExists) {
                return false;
            }
            throw new FlockException(ErrorCode.NOT_FOUND, "User '" + name + "' does not exist");
        }
        if (users.get(name).admin() && users.values().stream().filter(User::admin).count() == 1) {
            throw new FlockException(ErrorCode.INVALID_ARGUMENT,
                    "User '" + name + "' is the last admin and cannot be dropped");
        }
        store.dropUser(name);
        users.remove(name);
        tokens.values().removeIf(t -> t.user().equals(name));
        grants.remove(name);
        return true;
    }

    /** Issues another token for {@code user} and returns its text. */
    public synchronized Tokens.IssuedToken createToken(String user) {
        requireUser(user);
        Tokens.IssuedToken token = Tokens.issue(user);
        store.addToken(token.stored());
        tokens.put(token.stored().id(), token.stored());
        return token;
    }

    public synchronized void dropToken(String tokenId) {
        String id = Tokens.parse(tokenId).map(Tokens.ParsedToken::id).orElse(tokenId);
        if (!tokens.containsKey(id)) {
            throw new FlockException(ErrorCode.NOT_FOUND, "Token '" + id + "' does not exist");
        }
        store.removeToken(id);
        tokens.remove(id);
    }

    // ---- grants ----

    public synchronized void grant(String user, String database, Privilege privilege) {
        requireUser(user);
        requireDatabase(database);
        store.setGrant(user, database, privilege);
        grants.computeIfAbsent(user, u -> new ConcurrentHashMap<>()).put(database, privilege);
    }

    /** Revokes {@code privilege}: revoking WRITE leaves READ, revoking READ removes the grant. */
    public synchronized void revoke(String user, String database, Privilege privilege) {
        requireUser(user);
        Map<String, Privilege> held = grants.getOrDefault(user, Map.of());
        Privilege current = held.get(database);
        if (current == null) {
            return;
        }
        if (privilege == Privilege.WRITE && current == Privilege.WRITE) {
            store.setGrant(user, database, Privilege.READ);
            held.put(database, Privilege.READ);
        } else if (privilege == Privilege.READ) {
            store.removeGrant(user, database);
            held.remove(database);
        }
    }

    // ---- databases ----

    /**
     * Records a new database; {@code createStorage} creates its files first and
     * {@code dropStorage} removes them again if the catalog cannot record it.
     */
    public synchronized void createDatabase(String name, Runnable createStorage, Runnable dropStorage) {
        if (databases.containsKey(name)) {
            throw new FlockException(ErrorCode.ALREADY_EXISTS, "Database '" + name + "' already exists");
        }
        createStorage.run();
        DatabaseEntry entry = new DatabaseEntry(name, Instant.now());
        try {
            store.createDatabase(entry);
        } catch (RuntimeException e) {
            dropStorage.run();
            throw e;
        }
        databases.put(name, entry);
    }

    /** Forgets the database; {@code dropStorage} runs after the catalog change is durable. */
    public synchronized void dropDatabase(String name, Runnable dropStorage) {
        requireDatabase(name);
        store.dropDatabase(name);
        databases.remove(name);
        grants.values().forEach(byDatabase -> byDatabase.remove(name));
        dropStorage.run();
    }

    public boolean databaseExists(String name) {
        return databases.containsKey(name);
    }

    public List<DatabaseEntry> databases() {
        List<DatabaseEntry> list = new ArrayList<>(databases.values());
        list.sort(Comparator.comparing(DatabaseEntry::name));
        return list;
    }

    public List<User> users() {
        List<User> list = new ArrayList<>(users.values());
        list.sort(Comparator.comparing(User::name));
        return list;
    }

    public List<StoredToken> tokens() {
        List<StoredToken> list = new ArrayList<>(tokens.values());
        list.sort(Comparator.comparing(StoredToken::user).thenComparing(StoredToken::createdAt));
        return list;
    }

    /** user → database → privilege. */
    public Map<String, Map<String, Privilege>> grants() {
        Map<String, Map<String, Privilege>> copy = new java.util.TreeMap<>();
        grants.forEach((user, byDatabase) -> copy.put(user, new java.util.TreeMap<>(byDatabase)));
        return copy;
    }

    public Optional<User> user(String name) {
        return Optional.ofNullable(users.get(name));
    }

    private void requireUser(String user) {
        if (!users.containsKey(user)) {
            throw new FlockException(ErrorCode.NOT_FOUND, "User '" + user + "' does not exist");
        }
    }

    private void requireDatabase(String database) {
        if (!databases.containsKey(database)) {
            throw new FlockException(ErrorCode.DATABASE_NOT_FOUND, "Database '" + database + "' does not exist");
        }
    }

    @Override
    public void close() {
        store.close();
    }
}
