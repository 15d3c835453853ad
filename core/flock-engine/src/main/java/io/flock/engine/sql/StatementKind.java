package io.flock.engine.sql;

/**
 * What a statement does, which decides the privilege it needs and whether Flock runs it at all.
 */
public enum StatementKind {
    /** Reads data and returns rows: SELECT, WITH, VALUES, FROM, DESCRIBE, SHOW, EXPLAIN, some PRAGMAs. */
    QUERY(false),
    /** Changes rows: INSERT, UPDATE, DELETE, MERGE, TRUNCATE. */
    DML(true),
    /** Changes the schema of the current database: CREATE, ALTER, DROP, COMMENT ON. */
    DDL(true),
    /** Storage maintenance on the current database: CHECKPOINT, VACUUM, ANALYZE. */
    MAINTENANCE(true),
    /** Flock's own administration: users, tokens, grants, databases. Admin only. */
    ADMIN(true);

    private final boolean writes;

    StatementKind(boolean writes) {
        this.writes = writes;
    }

    /** Whether the statement needs the WRITE privilege on its database. */
    public boolean writes() {
        return writes;
    }
}
