package io.flock.engine.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flock.spi.ErrorCode;
import io.flock.spi.FlockException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TestTableOptionsRewriter {
    private static ClassifiedStatement classify(String sql) {
        return StatementClassifier.classify(sql);
    }

    @Test
    void aColumnKeyBecomesNotNullAndIsRecorded() {
        ClassifiedStatement statement = classify("CREATE TABLE s.t (id BIGINT PRIMARY KEY, v VARCHAR) WITH (key_index = false)");
        assertThat(statement.sql()).isEqualTo("CREATE TABLE s.t (id BIGINT NOT NULL, v VARCHAR)");
        CreateTable created = statement.createdTable().orElseThrow();
        assertThat(created.name()).isEqualTo(new TableName(Optional.of("s"), "t"));
        assertThat(created.indexFreeKey()).containsExactly("id");
        assertThat(created.keyIndexFree()).isTrue();
    }

    @Test
    void aTableKeyIsRemovedWithItsComma() {
        assertThat(classify("CREATE TABLE t (a INT, b INT, PRIMARY KEY (b, a)) WITH (key_index = 'false')"))
                .satisfies(s -> {
                    assertThat(s.sql()).isEqualTo("CREATE TABLE t (a INT, b INT)");
                    assertThat(s.createdTable().orElseThrow().indexFreeKey()).containsExactly("b", "a");
                });
        assertThat(classify("CREATE OR REPLACE TABLE \"T\" (CONSTRAINT pk PRIMARY KEY (\"Id\"), \"Id\" INT) WITH (KEY_INDEX = FALSE)"))
                .satisfies(s -> {
                    assertThat(s.sql()).isEqualTo("CREATE OR REPLACE TABLE \"T\" (\"Id\" INT)");
                    CreateTable created = s.createdTable().orElseThrow();
                    assertThat(created.orReplace()).isTrue();
                    assertThat(created.name().table()).isEqualTo("T");
                    assertThat(created.indexFreeKey()).containsExactly("Id");
                });
    }

    @Test
    void varcharLengthsAreStillChecked() {
        assertThat(classify("CREATE TABLE IF NOT EXISTS t (id VARCHAR(5) PRIMARY KEY) WITH (key_index = false)").sql())
                .isEqualTo("CREATE TABLE IF NOT EXISTS t (id VARCHAR(5) CHECK (length(\"id\") <= 5) NOT NULL)");
    }

    @Test
    void keyIndexTrueIsAnOrdinaryTable() {
        ClassifiedStatement statement = classify("CREATE TABLE t (id INT PRIMARY KEY) WITH (key_index = true)");
        assertThat(statement.sql()).isEqualTo("CREATE TABLE t (id INT PRIMARY KEY)");
        assertThat(statement.createdTable().orElseThrow().keyIndexFree()).isFalse();
        assertThat(classify("CREATE TABLE t (id INT PRIMARY KEY)").createdTable().orElseThrow().indexFreeKey()).isEmpty();
    }

    @Test
    void badOptionsAreRefusedByName() {
        assertThatThrownBy(() -> classify("CREATE TABLE t (id INT PRIMARY KEY) WITH (shards = 4)"))
                .isInstanceOfSatisfying(FlockException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
                    assertThat(e).hasMessageContaining("'shards'").hasMessageContaining("key_index");
                });
        assertThatThrownBy(() -> classify("CREATE TABLE t (id INT PRIMARY KEY) WITH (key_index = maybe)"))
                .isInstanceOfSatisfying(FlockException.class,
                        e -> assertThat(e).hasMessageContaining("'maybe'"));
        assertThatThrownBy(() -> classify("CREATE TABLE t (id INT) WITH (key_index = false)"))
                .isInstanceOfSatisfying(FlockException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
                    assertThat(e).hasMessageContaining("PRIMARY KEY");
                });
        assertThatThrownBy(() -> classify("CREATE TEMP TABLE t (id INT PRIMARY KEY) WITH (key_index = false)"))
                .isInstanceOfSatisfying(FlockException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.NOT_SUPPORTED));
        assertThatThrownBy(() -> classify("CREATE TABLE t WITH (key_index = false) AS SELECT 1 AS id"))
                .isInstanceOfSatisfying(FlockException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.NOT_SUPPORTED));
        for (String sql : List.of("CREATE TABLE t (id INT PRIMARY KEY) WITH (key_index = false, key_index = true)",
                "CREATE TABLE t (id INT PRIMARY KEY) WITH ()",
                "CREATE TABLE t (id INT PRIMARY KEY) WITH (key_index = false,)")) {
            assertThatThrownBy(() -> classify(sql)).as(sql).isInstanceOf(FlockException.class);
        }
    }

    @Test
    void otherStatementsAreLeftAlone() {
        for (String sql : List.of("CREATE VIEW v AS SELECT 1", "CREATE TABLE t AS SELECT 1 AS a",
                "CREATE TABLE t AS SELECT 1 AS key_index",
                "CREATE SCHEMA s", "CREATE INDEX i ON t (a)")) {
            assertThat(classify(sql).sql()).as(sql).isEqualTo(sql);
        }
        assertThat(classify("CREATE TABLE t (a INT)").createdTable()).isPresent();
        assertThat(classify("CREATE VIEW v AS SELECT 1").createdTable()).isEmpty();
        // CREATE OR REPLACE … AS SELECT replaces a table with one without a key
        assertThat(classify("CREATE OR REPLACE TABLE s.t AS SELECT 1 AS id").createdTable()).hasValueSatisfying(c -> {
            assertThat(c.orReplace()).isTrue();
            assertThat(c.name()).isEqualTo(new TableName(Optional.of("s"), "t"));
            assertThat(c.keyIndexFree()).isFalse();
        });
    }
}
