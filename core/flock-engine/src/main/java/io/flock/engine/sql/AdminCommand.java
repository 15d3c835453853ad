package io.flock.engine.sql;

import io.flock.engine.catalog.Privilege;

/** A parsed Flock administration statement. Only admins may run them. */
public sealed interface AdminCommand {
    /** {@code CREATE DATABASE [IF NOT EXISTS] name}. */
    record CreateDatabase(String name, boolean ifNotExists) implements AdminCommand {
    }

    /** {@code DROP DATABASE [IF EXISTS] name}. */
    record DropDatabase(String name, boolean ifExists) implements AdminCommand {
    }

    /** {@code CREATE USER name [ADMIN]}: creates the user and returns its first token. */
    record CreateUser(String name, boolean admin) implements AdminCommand {
    }

    /** {@code DROP USER [IF EXISTS] name}: removes the user, its tokens and grants. */
    record DropUser(String name, boolean ifExists) implements AdminCommand {
    }

    /** {@code CREATE TOKEN FOR USER name}: issues another token for the user. */
    record CreateToken(String user) implements AdminCommand {
    }

    /** {@code DROP TOKEN 'token-id'}: revokes one token. */
    record DropToken(String tokenId) implements AdminCommand {
    }

    /** {@code GRANT READ|WRITE ON DATABASE db TO user}. */
    record Grant(Privilege privilege, String database, String user) implements AdminCommand {
    }

    /** {@code REVOKE READ|WRITE|ALL ON DATABASE db FROM user}; revoking READ revokes WRITE too. */
    record Revoke(Privilege privilege, String database, String user) implements AdminCommand {
    }
}
