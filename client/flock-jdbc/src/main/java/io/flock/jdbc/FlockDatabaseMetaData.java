package io.flock.jdbc;

import static java.util.Objects.requireNonNull;

import io.flock.client.ClientProperty;
import io.flock.client.Column;
import io.flock.client.FlockClient;
import io.flock.client.FlockException;
import io.flock.client.TableInfo;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.RowIdLifetime;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What tools such as DBeaver need to browse Flock: catalogs are Flock databases, schemas are the
 * DuckDB schemas inside each ({@code main} unless more were created), tables and views with their
 * columns, JDBC types and primary keys, and the type catalogue. LIKE patterns ({@code %},
 * {@code _}) are honoured; a null catalog means every database the user may use. Procedures,
 * functions, foreign keys, indexes and privileges are answered with empty results.
 *
 * <p>Thread-safe; each call asks the server.
 */
final class FlockDatabaseMetaData implements DatabaseMetaData {
    private static final List<Column> CATALOG_COLUMNS = columns("TABLE_CAT VARCHAR");
    private static final List<Column> SCHEMA_COLUMNS = columns("TABLE_SCHEM VARCHAR", "TABLE_CATALOG VARCHAR");
    private static final List<Column> TABLE_TYPE_COLUMNS = columns("TABLE_TYPE VARCHAR");
    private static final List<Column> TABLE_COLUMNS = columns("TABLE_CAT VARCHAR", "TABLE_SCHEM VARCHAR",
            "TABLE_NAME VARCHAR", "TABLE_TYPE VARCHAR", "REMARKS VARCHAR", "TYPE_CAT VARCHAR", "TYPE_SCHEM VARCHAR",
            "TYPE_NAME VARCHAR", "SELF_REFERENCING_COL_NAME VARCHAR", "REF_GENERATION VARCHAR");
    private static final List<Column> COLUMN_COLUMNS = columns("TABLE_CAT VARCHAR", "TABLE_SCHEM VARCHAR",
            "TABLE_NAME VARCHAR", "COLUMN_NAME VARCHAR", "DATA_TYPE INTEGER", "TYPE_NAME VARCHAR",
            "COLUMN_SIZE INTEGER", "BUFFER_LENGTH INTEGER", "DECIMAL_DIGITS INTEGER", "NUM_PREC_RADIX INTEGER",
            "NULLABLE INTEGER", "REMARKS VARCHAR", "COLUMN_DEF VARCHAR", "SQL_DATA_TYPE INTEGER",
            "SQL_DATETIME_SUB INTEGER", "CHAR_OCTET_LENGTH INTEGER", "ORDINAL_POSITION INTEGER",
            "IS_NULLABLE VARCHAR", "SCOPE_CATALOG VARCHAR", "SCOPE_SCHEMA VARCHAR", "SCOPE_TABLE VARCHAR",
            "SOURCE_DATA_TYPE SMALLINT", "IS_AUTOINCREMENT VARCHAR", "IS_GENERATEDCOLUMN VARCHAR");
    private static final List<Column> PRIMARY_KEY_COLUMNS = columns("TABLE_CAT VARCHAR", "TABLE_SCHEM VARCHAR",
            "TABLE_NAME VARCHAR", "COLUMN_NAME VARCHAR", "KEY_SEQ SMALLINT", "PK_NAME VARCHAR");
    private static final List<Column> TYPE_INFO_COLUMNS = columns("TYPE_NAME VARCHAR", "DATA_TYPE INTEGER",
            "PRECISION INTEGER", "LITERAL_PREFIX VARCHAR", "LITERAL_SUFFIX VARCHAR", "CREATE_PARAMS VARCHAR",
            "NULLABLE SMALLINT", "CASE_SENSITIVE BOOLEAN", "SEARCHABLE SMALLINT", "UNSIGNED_ATTRIBUTE BOOLEAN",
            "FIXED_PREC_SCALE BOOLEAN", "AUTO_INCREMENT BOOLEAN", "LOCAL_TYPE_NAME VARCHAR", "MINIMUM_SCALE SMALLINT",
            "MAXIMUM_SCALE SMALLINT", "SQL_DATA_TYPE INTEGER", "SQL_DATETIME_SUB INTEGER", "NUM_PREC_RADIX INTEGER");
    /** The types of getTypeInfo, in the order of their JDBC type codes as the JDBC spec asks. */
    private static final List<String> TYPE_NAMES = List.of("BOOLEAN", "TINYINT", "SMALLINT", "INTEGER", "BIGINT",
            "HUGEINT", "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT", "FLOAT", "DOUBLE", "DECIMAL(38,0)", "VARCHAR",
            "UUID", "JSON", "BLOB", "DATE", "TIME", "TIMESTAMP", "TIMESTAMP WITH TIME ZONE", "INTERVAL");

