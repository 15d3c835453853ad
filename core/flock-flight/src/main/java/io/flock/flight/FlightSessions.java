package io.flock.flight;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import org.apache.arrow.flight.NoOpSessionOptionValueVisitor;
import org.apache.arrow.flight.SessionOptionValue;
import org.apache.arrow.flight.FlightServerMiddleware;
import org.apache.arrow.flight.ServerSessionMiddleware;

/**
 * Flight SQL sessions (the {@code arrow_flight_session_id} cookie): they carry the session option
 * {@code catalog}, which the stock JDBC driver sets from its {@code catalog} connection property.
 * A session holds no credentials; every call is still authenticated and authorized.
 */
final class FlightSessions {
    static final FlightServerMiddleware.Key<ServerSessionMiddleware> KEY = FlightServerMiddleware.Key.of("flock-session");
    /** The session option naming the database, as Flight SQL clients call it. */
    static final String CATALOG = "catalog";
    private static final SecureRandom RANDOM = new SecureRandom();

    private FlightSessions() {
    }

    /** The text of a string-valued session option; empty for other kinds of value. */
    static Optional<String> text(SessionOptionValue value) {
        return Optional.ofNullable(value.acceptVisitor(new NoOpSessionOptionValueVisitor<String>() {
            @Override
            public String visit(String text) {
                return text;
            }
        }));
    }

    static ServerSessionMiddleware.Factory factory() {
        return new ServerSessionMiddleware.Factory(() -> {
            byte[] id = new byte[16];
            RANDOM.nextBytes(id);
            return HexFormat.of().formatHex(id);
        });
    }
}
