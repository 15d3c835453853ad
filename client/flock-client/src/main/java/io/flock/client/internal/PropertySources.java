package io.flock.client.internal;

import io.flock.client.ClientProperty;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the outside sources of settings, a {@code flock://} URL, a property map and environment
 * variables, into property keys and texts. Unknown names fail, all reported at once; unrelated
 * environment variables are ignored.
 */
public final class PropertySources {
    /** The URL scheme of Flock connection URLs. */
    public static final String SCHEME = "flock";

    private PropertySources() {
    }

    /**
     * The settings in {@code flock://host:port/database?key=value&...}. Host, port and database
     * may be left out; query parameter values are URL-decoded.
     */
    public static Map<ClientProperty, String> fromUrl(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("Invalid Flock URL '" + redact(url) + "': " + e.getReason(), e);
        }
        if (!SCHEME.equalsIgnoreCase(uri.getScheme()) || uri.isOpaque()) {
            throw new IllegalArgumentException(
                    "Invalid Flock URL '" + redact(url) + "': expected flock://host:port/database?key=value&...");
        }
        Map<String, String> texts = new LinkedHashMap<>();
        if (uri.getHost() != null) {
            texts.put(ClientProperty.HOST.key(), uri.getHost());
        }
        if (uri.getPort() != -1) {
            texts.put(ClientProperty.PORT.key(), Integer.toString(uri.getPort()));
        }
        String path = uri.getPath();
        if (path != null && path.length() > 1) {
            texts.put(ClientProperty.DATABASE.key(), path.substring(1));
        }
        String query = uri.getRawQuery();
        if (query != null) {
            for (String pair : query.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int equals = pair.indexOf('=');
                String key = decode(equals < 0 ? pair : pair.substring(0, equals));
                texts.put(key, equals < 0 ? "" : decode(pair.substring(equals + 1)));
            }
        }
        return fromMap(texts, "URL parameter");
    }

    /** The settings of a map from property keys to texts; every key must be a property. */
    public static Map<ClientProperty, String> fromMap(Map<String, String> texts, String what) {
        Map<ClientProperty, String> settings = new LinkedHashMap<>();
        List<String> unknown = new ArrayList<>();
        texts.forEach((key, value) -> {
            Optional<ClientProperty> property = ClientProperty.forKey(key);
            if (property.isPresent()) {
                settings.put(property.get(), value);
            } else {
                unknown.add("'" + key + "'");
            }
        });
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("Unknown client " + what + (unknown.size() > 1 ? "s " : " ")
                    + String.join(", ", unknown) + "; known: " + knownKeys());
        }
        return settings;
    }

    /** The settings among {@code environment} named {@code FLOCK_<KEY>}; other variables are ignored. */
    public static Map<ClientProperty, String> fromEnvironment(Map<String, String> environment) {
        Map<ClientProperty, String> settings = new LinkedHashMap<>();
        for (ClientProperty property : ClientProperty.values()) {
            String value = environment.get(property.environmentVariable());
            if (value != null) {
                settings.put(property, value);
            }
        }
        return settings;
    }

    private static String knownKeys() {
        List<String> keys = new ArrayList<>();
        for (ClientProperty property : ClientProperty.values()) {
            keys.add(property.key());
        }
        return String.join(", ", keys);
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    private static String redact(String url) {
        return url.replaceAll("(?i)(token=)[^&]*", "$1<redacted>");
    }
}
