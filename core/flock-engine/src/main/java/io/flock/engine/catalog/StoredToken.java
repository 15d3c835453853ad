package io.flock.engine.catalog;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A bearer token as the catalog keeps it: never the secret, only a salted SHA-256 hash of it.
 *
 * @param id the public part of the token, used to find it
 * @param user the user the token belongs to
 * @param salt random salt, 16 bytes
 * @param hash SHA-256 of salt and secret
 * @param createdAt when the token was issued
 */
public record StoredToken(String id, String user, byte[] salt, byte[] hash, Instant createdAt) {
    public StoredToken {
        requireNonNull(id, "id is null");
        requireNonNull(user, "user is null");
        salt = salt.clone();
        hash = hash.clone();
        requireNonNull(createdAt, "createdAt is null");
    }

    @Override
    public byte[] salt() {
        return salt.clone();
    }

    @Override
    public byte[] hash() {
        return hash.clone();
    }
}
