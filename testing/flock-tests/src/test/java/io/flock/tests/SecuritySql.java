package io.flock.tests;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Flock administration statements the security tests share. */
final class SecuritySql {
    private SecuritySql() {
    }

    /** Runs {@code CREATE USER name} and returns the token it shows once. */
    static String createUser(Statement admin, String name) throws SQLException {
        return firstToken(admin, "CREATE USER " + name);
    }

    /** Runs an administration statement that returns a token ({@code CREATE USER}, {@code CREATE TOKEN}). */
    static String firstToken(Statement admin, String sql) throws SQLException {
        try (ResultSet rs = admin.executeQuery(sql)) {
            if (!rs.next()) {
                throw new AssertionError("'" + sql + "' returned no row");
            }
            String token = rs.getString("token");
            if (token == null || !token.startsWith("flk_")) {
                throw new AssertionError("'" + sql + "' returned no token: " + token);
            }
            return token;
        }
    }
}
