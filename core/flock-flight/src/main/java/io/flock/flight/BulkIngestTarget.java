package io.flock.flight;

import io.flock.engine.worker.TableWrite;
import io.flock.spi.ErrorCode;
import io.flock.spi.FlockException;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandStatementIngest.TableDefinitionOptions;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandStatementIngest.TableDefinitionOptions.TableExistsOption;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandStatementIngest.TableDefinitionOptions.TableNotExistOption;

/**
 * Decides what a Flight SQL bulk ingest ({@code CommandStatementIngest}) does with its table, from
 * its table-definition options and whether the table exists. ADBC's ingest modes map to them:
 * {@code create} (CREATE, FAIL), {@code append} (FAIL, APPEND), {@code replace} (CREATE, REPLACE),
 * {@code create_append} (CREATE, APPEND).
 */
final class BulkIngestTarget {
    private BulkIngestTarget() {
    }

    /**
     * The write into {@code schema.table} of {@code database}.
     *
     * @throws FlockException ALREADY_EXISTS (if-exists FAIL) or NOT_FOUND (if-not-exist FAIL or
     *     unspecified), naming the table and the option
     */
    static TableWrite write(TableDefinitionOptions options, String database, String schema, String table,
                            boolean exists) {
        String name = "'" + database + "." + schema + "." + table + "'";
        if (exists) {
            TableExistsOption ifExists = options.getIfExists();
            return switch (ifExists) {
                case TABLE_EXISTS_OPTION_FAIL -> throw new FlockException(ErrorCode.ALREADY_EXISTS, "Table " + name
                        + " already exists (if-exists FAIL, ADBC mode 'create'); use mode 'append' or"
                        + " 'create_append' to add rows to it, 'replace' to replace it");
                case TABLE_EXISTS_OPTION_REPLACE -> TableWrite.create(schema, table, true);
                default -> TableWrite.into(schema, table); // APPEND, or unspecified
            };
        }
        if (options.getIfNotExist() == TableNotExistOption.TABLE_NOT_EXIST_OPTION_CREATE) {
            return TableWrite.create(schema, table, false);
        }
        throw new FlockException(ErrorCode.NOT_FOUND, "Table " + name + " does not exist (if-not-exist "
                + (options.getIfNotExist() == TableNotExistOption.TABLE_NOT_EXIST_OPTION_FAIL ? "FAIL, ADBC mode"
                + " 'append'" : "unspecified") + "); create it first, or use ADBC mode 'create' or 'create_append'");
    }
}
