package io.flock.engine.sql;

import io.flock.engine.catalog.Names;
import io.flock.engine.catalog.Privilege;
import io.flock.spi.ErrorCode;
import io.flock.spi.FlockException;
import java.util.List;

/**
 * Parses Flock's own administration statements (docs/sql.md lists them). DuckDB knows none of
 * them, so they never reach it.
 */
public final class AdminStatementParser {
    private final List<Token> tokens;
    private int position;

    private AdminStatementParser(List<Token> tokens) {
        this.tokens = tokens;
    }

    /** Whether the statement is one of Flock's administration statements. */
    public static boolean isAdminStatement(List<Token> tokens) {
        if (tokens.isEmpty()) {
            return false;
        }
        Token first = tokens.get(0);
        Token second = tokens.size() > 1 ? tokens.get(1) : null;
        if (first.isWord("GRANT") || first.isWord("REVOKE")) {
            return true;
        }
        if ((first.isWord("CREATE") || first.isWord("DROP")) && second != null) {
            return second.isWord("DATABASE") || second.isWord("USER") || second.isWord("TOKEN");
        }
        return false;
    }

    public static AdminCommand parse(List<Token> tokens) {
        return new AdminStatementParser(tokens).parse();
    }

    private AdminCommand parse() {
        String verb = word();
        AdminCommand command = switch (verb) {
            case "CREATE" -> parseCreate();
            case "DROP" -> parseDrop();
            case "GRANT" -> parseGrant();
            case "REVOKE" -> parseRevoke();
            default -> throw syntax("an administration statement");
        };
        if (position < tokens.size()) {
            throw new FlockException(ErrorCode.SYNTAX_ERROR, "Unexpected '" + tokens.get(position).text()
                    + "' at the end of " + verb + " statement");
        }
        return command;
    }

    private AdminCommand parseCreate() {
        switch (word()) {
            case "DATABASE" -> {
                boolean ifNotExists = optional("IF", "NOT", "EXISTS");
                return new AdminCommand.CreateDatabase(Names.database(identifier()), ifNotExists);
            }
            case "USER" -> {
                String name = Names.user(identifier());
                boolean admin = optional("ADMIN") || optional("WITH", "ADMIN");
                return new AdminCommand.CreateUser(name, admin);
            }
            case "TOKEN" -> {
                expect("FOR");
                optional("USER");
                return new AdminCommand.CreateToken(Names.user(identifier()));
            }
            default -> throw syntax("DATABASE, USER or TOKEN after CREATE");
        }
    }

    private AdminCommand parseDrop() {
        switch (word()) {
            case "DATABASE" -> {
                boolean ifExists = optional("IF", "EXISTS");
                return new AdminCommand.DropDatabase(Names.database(identifier()), ifExists);
            }
            case "USER" -> {
                boolean ifExists = optional("IF", "EXISTS");
                return new AdminCommand.DropUser(Names.user(identifier()), ifExists);
            }
            case "TOKEN" -> {
                return new AdminCommand.DropToken(stringOrIdentifier());
            }
            default -> throw syntax("DATABASE, USER or TOKEN after DROP");
        }
    }

    private AdminCommand parseGrant() {
        Privilege privilege = privilege();
        expect("ON");
        expect("DATABASE");
        String database = Names.database(identifier());
        expect("TO");
        optional("USER");
        return new AdminCommand.Grant(privilege, database, Names.user(identifier()));
    }

    private AdminCommand parseRevoke() {
        Privilege privilege = privilege();
        expect("ON");
        expect("DATABASE");
        String database = Names.database(identifier());
        expect("FROM");
        optional("USER");
        return new AdminCommand.Revoke(privilege, database, Names.user(identifier()));
    }

    private Privilege privilege() {
        String word = word();
        return switch (word) {
            case "READ", "SELECT" -> Privilege.READ;
            case "WRITE", "ALL" -> Privilege.WRITE;
            default -> throw new FlockException(ErrorCode.SYNTAX_ERROR,
                    "Unknown privilege '" + word + "': use READ, WRITE or ALL");
        };
    }

    private String word() {
        Token t = next("a keyword");
        if (t.kind() != Token.Kind.WORD) {
            throw new FlockException(ErrorCode.SYNTAX_ERROR, "Expected a keyword but found '" + t.text() + "'");
        }
        return t.text().toUpperCase(java.util.Locale.ROOT);
    }

    private String identifier() {
        Token t = next("a name");
        if (t.kind() != Token.Kind.WORD && t.kind() != Token.Kind.QUOTED_IDENTIFIER) {
            throw new FlockException(ErrorCode.SYNTAX_ERROR, "Expected a name but found '" + t.text() + "'");
        }
        return t.identifier();
    }

    private String stringOrIdentifier() {
        Token t = next("a token id");
        if (t.kind() == Token.Kind.STRING && t.text().startsWith("'")) {
            return t.text().substring(1, t.text().length() - 1).replace("''", "'");
        }
        return t.identifier();
    }

    private void expect(String keyword) {
        Token t = next(keyword);
        if (!t.isWord(keyword)) {
            throw new FlockException(ErrorCode.SYNTAX_ERROR, "Expected " + keyword + " but found '" + t.text() + "'");
        }
    }

    private boolean optional(String... keywords) {
        for (int i = 0; i < keywords.length; i++) {
            if (position + i >= tokens.size() || !tokens.get(position + i).isWord(keywords[i])) {
                return false;
            }
        }
        position += keywords.length;
        return true;
    }

    private Token next(String what) {
        if (position >= tokens.size()) {
            throw new FlockException(ErrorCode.SYNTAX_ERROR, "The statement ends where " + what + " was expected");
        }
        return tokens.get(position++);
    }

    private FlockException syntax(String expected) {
        Token t = tokens.get(position - 1);
        return new FlockException(ErrorCode.SYNTAX_ERROR, "Expected " + expected + " but found '" + t.text() + "'");
    }
}
