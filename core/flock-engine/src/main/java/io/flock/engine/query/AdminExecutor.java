package io.flock.engine.query;

import static java.util.Objects.requireNonNull;

import io.flock.engine.catalog.Catalog;
import io.flock.engine.catalog.Principal;
import io.flock.engine.catalog.Tokens;
import io.flock.engine.sql.AdminCommand;
import io.flock.engine.worker.Execution;
import io.flock.engine.worker.Worker;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs Flock's administration statements against the catalog and the worker. Statements that
 * create a token return it as a one-row result; it is shown only this once.
 */
final class AdminExecutor {
    private static final Logger log = LoggerFactory.getLogger(AdminExecutor.class);

    private final Catalog catalog;
    private final Worker worker;

    AdminExecutor(Catalog catalog, Worker worker) {
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.worker = requireNonNull(worker, "worker is null");
    }

    /** Whether the command returns rows (a new token) rather than an update count. */
    static boolean returnsRows(AdminCommand command) {
        return command instanceof AdminCommand.CreateUser || command instanceof AdminCommand.CreateToken;
    }

    static List<String> resultColumns(AdminCommand command) {
        return returnsRows(command) ? List.of("user", "token_id", "token") : List.of();
    }

    Execution run(Principal principal, AdminCommand command, BufferAllocator allocator) {
        Catalog.checkAdmin(principal, "run " + describe(command));
        log.info("User '{}' runs {}", principal.user(), command);
        if (command instanceof AdminCommand.CreateDatabase c) {
            if (!(c.ifNotExists() && catalog.databaseExists(c.name()))) {
                catalog.createDatabase(c.name(), () -> worker.createDatabase(c.name()), () -> worker.dropDatabase(c.name()));
            }
        } else if (command instanceof AdminCommand.DropDatabase c) {
            if (!(c.ifExists() && !catalog.databaseExists(c.name()))) {
                catalog.dropDatabase(c.name(), () -> worker.dropDatabase(c.name()));
            }
        } else if (command instanceof AdminCommand.CreateUser c) {
            String token = catalog.createUser(c.name(), c.admin());
            return tokenResult(allocator, c.name(), token);
        } else if (command instanceof AdminCommand.DropUser c) {
            catalog.dropUser(c.name(), c.ifExists());
        } else if (command instanceof AdminCommand.CreateToken c) {
            Tokens.IssuedToken token = catalog.createToken(c.user());
            return tokenResult(allocator, c.user(), token.text());
        } else if (command instanceof AdminCommand.DropToken c) {
            catalog.dropToken(c.tokenId());
        } else if (command instanceof AdminCommand.Grant c) {
            catalog.grant(c.user(), c.database(), c.privilege());
        } else if (command instanceof AdminCommand.Revoke c) {
            catalog.revoke(c.user(), c.database(), c.privilege());
        }
        return ResultRows.none();
    }

    private static Execution tokenResult(BufferAllocator allocator, String user, String token) {
        String id = Tokens.parse(token).map(Tokens.ParsedToken::id).orElse(null);
        return ResultRows.of(allocator, List.of("user", "token_id", "token"), List.of(List.of(user, id, token)));
    }

    private static String describe(AdminCommand command) {
        String name = command.getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1 $2");
        return name.toUpperCase(java.util.Locale.ROOT);
    }
}
