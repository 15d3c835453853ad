package io.flock.tests;

import io.flock.engine.FlockEngine;
import io.flock.engine.query.Session;
import io.flock.engine.worker.TableWrite;
import io.flock.testing.TestingFlockServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;

/**
 * The writer JVM of {@link TestPrimaryKeyCrash}: starts a server on the given data directory
 * without background compaction, applies the changes of {@link #write} to table {@code kv}, prints
 * {@code ACKNOWLEDGED n} after each acknowledged write and then waits to be killed.
 */
public final class PrimaryKeyWriterMain {
    static final int WRITES = 20;
    static final int ROWS_PER_WRITE = 500;

    private PrimaryKeyWriterMain() {}

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        TestingFlockServer server = TestingFlockServer.builder().dataDirectory(data).adminToken(args[1])
                .property("storage.compaction-interval", "1h").build();
        FlockEngine engine = server.server().engine();
        Session session = engine.session(engine.principal("admin"), Optional.of("default_db"));
        try (BufferAllocator allocator = new RootAllocator()) {
            String options = args.length > 2 ? args[2] : "";
            engine.executeUpdate(session, "CREATE TABLE kv (id BIGINT PRIMARY KEY, name VARCHAR, n INTEGER)" + options,
                    List.of(), allocator);
            for (int w = 0; w < WRITES; w++) {
                try (ArrowReader reader = ArrowRows.of(allocator, List.of("id:L", "name:S", "n:I", "__flock_op:S"),
                        write(w))) {
                    engine.append(session, TableWrite.changesInto("main", "kv"), reader, allocator);
                }
                System.out.println("ACKNOWLEDGED " + (w + 1));
                System.out.flush();
            }
        }
        Thread.sleep(Long.MAX_VALUE);
    }

    /** The rows of write {@code w}: upserts and deletes over 1,000 keys, derived from {@code w}. */
    static List<List<Object>> write(int w) {
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < ROWS_PER_WRITE; i++) {
            long id = (w * 7919L + i * 104_729L) % 1000;
            if ((w + i) % 5 == 0) {
                rows.add(Arrays.asList(id, null, null, "DELETE"));
            } else {
                rows.add(Arrays.asList(id, "w" + w + "r" + i, w * 1000 + i, "UPSERT"));
            }
        }
        return rows;
    }
}
