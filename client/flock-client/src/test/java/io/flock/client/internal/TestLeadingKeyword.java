package io.flock.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TestLeadingKeyword {
    @Test
    void findsTheFirstKeywordPastCommentsAndWhitespace() {
        assertThat(LeadingKeyword.of("  select 1")).isEqualTo("SELECT");
        assertThat(LeadingKeyword.of("-- a comment\n/* and a block */\n\tFROM t")).isEqualTo("FROM");
        assertThat(LeadingKeyword.of("(SELECT 1) UNION (SELECT 2)")).isEqualTo("(");
        assertThat(LeadingKeyword.of("/* unterminated")).isEmpty();
        assertThat(LeadingKeyword.of("")).isEmpty();
    }

    @Test
    void onlyStatementsThatSurelyReturnRowsAreQueries() {
        assertThat(LeadingKeyword.surelyQuery("SELECT * FROM t")).isTrue();
        assertThat(LeadingKeyword.surelyQuery("describe t")).isTrue();
        assertThat(LeadingKeyword.surelyQuery("(VALUES (1))")).isTrue();
        // A CTE may wrap an INSERT, and DML may return rows with RETURNING: those are prepared first.
        assertThat(LeadingKeyword.surelyQuery("WITH x AS (SELECT 1) SELECT * FROM x")).isFalse();
        assertThat(LeadingKeyword.surelyQuery("INSERT INTO t VALUES (1) RETURNING *")).isFalse();
        assertThat(LeadingKeyword.surelyQuery("SELECTED")).isFalse();
        assertThat(LeadingKeyword.surelyQuery("CREATE TABLE t (v INTEGER)")).isFalse();
    }
}
