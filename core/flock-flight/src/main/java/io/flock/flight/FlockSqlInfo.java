package io.flock.flight;

import org.apache.arrow.flight.sql.SqlInfoBuilder;
import org.apache.arrow.flight.sql.impl.FlightSql;

/** What Flock answers to CommandGetSqlInfo: product, version and SQL capabilities. */
final class FlockSqlInfo {
    private FlockSqlInfo() {
    }

    static SqlInfoBuilder create(String version) {
        return new SqlInfoBuilder()
                .withFlightSqlServerName("Flock")
                .withFlightSqlServerVersion(version)
                .withFlightSqlServerArrowVersion("18.3.0")
                .withFlightSqlServerReadOnly(false)
                .withFlightSqlServerSql(true)
                .withFlightSqlServerSubstrait(false)
                .withFlightSqlServerTransaction(FlightSql.SqlSupportedTransaction.SQL_SUPPORTED_TRANSACTION_TRANSACTION)
                .withFlightSqlServerCancel(true)
                .withFlightSqlServerBulkIngestion(true)
                .withFlightSqlServerBulkIngestionTransaction(true)
                .withSqlTransactionsSupported(true)
                .withSqlIdentifierQuoteChar("\"")
                .withSqlIdentifierCase(FlightSql.SqlSupportedCaseSensitivity.SQL_CASE_SENSITIVITY_CASE_INSENSITIVE)
                .withSqlQuotedIdentifierCase(FlightSql.SqlSupportedCaseSensitivity.SQL_CASE_SENSITIVITY_CASE_INSENSITIVE)
                .withSqlSearchStringEscape("\\")
                .withSqlCatalogTerm("database")
                .withSqlSchemaTerm("schema")
                .withSqlDdlCatalog(false)
                .withSqlDdlSchema(true)
                .withSqlDdlTable(true)
                .withSqlBatchUpdatesSupported(true)
                .withSqlSavepointsSupported(false)
                .withSqlNamedParametersSupported(false)
                .withSqlSupportsColumnAliasing(true)
                .withSqlNullPlusNullIsNull(true)
                .withSqlSupportsNonNullableColumns(true)
                .withSqlCorrelatedSubqueriesSupported(true)
                .withSqlAllTablesAreSelectable(true)
                .withSqlNullOrdering(FlightSql.SqlNullOrdering.SQL_NULLS_SORTED_AT_END);
    }
}