    private final FlockJdbcConnection connection;

    FlockDatabaseMetaData(FlockJdbcConnection connection) {
        this.connection = requireNonNull(connection, "connection is null");
    }

    private static List<Column> columns(String... definitions) {
        List<Column> columns = new ArrayList<>();
        for (String definition : definitions) {
            int space = definition.indexOf(' ');
            columns.add(new Column(definition.substring(0, space), definition.substring(space + 1), true));
        }
        return List.copyOf(columns);
    }

    private static ResultSet empty() {
        return FlockResultSet.of(List.of(), List.of());
    }

    private FlockClient client() throws SQLException {
        return connection.client();
    }

    /** A JDBC LIKE pattern as a regular expression; null matches everything. */
    private static Pattern like(String pattern) {
        if (pattern == null) {
            return Pattern.compile(".*", Pattern.DOTALL);
        }
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) {
                regex.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
            } else if (c == '%') {
                regex.append(".*");
            } else if (c == '_') {
                regex.append('.');
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    private List<String> databases(String catalog) throws SQLException {
        try {
            if (catalog != null && !catalog.isEmpty()) {
                return client().databases().contains(catalog) ? List.of(catalog) : List.of();
            }
            return client().databases().stream().sorted().toList();
        } catch (FlockException e) {
            throw SqlExceptions.of(e, false);
        }
    }

    private List<TableInfo> tables(String catalog, String schemaPattern, String tablePattern, String[] types)
            throws SQLException {
        Pattern schemas = like(schemaPattern);
        Pattern names = like(tablePattern);
        List<String> wanted = types == null ? null : Arrays.stream(types).map(t -> t.toUpperCase(Locale.ROOT)).toList();
        List<TableInfo> tables = new ArrayList<>();
        try {
            for (String database : databases(catalog)) {
                for (TableInfo table : client().tables(database)) {
                    if (schemas.matcher(table.schema()).matches() && names.matcher(table.name()).matches()
                            && (wanted == null || wanted.contains(table.type()))) {
                        tables.add(table);
                    }
                }
            }
        } catch (FlockException e) {
            throw SqlExceptions.of(e, false);
        }
        tables.sort(Comparator.comparing(TableInfo::type).thenComparing(TableInfo::database)
                .thenComparing(TableInfo::schema).thenComparing(TableInfo::name));
        return tables;
    }

    @Override
    public ResultSet getCatalogs() throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        for (String database : databases(null)) {
            rows.add(new Object[] {database});
        }
        return FlockResultSet.of(CATALOG_COLUMNS, rows);
    }

    @Override
    public ResultSet getSchemas() throws SQLException {
        return getSchemas(null, null);
    }

    @Override
    public ResultSet getSchemas(String catalog, String schemaPattern) throws SQLException {
        Pattern schemas = like(schemaPattern);
        List<Object[]> rows = new ArrayList<>();
        try {
            for (String database : databases(catalog)) {
                List<String> seen = new ArrayList<>();
                for (TableInfo table : client().tables(database)) {
                    if (!seen.contains(table.schema())) {
                        seen.add(table.schema());
                    }
                }
                if (!seen.contains("main")) {
                    seen.add("main");
                }
                seen.stream().sorted().filter(s -> schemas.matcher(s).matches())
                        .forEach(s -> rows.add(new Object[] {s, database}));
            }
        } catch (FlockException e) {
            throw SqlExceptions.of(e, false);
        }
        return FlockResultSet.of(SCHEMA_COLUMNS, rows);
    }

    @Override
    public ResultSet getTableTypes() {
        return FlockResultSet.of(TABLE_TYPE_COLUMNS, List.of(new Object[] {"TABLE"}, new Object[] {"VIEW"}));
    }

