package io.flock.spi;

import static io.flock.spi.ErrorType.EXTERNAL;
import static io.flock.spi.ErrorType.INSUFFICIENT_RESOURCES;
import static io.flock.spi.ErrorType.INTERNAL_ERROR;
import static io.flock.spi.ErrorType.USER_ERROR;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every error Flock reports, with a stable numeric code, its {@link ErrorType} and the SQLSTATE
 * that JDBC clients see. Codes are never renumbered; docs/error-codes.md lists them.
 */
public enum ErrorCode {
    SYNTAX_ERROR(1, USER_ERROR, "42601"),
    NOT_FOUND(2, USER_ERROR, "42P01"),
    ALREADY_EXISTS(3, USER_ERROR, "42P07"),
    INVALID_QUERY(4, USER_ERROR, "42000"),
    TYPE_MISMATCH(5, USER_ERROR, "42804"),
    DATA_ERROR(6, USER_ERROR, "22000"),
    CONSTRAINT_VIOLATION(7, USER_ERROR, "23000"),
    INVALID_ARGUMENT(8, USER_ERROR, "22023"),
    NOT_SUPPORTED(9, USER_ERROR, "0A000"),
    PERMISSION_DENIED(10, USER_ERROR, "42501"),
    AUTHENTICATION_FAILED(11, USER_ERROR, "28000"),
    DATABASE_NOT_FOUND(12, USER_ERROR, "3D000"),
    QUERY_NOT_FOUND(13, USER_ERROR, "42704"),
    QUERY_CANCELLED(14, USER_ERROR, "57014"),
    TRANSACTION_CONFLICT(15, USER_ERROR, "40001"),
    /** An ingest batch failed validation (a row's type, NOT NULL, VARCHAR(n), an unknown column); nothing of it applied. */
    PRECHECK_FAILED(16, USER_ERROR, "22000"),
    /**
     * An ingest stream's call belongs to an opening of the stream that a later opening replaced
     * (another client resumed the stream): nothing of it applied, and sending again cannot help.
     */
    STREAM_FENCED(17, USER_ERROR, "40001"),
    STATEMENT_NOT_FOUND(20, USER_ERROR, "26000"),
    QUERY_TIMEOUT(100, INSUFFICIENT_RESOURCES, "57014"),
    TOO_MANY_QUERIES(101, INSUFFICIENT_RESOURCES, "53400"),
    OUT_OF_MEMORY(102, INSUFFICIENT_RESOURCES, "53200"),
    SERVER_SHUTTING_DOWN(103, INSUFFICIENT_RESOURCES, "57P01"),
    IO_ERROR(200, EXTERNAL, "58030"),
    INTERNAL(300, INTERNAL_ERROR, "XX000");

    private static final Map<Integer, ErrorCode> BY_CODE =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(ErrorCode::code, Function.identity()));

    private final int code;
    private final ErrorType type;
    private final String sqlState;

    ErrorCode(int code, ErrorType type, String sqlState) {
        this.code = code;
        this.type = type;
        this.sqlState = sqlState;
    }

    /** The stable numeric code. */
    public int code() {
        return code;
    }

    public ErrorType type() {
        return type;
    }

    /** The five-character SQLSTATE a JDBC client sees. */
    public String sqlState() {
        return sqlState;
    }

    /** Whether repeating the same call later can succeed without changing it. */
    public boolean isRetryable() {
        return type == INSUFFICIENT_RESOURCES && this != QUERY_TIMEOUT || this == SERVER_SHUTTING_DOWN;
    }

    public static Optional<ErrorCode> fromCode(int code) {
        return Optional.ofNullable(BY_CODE.get(code));
    }
}
