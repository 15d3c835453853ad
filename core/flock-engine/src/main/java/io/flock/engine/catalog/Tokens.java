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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes and checks bearer tokens of the form {@code flk_<id>_<secret>}. The id finds the stored
 * token in O(1); the secret (256 random bits) is only ever kept as a salted hash and compared in
 * constant time.
 */
public final class Tokens {
    private static final Pattern FORMAT = Pattern.compile("flk_([a-z0-9]{12})_([A-Za-z0-9_-]{43})");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

    private Tokens() {
    }

    /** A token just issued: the text to hand to the user once, and what the catalog stores. */
    public record IssuedToken(String text, StoredToken stored) {
    }

    /** The parts of a presented token. */
    public record ParsedToken(String id, String secret) {
    }

    public static IssuedToken issue(String user) {
        StringBuilder id = new StringBuilder(12);
        for (int i = 0; i < 12; i++) {
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

    public static Optional<ParsedToken> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = FORMAT.matcher(text.trim());
        return m.matches() ? Optional.of(new ParsedToken(m.group(1), m.group(2))) : Optional.empty();
    }

    public static boolean matches(StoredToken stored, String secret) {
        return MessageDigest.isEqual(stored.hash(), hash(stored.salt(), secret));
    }

    private static byte[] hash(byte[] salt, String secret) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(salt);
            return digest.digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