    @Override
    public ResultSet getTables(String catalog, String schemaPattern, String tableNamePattern, String[] types)
            throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        for (TableInfo table : tables(catalog, schemaPattern, tableNamePattern, types)) {
            rows.add(new Object[] {table.database(), table.schema(), table.name(), table.type(), null, null, null, null,
                    null, null});
        }
        return FlockResultSet.of(TABLE_COLUMNS, rows);
    }

    @Override
    public ResultSet getColumns(String catalog, String schemaPattern, String tableNamePattern, String columnNamePattern)
            throws SQLException {
        Pattern names = like(columnNamePattern);
        List<Object[]> rows = new ArrayList<>();
        try {
            for (TableInfo table : tables(catalog, schemaPattern, tableNamePattern, null)) {
                List<Column> columns = client().columns(table.database(), table.schema() + "." + table.name());
                for (int i = 0; i < columns.size(); i++) {
                    Column column = columns.get(i);
                    if (!names.matcher(column.name()).matches()) {
                        continue;
                    }
                    JdbcType type = JdbcType.of(column.type());
                    boolean numeric = type.jdbcType() == Types.DECIMAL || type.jdbcType() == Types.NUMERIC
                            || type.isSigned();
                    rows.add(new Object[] {table.database(), table.schema(), table.name(), column.name(),
                            type.jdbcType(), column.type(), type.precision() == 0 ? null : type.precision(), null,
                            type.jdbcType() == Types.DECIMAL ? type.scale() : null, numeric ? 10 : null,
                            column.nullable() ? columnNullable : columnNoNulls, null, null, null, null, null, i + 1,
                            column.nullable() ? "YES" : "NO", null, null, null, null, "NO", "NO"});
                }
            }
        } catch (FlockException e) {
            throw SqlExceptions.of(e, false);
        }
        return FlockResultSet.of(COLUMN_COLUMNS, rows);
    }

    @Override
    public ResultSet getPrimaryKeys(String catalog, String schema, String table) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        try {
            for (TableInfo info : tables(catalog, schema == null ? null : escape(schema), escape(table), null)) {
                List<String> key = client().primaryKey(info.database(), info.schema() + "." + info.name());
                for (int i = 0; i < key.size(); i++) {
                    rows.add(new Object[] {info.database(), info.schema(), info.name(), key.get(i), (short) (i + 1),
                            info.name() + "_pkey"});
                }
            }
        } catch (FlockException e) {
            throw SqlExceptions.of(e, false);
        }
        rows.sort(Comparator.comparing(row -> (String) row[3]));
        return FlockResultSet.of(PRIMARY_KEY_COLUMNS, rows);
    }

    /** A name as a LIKE pattern matching only itself. */
    private static String escape(String name) {
        return name.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    @Override
    public ResultSet getTypeInfo() {
        List<Object[]> rows = new ArrayList<>();
        for (String name : TYPE_NAMES) {
            JdbcType type = JdbcType.of(name);
            boolean text = type.jdbcType() == Types.VARCHAR;
            boolean decimal = type.jdbcType() == Types.DECIMAL;
            String typeName = decimal ? "DECIMAL" : name;
            rows.add(new Object[] {typeName, type.jdbcType(), type.precision() == 0 ? null : type.precision(),
                    text || type.jdbcType() == Types.DATE || type.jdbcType() == Types.TIMESTAMP ? "'" : null,
                    text || type.jdbcType() == Types.DATE || type.jdbcType() == Types.TIMESTAMP ? "'" : null,
                    decimal ? "precision,scale" : null, (short) typeNullable, text, (short) typeSearchable,
                    !type.isSigned(), decimal, false, typeName, (short) 0, (short) (decimal ? 38 : 0), null, null,
                    type.precision() > 0 && type.jdbcType() != Types.DATE && type.jdbcType() != Types.TIME
                            && type.jdbcType() != Types.TIMESTAMP ? 10 : null});
        }
        rows.sort(Comparator.comparing(row -> (Integer) row[1]));
        return FlockResultSet.of(TYPE_INFO_COLUMNS, rows);
    }

    @Override
    public String getURL() {
        return connection.url();
    }

    @Override
    public String getUserName() {
        return connection.settings().get(ClientProperty.USER.key());
    }

    @Override
    public boolean isReadOnly() throws SQLException {
        return connection.isReadOnly();
    }

    @Override
    public String getDatabaseProductName() {
        return "Flock";
    }

    /** The driver's version: the server's is not reported to clients yet. */
    @Override
    public String getDatabaseProductVersion() {
        return DriverVersion.version();
    }

    @Override
    public int getDatabaseMajorVersion() {
        return DriverVersion.major();
    }

    @Override
    public int getDatabaseMinorVersion() {
        return DriverVersion.minor();
    }

    @Override
    public String getDriverName() {
        return "Flock JDBC Driver";
    }

    @Override
    public String getDriverVersion() {
        return DriverVersion.version();
    }

    @Override
    public int getDriverMajorVersion() {
        return DriverVersion.major();
    }

    @Override
    public int getDriverMinorVersion() {
        return DriverVersion.minor();
    }

    @Override
    public int getJDBCMajorVersion() {
        return 4;
    }

    @Override
    public int getJDBCMinorVersion() {
        return 2;
    }

    @Override
    public String getIdentifierQuoteString() {
        return "\"";
    }

    @Override
    public String getSearchStringEscape() {
        return "\\";
    }

    @Override
    public String getExtraNameCharacters() {
        return "";
    }

    @Override
    public String getCatalogTerm() {
        return "database";
    }

    @Override
    public String getSchemaTerm() {
        return "schema";
    }

    @Override
    public String getProcedureTerm() {
        return "procedure";
    }

    @Override
    public String getCatalogSeparator() {
        return ".";
    }

    @Override
    public String getSQLKeywords() {
        return "";
    }

    @Override
    public String getNumericFunctions() {
        return "abs,ceil,floor,round,sqrt,power,ln,log10,exp,sin,cos,tan,pi,random,sign,mod";
    }

    @Override
    public String getStringFunctions() {
        return "concat,length,lower,upper,trim,ltrim,rtrim,substring,replace,left,right,repeat,position";
    }

    @Override
    public String getSystemFunctions() {
        return "coalesce,ifnull,nullif";
    }

    @Override
    public String getTimeDateFunctions() {
        return "current_date,current_time,current_timestamp,now,date_part,date_trunc,extract";
    }

    @Override
    public int getDefaultTransactionIsolation() {
        return Connection.TRANSACTION_REPEATABLE_READ;
    }

    @Override
    public boolean supportsTransactionIsolationLevel(int level) {
        return level == Connection.TRANSACTION_READ_UNCOMMITTED || level == Connection.TRANSACTION_READ_COMMITTED
                || level == Connection.TRANSACTION_REPEATABLE_READ;
    }

    @Override
    public boolean supportsResultSetType(int type) {
        return type == ResultSet.TYPE_FORWARD_ONLY;
    }

    @Override
    public boolean supportsResultSetConcurrency(int type, int concurrency) {
        return type == ResultSet.TYPE_FORWARD_ONLY && concurrency == ResultSet.CONCUR_READ_ONLY;
    }

    @Override
    public boolean supportsResultSetHoldability(int holdability) {
        return holdability == ResultSet.CLOSE_CURSORS_AT_COMMIT;
    }

    @Override
    public int getResultSetHoldability() {
        return ResultSet.CLOSE_CURSORS_AT_COMMIT;
    }

    @Override
    public int getSQLStateType() {
        return sqlStateSQL;
    }

    @Override
    public RowIdLifetime getRowIdLifetime() {
        return RowIdLifetime.ROWID_UNSUPPORTED;
    }

    @Override
    public Connection getConnection() {
        return connection;
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return Wrappers.unwrap(this, type, "Flock database metadata");
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return type.isInstance(this);
    }

    // Capabilities and the parts of the catalogue Flock does not have.

    @Override
    public boolean allProceduresAreCallable() {
        return false;
    }

    @Override
    public boolean allTablesAreSelectable() {
        return true;
    }

    @Override
    public boolean nullsAreSortedHigh() {
        return true;
    }

    @Override
    public boolean nullsAreSortedLow() {
        return false;
    }

    @Override
    public boolean nullsAreSortedAtStart() {
        return false;
    }

    @Override
    public boolean nullsAreSortedAtEnd() {
        return false;
    }

    @Override
    public boolean usesLocalFiles() {
        return false;
    }

    @Override
    public boolean usesLocalFilePerTable() {
        return false;
    }

    @Override
    public boolean supportsMixedCaseIdentifiers() {
        return false;
    }

    @Override
    public boolean storesUpperCaseIdentifiers() {
        return false;
    }

    @Override
    public boolean storesLowerCaseIdentifiers() {
        return true;
    }

    @Override
    public boolean storesMixedCaseIdentifiers() {
        return false;
    }

    @Override
    public boolean supportsMixedCaseQuotedIdentifiers() {
        return true;
    }

    @Override
    public boolean storesUpperCaseQuotedIdentifiers() {
        return false;
    }

    @Override
    public boolean storesLowerCaseQuotedIdentifiers() {
        return false;
    }

    @Override
    public boolean storesMixedCaseQuotedIdentifiers() {
        return true;
    }

    @Override
    public boolean supportsAlterTableWithAddColumn() {
        return true;
    }

    @Override
    public boolean supportsAlterTableWithDropColumn() {
        return true;
    }

    @Override
    public boolean supportsColumnAliasing() {
        return true;
    }

    @Override
    public boolean nullPlusNonNullIsNull() {
        return true;
    }

    @Override
    public boolean supportsConvert() {
        return true;
    }

    @Override
    public boolean supportsConvert(int arg0, int arg1) {
        return true;
    }

    @Override
    public boolean supportsTableCorrelationNames() {
        return true;
    }

    @Override
    public boolean supportsDifferentTableCorrelationNames() {
        return true;
    }

    @Override
    public boolean supportsExpressionsInOrderBy() {
        return true;
    }

    @Override
    public boolean supportsOrderByUnrelated() {
        return true;
    }

    @Override
    public boolean supportsGroupBy() {
        return true;
    }

    @Override
    public boolean supportsGroupByUnrelated() {
        return true;
    }

    @Override
    public boolean supportsGroupByBeyondSelect() {
        return true;
    }

    @Override
    public boolean supportsLikeEscapeClause() {
        return true;
    }

    @Override
    public boolean supportsMultipleResultSets() {
        return false;
    }

    @Override
    public boolean supportsMultipleTransactions() {
        return true;
    }

    @Override
    public boolean supportsNonNullableColumns() {
        return true;
    }

    @Override
    public boolean supportsMinimumSQLGrammar() {
        return true;
    }

    @Override
    public boolean supportsCoreSQLGrammar() {
        return true;
    }

    @Override
    public boolean supportsExtendedSQLGrammar() {
        return false;
    }

    @Override
    public boolean supportsANSI92EntryLevelSQL() {
        return true;
    }

    @Override
    public boolean supportsANSI92IntermediateSQL() {
        return false;
    }

    @Override
    public boolean supportsANSI92FullSQL() {
        return false;
    }

    @Override
    public boolean supportsIntegrityEnhancementFacility() {
        return false;
    }

    @Override
    public boolean supportsOuterJoins() {
        return true;
    }

    @Override
    public boolean supportsFullOuterJoins() {
        return true;
    }

    @Override
    public boolean supportsLimitedOuterJoins() {
        return true;
    }

    @Override
    public boolean isCatalogAtStart() {
        return false;
    }

    @Override
    public boolean supportsSchemasInDataManipulation() {
        return true;
    }

    @Override
    public boolean supportsSchemasInProcedureCalls() {
        return false;
    }

    @Override
    public boolean supportsSchemasInTableDefinitions() {
        return true;
    }

    @Override
    public boolean supportsSchemasInIndexDefinitions() {
        return true;
    }

    @Override
    public boolean supportsSchemasInPrivilegeDefinitions() {
        return true;
    }

    @Override
    public boolean supportsCatalogsInDataManipulation() {
        return false;
    }

    @Override
    public boolean supportsCatalogsInProcedureCalls() {
        return false;
    }

    @Override
    public boolean supportsCatalogsInTableDefinitions() {
        return false;
    }

    @Override
    public boolean supportsCatalogsInIndexDefinitions() {
        return false;
    }

    @Override
    public boolean supportsCatalogsInPrivilegeDefinitions() {
        return false;
    }

    @Override
    public boolean supportsPositionedDelete() {
        return false;
    }

    @Override
    public boolean supportsPositionedUpdate() {
        return false;
    }

    @Override
    public boolean supportsSelectForUpdate() {
        return false;
    }

    @Override
    public boolean supportsStoredProcedures() {
        return false;
    }

    @Override
    public boolean supportsSubqueriesInComparisons() {
        return true;
    }

    @Override
    public boolean supportsSubqueriesInExists() {
        return true;
    }

    @Override
    public boolean supportsSubqueriesInIns() {
        return true;
    }

    @Override
    public boolean supportsSubqueriesInQuantifieds() {
        return true;
    }

    @Override
    public boolean supportsCorrelatedSubqueries() {
        return true;
    }

    @Override
    public boolean supportsUnion() {
        return true;
    }

    @Override
    public boolean supportsUnionAll() {
        return true;
    }

    @Override
    public boolean supportsOpenCursorsAcrossCommit() {
        return false;
    }

    @Override
    public boolean supportsOpenCursorsAcrossRollback() {
        return false;
    }

    @Override
    public boolean supportsOpenStatementsAcrossCommit() {
        return false;
    }

    @Override
    public boolean supportsOpenStatementsAcrossRollback() {
        return false;
    }

    @Override
    public int getMaxBinaryLiteralLength() {
        return 0;
    }

    @Override
    public int getMaxCharLiteralLength() {
        return 0;
    }

    @Override
    public int getMaxColumnNameLength() {
        return 0;
    }

    @Override
    public int getMaxColumnsInGroupBy() {
        return 0;
    }

    @Override
    public int getMaxColumnsInIndex() {
        return 0;
    }

    @Override
    public int getMaxColumnsInOrderBy() {
        return 0;
    }

    @Override
    public int getMaxColumnsInSelect() {
        return 0;
    }

    @Override
    public int getMaxColumnsInTable() {
        return 0;
    }

    @Override
    public int getMaxConnections() {
        return 0;
    }

    @Override
    public int getMaxCursorNameLength() {
        return 0;
    }

    @Override
    public int getMaxIndexLength() {
        return 0;
    }

    @Override
    public int getMaxSchemaNameLength() {
        return 0;
    }

    @Override
    public int getMaxProcedureNameLength() {
        return 0;
    }

    @Override
    public int getMaxCatalogNameLength() {
        return 0;
    }

    @Override
    public int getMaxRowSize() {
        return 0;
    }

    @Override
    public boolean doesMaxRowSizeIncludeBlobs() {
        return false;
    }

    @Override
    public int getMaxStatementLength() {
        return 0;
    }

    @Override
    public int getMaxStatements() {
        return 0;
    }

    @Override
    public int getMaxTableNameLength() {
        return 0;
    }

    @Override
    public int getMaxTablesInSelect() {
        return 0;
    }

    @Override
    public int getMaxUserNameLength() {
        return 0;
    }

    @Override
    public boolean supportsTransactions() {
        return true;
    }

    @Override
    public boolean supportsDataDefinitionAndDataManipulationTransactions() {
        return true;
    }

    @Override
    public boolean supportsDataManipulationTransactionsOnly() {
        return false;
    }

    @Override
    public boolean dataDefinitionCausesTransactionCommit() {
        return false;
    }

    @Override
    public boolean dataDefinitionIgnoredInTransactions() {
        return false;
    }

    @Override
    public java.sql.ResultSet getProcedures(java.lang.String arg0, java.lang.String arg1, java.lang.String arg2) {
        return empty();
    }

    @Override
    public java.sql.ResultSet getProcedureColumns(java.lang.String arg0, java.lang.String arg1, java.lang.String arg2, java.lang.String arg3) {
        return empty();
    }

    @Override
    public java.sql.ResultSet getColumnPrivileges(java.lang.String arg0, java.lang.String arg1, java.lang.String arg2, java.lang.String arg3) {
        return empty();
    }

    @Override
    public java.sql.ResultSet getTablePrivileges(java.lang.String arg0, java.lang.String arg1, java.lang.String arg2) {
        return empty();
    }

    @Override
    public java.sql.ResultSet getBestRowIdentifier(java.lang.String arg0, java.lang.String arg1, java.lang.String arg2, int arg3, boolean arg4) {
        return empty();
    }

    @Override
    public java.sql.ResultSet getVersionColumns(java.lang.String arg0, java.lang.String arg1, java.lang.String arg2) {
        return empty();
    }

    @Override
    public java.sql.ResultSet getImportedKeys(java.lang.String arg0, java.lang.String arg1, java.lang.String arg2) {
        return empty();
    }

    @Override
    public java.sql.ResultSet getExportedKeys(java.lang.String arg0, java.lang.String arg1, java.lang.String arg2) {
        return empty();
    }

    @Override
    public java.sql.ResultSet getCrossReference(java.lang.String arg0, java.lang.String arg1, java.lang.String arg2, java.lang.String arg3, java.lang.String arg4, java.lang.String arg5) {
        return empty();
    }

    @Override
    public java.sql.ResultSet getIndexInfo(java.lang.String arg0, java.lang.String arg1, java.lang.String arg2, boolean arg3, boolean arg4) {
        return empty();
    }

    @Override
    public boolean ownUpdatesAreVisible(int arg0) {
        return false;
    }

    @Override
    public boolean ownDeletesAreVisible(int arg0) {
        return false;
    }

    @Override
    public boolean ownInsertsAreVisible(int arg0) {
        return false;
    }

    @Override
    public boolean othersUpdatesAreVisible(int arg0) {
        return false;
    }

    @Override
    public boolean othersDeletesAreVisible(int arg0) {
        return false;
    }

    @Override
    public boolean othersInsertsAreVisible(int arg0) {
        return false;
    }

    @Override
    public boolean updatesAreDetected(int arg0) {
        return false;
    }

    @Override
    public boolean deletesAreDetected(int arg0) {
        return false;
    }

    @Override
    public boolean insertsAreDetected(int arg0) {
        return false;
    }

    @Override
    public boolean supportsBatchUpdates() {
        return true;
    }

    @Override
    public java.sql.ResultSet getUDTs(java.lang.String arg0, java.lang.String arg1, java.lang.String arg2, int[] arg3) {
        return empty();
    }

    @Override
    public boolean supportsSavepoints() {
        return false;
    }

    @Override
    public boolean supportsNamedParameters() {
        return false;
    }

    @Override
    public boolean supportsMultipleOpenResults() {
        return false;
    }

    @Override
    public boolean supportsGetGeneratedKeys() {
        return false;
    }

    @Override
    public java.sql.ResultSet getSuperTypes(java.lang.String arg0, java.lang.String arg1, java.lang.String arg2) {
        return empty();
    }

    @Override
    public java.sql.ResultSet getSuperTables(java.lang.String arg0, java.lang.String arg1, java.lang.String arg2) {
        return empty();
    }

    @Override
    public java.sql.ResultSet getAttributes(java.lang.String arg0, java.lang.String arg1, java.lang.String arg2, java.lang.String arg3) {
        return empty();
    }

    @Override
    public boolean locatorsUpdateCopy() {
        return false;
    }

    @Override
    public boolean supportsStatementPooling() {
        return false;
    }

    @Override
    public boolean supportsStoredFunctionsUsingCallSyntax() {
        return false;
    }

    @Override
    public boolean autoCommitFailureClosesAllResultSets() {
        return false;
    }

    @Override
    public java.sql.ResultSet getClientInfoProperties() {
        return empty();
    }

    @Override
    public java.sql.ResultSet getFunctions(java.lang.String arg0, java.lang.String arg1, java.lang.String arg2) {
        return empty();
    }

    @Override
    public java.sql.ResultSet getFunctionColumns(java.lang.String arg0, java.lang.String arg1, java.lang.String arg2, java.lang.String arg3) {
        return empty();
    }

    @Override
    public java.sql.ResultSet getPseudoColumns(java.lang.String arg0, java.lang.String arg1, java.lang.String arg2, java.lang.String arg3) {
        return empty();
    }

    @Override
    public boolean generatedKeyAlwaysReturned() {
        return false;
    }
}
