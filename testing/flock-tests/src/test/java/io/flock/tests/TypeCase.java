package io.flock.tests;

import java.util.List;

/**
 * One DuckDB type and a SQL literal of it, shared by the type round-trip tests.
 *
 * @param type the DuckDB type as written in a CREATE TABLE column
 * @param literal a SQL expression of that type, not null
 */
record TypeCase(String type, String literal) {
    /** An edge value of every type the issue "Types round-trip exactly through Arrow" names. */
    static final List<TypeCase> ALL = List.of(
            new TypeCase("BOOLEAN", "true"),
            new TypeCase("TINYINT", "-128"),
            new TypeCase("SMALLINT", "-32768"),
            new TypeCase("INTEGER", "-2147483648"),
            new TypeCase("BIGINT", "-9223372036854775808"),
            new TypeCase("UTINYINT", "255"),
            new TypeCase("USMALLINT", "65535"),
            new TypeCase("UINTEGER", "4294967295"),
            new TypeCase("UBIGINT", "18446744073709551615"),
            new TypeCase("HUGEINT", "-99999999999999999999999999999999999999"),
            new TypeCase("UHUGEINT", "99999999999999999999999999999999999999"),
            new TypeCase("FLOAT", "3.4028235e38"),
            new TypeCase("DOUBLE", "-1.7976931348623157e308"),
            new TypeCase("DECIMAL(4,1)", "-999.9"),
            new TypeCase("DECIMAL(9,4)", "12345.6789"),
            new TypeCase("DECIMAL(18,6)", "-999999999999.999999"),
            new TypeCase("DECIMAL(38,10)", "9999999999999999999999999999.9999999999"),
            new TypeCase("DECIMAL(38,0)", "-99999999999999999999999999999999999999"),
            new TypeCase("VARCHAR", "'héllo ☃ 😀 \"q\" ''s'''"),
            new TypeCase("BLOB", "'\\x00\\xFFab'::BLOB"),
            new TypeCase("DATE", "DATE '1969-12-31'"),
            new TypeCase("TIME", "TIME '23:59:59.999999'"),
            new TypeCase("TIMESTAMP", "TIMESTAMP '1960-02-29 12:34:56.789012'"),
            new TypeCase("TIMESTAMPTZ", "TIMESTAMPTZ '2024-02-29 12:34:56.789012+02'"),
            new TypeCase("INTERVAL", "INTERVAL '1 year 2 months 3 days 04:05:06.789'"),
            new TypeCase("UUID", "'6ba7b810-9dad-11d1-80b4-00c04fd430c8'::UUID"),
            new TypeCase("JSON", "'{\"a\": [1, 2], \"b\": null}'::JSON"),
            new TypeCase("INTEGER[]", "[1, NULL, 3]"),
            new TypeCase("VARCHAR[][]", "[['a', 'b,c'], [], NULL]"),
            new TypeCase("MAP(VARCHAR, INTEGER)", "MAP {'a': 1, 'b': NULL}"),
            new TypeCase("STRUCT(a INTEGER, \"b c\" VARCHAR)", "{'a': 1, 'b c': 'x'}"),
            new TypeCase("STRUCT(k INTEGER, v DOUBLE[])[]", "[{'k': 1, 'v': [1.5, NULL]}, NULL]"),
            new TypeCase("INTEGER[3]", "[1, 2, 3]"),
            new TypeCase("VARCHAR[]", "['it''s', '\"x\"', 'back\\slash', 'NULL', '', NULL, '{a=1}']"),
            new TypeCase("MAP(VARCHAR, DATE[])", "MAP {'k''=,': [DATE '1970-01-01', NULL]}"));

    /** The literal cast to the exact type. */
    String typedLiteral() {
        return "CAST(" + literal + " AS " + type + ")";
    }

    /** The NULL of this type. */
    String typedNull() {
        return "CAST(NULL AS " + type + ")";
    }

    @Override
    public String toString() {
        return type;
    }
}
