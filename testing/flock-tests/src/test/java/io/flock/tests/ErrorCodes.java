package io.flock.tests;

import io.flock.spi.ErrorCode;
import java.sql.SQLException;
import org.apache.arrow.flight.FlightRuntimeException;

/**
 * The server's {@link ErrorCode} of a failure, whichever client reported it: the engine's exception,
 * a Flight call's {@code flock-error-name} metadata, the SDK's exception or a Flock JDBC
 * {@link SQLException}'s error code, searched along the causes.
 */
final class ErrorCodes {
    private ErrorCodes() {
    }

    static ErrorCode of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof io.flock.spi.FlockException engine) {
                return engine.errorCode();
            }
            if (t instanceof io.flock.client.FlockException sdk && sdk.errorName() != null) {
                return ErrorCode.valueOf(sdk.errorName());
            }
            if (t instanceof FlightRuntimeException flight && flight.status().metadata() != null
                    && flight.status().metadata().containsKey("flock-error-name")) {
                return ErrorCode.valueOf(flight.status().metadata().get("flock-error-name"));
            }
            if (t instanceof SQLException jdbc && ErrorCode.fromCode(jdbc.getErrorCode()).isPresent()) {
                return ErrorCode.fromCode(jdbc.getErrorCode()).get();
            }
        }
        throw new AssertionError("No Flock error code in " + failure, failure);
    }
}
