package io.flock.engine.catalog;

import io.flock.spi.ErrorCode;
import io.flock.spi.FlockException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Makes and checks bearer tokens of the form {@code flk_<id>_<secret>}. The id finds the stored
 * token in O(1); the secret (256 random bits) is only ever kept as a salted hash and compared in
 * constant time.
 */
public final class Tokens {
    private static final String PREFIX = "flk_";
    private static final int ID_LENGTH = 12;
    private static final int SECRET_LENGTH = 43;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final MessageDigest SHA_256 = sha256();

    private Tokens() {
    }

    /** A token just issued: the text to hand to the user once, and what the catalog stores. */
    public record IssuedToken(String text, StoredToken stored) {
    }

    /** The parts of a presented token. */
    public record ParsedToken(String id, String secret) {
    }

    public static IssuedToken issue(String user) {
        StringBuilder id = new StringBuilder(ID_LENGTH);
        for (int i = 0; i < ID_LENGTH; i++) {
            id.append(ID_ALPHABET.charAt(RANDOM.nextInt(ID_ALPHABET.length())));
        }
        byte[] secretBytes = new byte[32];
        RANDOM.nextBytes(secretBytes);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(secretBytes);
        return fromText("flk_" + id + "_" + secret, user);
    }

    /** Stores a token whose text was chosen outside (e.g. {@code FLOCK_ADMIN_TOKEN}). */
    public static IssuedToken fromText(String text, String user) {
        ParsedToken parsed = parse(text).orElseThrow(() -> new FlockException(ErrorCode.INVALID_ARGUMENT,
                "A Flock token has the form flk_<12 lower-case letters or digits>_<43 base64url characters>;"
                        + " generate one with 'flock token'"));
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        StoredToken stored = new StoredToken(parsed.id(), user, salt, hash(salt, parsed.secret()), Instant.now());
        return new IssuedToken(text, stored);
    }

    /**
     * The id and secret of a token text, if it has the form {@code flk_<id>_<secret>}. Checked by
     * hand, not with a regular expression: every call of every client presents a token.
     */
    public static Optional<ParsedToken> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.trim();
        int idEnd = PREFIX.length() + ID_LENGTH;
        if (t.length() != idEnd + 1 + SECRET_LENGTH || !t.startsWith(PREFIX) || t.charAt(idEnd) != '_') {
            return Optional.empty();
        }
        for (int i = PREFIX.length(); i < idEnd; i++) {
            if (ID_ALPHABET.indexOf(t.charAt(i)) < 0) {
                return Optional.empty();
            }
        }
        for (int i = idEnd + 1; i < t.length(); i++) {
            if (!isBase64Url(t.charAt(i))) {
                return Optional.empty();
            }
        }
        return Optional.of(new ParsedToken(t.substring(PREFIX.length(), idEnd), t.substring(idEnd + 1)));
    }

    private static boolean isBase64Url(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    }

    public static boolean matches(StoredToken stored, String secret) {
        return MessageDigest.isEqual(stored.hash(), hash(stored.salt(), secret));
    }

    private static byte[] hash(byte[] salt, String secret) {
        MessageDigest digest = newSha256();
        digest.update(salt);
        return digest.digest(secret.getBytes(StandardCharsets.UTF_8));
    }

    /** A fresh SHA-256 digest, cloned from a prototype: looking the algorithm up costs more than hashing a token. */
    private static MessageDigest newSha256() {
        try {
            return (MessageDigest) SHA_256.clone();
        } catch (CloneNotSupportedException e) {
            return sha256();
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
