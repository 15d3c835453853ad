package io.flock.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every test of {@link TestPrimaryKeyWrites} again, on tables created {@code WITH (key_index = false)}:
 * Flock keeps their keys instead of DuckDB's index, and upserts, deletes, SQL DML and DDL, restarts and
 * the model comparison must behave the same (docs/primary-key-tables.md).
 */
class TestPrimaryKeyWritesWithoutKeyIndex extends TestPrimaryKeyWrites {
    @BeforeAll
    static void withoutKeyIndex() {
        tableOptions = " WITH (key_index = false)";
    }

    @Test
    void theTablesHaveNoDuckDbKey() {
        assertThat(query("SELECT constraint_type FROM duckdb_constraints() WHERE table_name = 'kv' ORDER BY 1"))
                .containsExactly(List.of("NOT NULL"), List.of("NOT NULL"));
    }

    @AfterAll
    static void withKeyIndex() {
        tableOptions = "";
    }
}
