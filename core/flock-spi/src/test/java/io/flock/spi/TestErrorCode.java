package io.flock.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TestErrorCode {
    @Test
    void codesAreUniqueAndSqlStatesWellFormed() {
        assertThat(Arrays.stream(ErrorCode.values()).map(ErrorCode::code).distinct().count())
                .isEqualTo(ErrorCode.values().length);
        for (ErrorCode code : ErrorCode.values()) {
            assertThat(code.sqlState()).matches("[0-9A-Z]{5}");
            assertThat(ErrorCode.fromCode(code.code())).contains(code);
        }
    }

    @Test
    void docsListEveryCode() throws IOException {
        String doc = Files.readString(Path.of("../../docs/error-codes.md"));
        for (ErrorCode code : ErrorCode.values()) {
            assertThat(doc).contains("| " + code.code() + " | `" + code.name() + "` | " + code.type().name() + " | `"
                    + code.sqlState() + "` |");
        }
    }

    @Test
    void retryableOnlyForResourceErrors() {
        assertThat(ErrorCode.TOO_MANY_QUERIES.isRetryable()).isTrue();
        assertThat(ErrorCode.SERVER_SHUTTING_DOWN.isRetryable()).isTrue();
        assertThat(ErrorCode.QUERY_TIMEOUT.isRetryable()).isFalse();
        assertThat(ErrorCode.SYNTAX_ERROR.isRetryable()).isFalse();
    }

    @Test
    void queryIdsAndDataSizesParse() {
        QueryId id = QueryId.createNow(42);
        assertThat(new QueryId(id.value())).isEqualTo(id);
        assertThat(QueryId.create(java.time.LocalDateTime.of(2026, 1, 2, 3, 4, 5), 123_456).value())
                .matches("20260102_030405_23456_[a-z0-9]{5}");
        assertThat(QueryId.create(java.time.LocalDateTime.of(987, 12, 31, 23, 59, 9), 7).value())
                .startsWith("09871231_235909_00007_");
        assertThat(DataSize.parse("512MB").bytes()).isEqualTo(512L << 20);
        assertThat(DataSize.parse("2gb")).isEqualTo(DataSize.ofMegabytes(2048));
        assertThat(DataSize.parse("2GB").toString()).isEqualTo("2GB");
    }
}
