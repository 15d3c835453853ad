package io.flock.engine.catalog;

import java.util.List;
import java.util.Map;

/**
 * Durable storage of the catalog. Every method is one transaction: it either happens completely
 * or not at all.
 */
public interface CatalogStore extends AutoCloseable {
    /** Everything stored, read once at start. */
    CatalogSnapshot load();

    void createUser(User user, StoredToken firstToken);

    /** Removes the user with its tokens and grants. */
    void dropUser(String user);

    void addToken(StoredToken token);

    void removeToken(String tokenId);

    void setGrant(String user, String database, Privilege privilege);

    void removeGrant(String user, String database);

    void createDatabase(DatabaseEntry database);

    /** Removes the database and every grant on it. */
    void dropDatabase(String database);

    @Override
    void close();

    /** The stored catalog. */
    record CatalogSnapshot(List<User> users, List<StoredToken> tokens, Map<String, Map<String, Privilege>> grants,
                           List<DatabaseEntry> databases) {
    }
}
