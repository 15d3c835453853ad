package io.flock.engine.catalog;

/** What a user may do in one database. WRITE includes READ. */
public enum Privilege {
    /** Run queries. */
    READ,
    /** Run queries, change rows and change the schema. */
    WRITE;

    public boolean includes(Privilege other) {
        return this.ordinal() >= other.ordinal();
    }
}
