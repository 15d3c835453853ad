package io.flock.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flock.client.FlockException;
import io.flock.client.QueryResult;
import io.flock.client.ingest.FlushMode;
import io.flock.client.ingest.IngestOptions;
import io.flock.client.ingest.IngestStream;
import io.flock.client.ingest.RowOperation;
import io.flock.client.ingest.StreamMode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Which tables a CDC stream writes into: one whose constraints keyed writes cannot check is refused
 * when the stream opens (not batch by batch later), and a column added while a CDC stream is open
 * neither stops the stream nor loses its rows.
 */
class TestIngestCdcTables {
    @RegisterExtension
    static final FlockServerExtension flock = new FlockServerExtension();

    @Test
    void aTableWithConstraintsKeyedWritesCannotCheckIsRefusedAtOpen() {
        flock.client().executeUpdate("CREATE TABLE checked (id BIGINT PRIMARY KEY, qty INTEGER CHECK (qty > 0))");
        flock.client().executeUpdate("CREATE TABLE uniq (id BIGINT PRIMARY KEY, email VARCHAR UNIQUE)");
        for (String table : List.of("checked", "uniq")) {
            assertThatThrownBy(() -> flock.client().openStream("default_db", table, StreamMode.CDC, IngestOptions.defaults()))
                    .isInstanceOf(FlockException.class)
                    .hasMessageContaining("A CDC stream cannot write into table 'default_db.main." + table + "'")
                    .hasMessageContaining(table.equals("checked") ? "CHECK" : "UNIQUE");
        }
    }

    @Test
    void aColumnAddedWhileACdcStreamIsOpenKeepsTheStreamWriting() {
        flock.client().executeUpdate("CREATE TABLE people (id BIGINT PRIMARY KEY, name VARCHAR)");
        try (IngestStream open = flock.client().openStream("default_db", "people", StreamMode.CDC,
                IngestOptions.builder().flushMode(FlushMode.AUTO_FLUSH_SYNC).build())) {
            open.apply(open.createRow(RowOperation.UPSERT).setLong("id", 1).setString("name", "ann"));
            open.apply(open.createRow(RowOperation.UPSERT).setLong("id", 2).setString("name", "bob"));
            flock.client().executeUpdate("ALTER TABLE people ADD COLUMN city VARCHAR DEFAULT 'none'");
            open.apply(open.createRow(RowOperation.UPSERT).setLong("id", 3).setString("name", "cy"));
            try (IngestStream fresh = flock.client().openStream("default_db", "people", StreamMode.CDC,
                    IngestOptions.builder().flushMode(FlushMode.AUTO_FLUSH_SYNC).build())) {
                fresh.apply(fresh.createRow(RowOperation.UPSERT).setLong("id", 4).setString("name", "di")
                        .setString("city", "Oslo"));
                fresh.apply(fresh.createRow(RowOperation.UPSERT).setLong("id", 1).setString("name", "ann")
                        .setString("city", "Rome"));
            }
            open.apply(open.createRow(RowOperation.DELETE_IGNORE).setLong("id", 2));
            open.apply(open.createRow(RowOperation.UPSERT).setLong("id", 5).setString("name", "ed"));
        }
        // rows written through the old stream after the change got the new column's default
        assertThat(strings("SELECT id || ':' || name || ':' || city FROM people ORDER BY id"))
                .containsExactly("1:ann:Rome", "3:cy:none", "4:di:Oslo", "5:ed:none");
    }

    private static List<String> strings(String sql) {
        List<String> values = new ArrayList<>();
        try (QueryResult result = flock.client().execute(sql)) {
            result.rows().forEachRemaining(row -> values.add(row.getString(0)));
        }
        return values;
    }
}
