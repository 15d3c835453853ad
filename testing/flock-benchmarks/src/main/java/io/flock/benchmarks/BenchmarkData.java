package io.flock.benchmarks;

import java.util.List;

/**
 * The benchmark tables, created by the same SQL in Flock and in embedded DuckDB so both engines
 * hold identical data. Values are derived from the row number, so every run is reproducible.
 *
 * <ul>
 *   <li>{@code t}: {@code rows} rows of (id BIGINT, k INTEGER, v DOUBLE, s VARCHAR of 16
 *       characters), ordered by id; fetched in full and probed by id.
 *   <li>{@code g}: {@code rows / 2} rows of (k INTEGER with 1,000 distinct values in scattered order,
 *       v DOUBLE); grouped by k.
 * </ul>
 */
final class BenchmarkData {
    static final int GROUPS = 1000;
    static final String FETCH_QUERY = "SELECT id, k, v, s FROM t";
    static final String GROUP_BY_QUERY = "SELECT k, sum(v) AS total, count(*) AS n FROM g GROUP BY k";

    private BenchmarkData() {}

    static List<String> createStatements(long rows) {
        return List.of(
                "CREATE TABLE t AS SELECT range AS id, CAST(range % " + GROUPS + " AS INTEGER) AS k, "
                        + "CAST(range AS DOUBLE) * 0.5 AS v, printf('row-%012d', range) AS s FROM range(" + rows + ")",
                "CREATE TABLE g AS SELECT CAST(range * 7919 % " + GROUPS + " AS INTEGER) AS k, "
                        + "CAST(range % 997 AS DOUBLE) AS v FROM range(" + rows / 2 + ")");
    }

    /** A single-row probe of {@code t}. */
    static String pointQuery(long id) {
        return "SELECT v FROM t WHERE id = " + id;
    }

    /** The number of groups {@link #GROUP_BY_QUERY} returns on {@code rows / 2} rows. */
    static long expectedGroups(long rows) {
        return Math.min(GROUPS, rows / 2);
    }
}
