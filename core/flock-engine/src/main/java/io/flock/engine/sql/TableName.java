package io.flock.engine.sql;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * A table named by a statement, as written: an optional schema and the table's name (identifiers
 * without quotes). DuckDB resolves both case-insensitively, so does {@link #matches}.
 *
 * @param schema the schema the statement names, if any (the session's schema, {@code main}, otherwise)
 * @param table the table's name
 */
public record TableName(Optional<String> schema, String table) {
    /** The schema a statement writes into when it names none: Flock sessions cannot change it. */
    public static final String DEFAULT_SCHEMA = "main";

    public TableName {
        requireNonNull(schema, "schema is null");
        requireNonNull(table, "table is null");
    }

    /** The schema, {@link #DEFAULT_SCHEMA} when the statement names none. */
    public String schemaOrDefault() {
        return schema.orElse(DEFAULT_SCHEMA);
    }

    /** Whether this name denotes {@code schema.table} (case-insensitively, as DuckDB resolves names). */
    public boolean matches(String schema, String table) {
        return schemaOrDefault().equalsIgnoreCase(schema) && this.table.equalsIgnoreCase(table);
    }

    /**
     * Reads a name of one to three identifiers ({@code t}, {@code s.t}, {@code db.s.t}, quoted or
     * not) at {@code at}; the database part of a three-part name is dropped (a session works in its
     * one database). Empty when the tokens there are not such a name.
     *
     * @return the name and the index of the token after it
     */
    public static Optional<Parsed> read(List<Token> tokens, int at) {
        List<String> parts = new java.util.ArrayList<>();
        int i = at;
        while (isIdentifier(tokens, i)) {
            parts.add(tokens.get(i).identifier());
            if (i + 2 < tokens.size() && tokens.get(i + 1).isSymbol(".") && isIdentifier(tokens, i + 2)) {
                i += 2;
            } else {
                i++;
                break;
            }
        }
        return switch (parts.size()) {
            case 1 -> Optional.of(new Parsed(new TableName(Optional.empty(), parts.get(0)), i));
            case 2, 3 -> Optional.of(new Parsed(new TableName(Optional.of(parts.get(parts.size() - 2)),
                    parts.get(parts.size() - 1)), i));
            default -> Optional.empty();
        };
    }

    private static boolean isIdentifier(List<Token> tokens, int at) {
        return at < tokens.size() && (tokens.get(at).kind() == Token.Kind.WORD
                || tokens.get(at).kind() == Token.Kind.QUOTED_IDENTIFIER);
    }

    /** A name read from tokens, and the index of the first token after it. */
    public record Parsed(TableName name, int next) {}

    @Override
    public String toString() {
        return schemaOrDefault() + "." + table;
    }
}
