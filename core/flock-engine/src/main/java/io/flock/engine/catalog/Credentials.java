package io.flock.engine.catalog;

import static java.util.Objects.requireNonNull;

import io.flock.spi.ErrorCode;
import io.flock.spi.FlockException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * What a client presented in its {@code Authorization} header: {@code Bearer <token>}, or
 * {@code Basic base64(user:token)} where the token is the password. Every transport parses the
 * header here, so that all of them accept and refuse exactly the same things.
 *
 * @param user the user name of basic credentials; empty for a bearer token
 * @param token the token text
 */
public record Credentials(Optional<String> user, String token) {
    private static final String BEARER = "Bearer ";
    private static final String BASIC = "Basic ";

    public Credentials {
        requireNonNull(user, "user is null");
        requireNonNull(token, "token is null");
    }

    /** Whether these came as basic credentials, to be answered with a bearer token. */
    public boolean basic() {
        return user.isPresent();
    }

    /**
     * Parses an {@code Authorization} header value.
     *
     * @throws FlockException AUTHENTICATION_FAILED naming what is wrong with the header
     */
    public static Credentials parse(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            throw new FlockException(ErrorCode.AUTHENTICATION_FAILED, "Authentication required: send"
                    + " 'Authorization: Bearer <token>' or basic credentials (user, with the token as password)");
        }
        if (authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return new Credentials(Optional.empty(), authorization.substring(BEARER.length()).trim());
        }
        if (authorization.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(authorization.substring(BASIC.length()).trim()),
                        StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new FlockException(ErrorCode.AUTHENTICATION_FAILED,
                        "Authentication failed: basic credentials are not valid base64");
            }
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                throw new FlockException(ErrorCode.AUTHENTICATION_FAILED,
                        "Authentication failed: basic credentials must be 'user:token'");
            }
            return new Credentials(Optional.of(decoded.substring(0, colon)), decoded.substring(colon + 1));
        }
        throw new FlockException(ErrorCode.AUTHENTICATION_FAILED,
                "Authentication failed: the Authorization header must use the Basic or Bearer scheme");
    }
}
