package io.flock.jdbc;

import io.flock.client.ClientProperty;
import java.sql.SQLException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.sql.SQLNonTransientConnectionException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Turns a {@code jdbc:flock://} URL and JDBC {@link Properties} into the SDK's property keys and
 * texts. The URL is handed to the SDK as {@code flock://…}, so it is parsed by the one table of
 * {@link ClientProperty}; properties override URL parameters. {@code password} is an alias of
 * {@code token} (pools and tools set {@code user} and {@code password}).
 */
final class JdbcUrl {
    static final String PREFIX = "jdbc:flock:";
    static final String PASSWORD = "password";

    private JdbcUrl() {
    }

    /** The SDK URL inside a JDBC URL. */
    static String sdkUrl(String url) {
        return url.substring("jdbc:".length());
    }

    /** The settings of {@code info} alone, by property key. */
    static Map<String, String> settings(Properties info) {
        Map<String, String> settings = new LinkedHashMap<>();
        if (info != null) {
            for (String name : info.stringPropertyNames()) {
                String value = info.getProperty(name);
                if (name.equals(PASSWORD)) {
                    settings.put(ClientProperty.TOKEN.key(), value);
                } else {
                    settings.put(name, value);
                }
            }
        }
        return settings;
    }

    /**
     * The settings of the URL with those of {@code info} on top, as property key to text, each
     * checked against {@link ClientProperty}.
     *
     * @throws SQLException listing every unknown or invalid setting
     */
    static Map<String, String> settings(String url, Properties info) throws SQLException {
        Map<String, String> settings = new LinkedHashMap<>();
        try {
            String rest = url.substring(PREFIX.length());
            if (!rest.isEmpty() && !rest.equals("//")) {
                ClientProperty.fromUrl(sdkUrl(url))
                        .forEach((property, text) -> settings.put(property.key(), text));
            }
            Map<String, String> properties = settings(info);
            ClientProperty.fromMap(properties, "JDBC property");
            settings.putAll(properties);
        } catch (IllegalArgumentException e) {
            throw new SQLNonTransientConnectionException("Invalid Flock JDBC URL or properties: " + e.getMessage(),
                    "08001", e);
        }
        if (settings.getOrDefault(ClientProperty.TOKEN.key(), "").isBlank()) {
            throw new SQLInvalidAuthorizationSpecException("A token is required to connect to Flock: add "
                    + "token=… to the URL or set the property 'token' (or 'password')", "28000");
        }
        return settings;
    }
}
