package io.flock.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The driver's version, from the build ({@code driver.properties}). */
final class DriverVersion {
    private static final String VERSION = load();

    private DriverVersion() {
    }

    static String version() {
        return VERSION;
    }

    static int major() {
        return part(0);
    }

    static int minor() {
        return part(1);
    }

    private static int part(int index) {
        String[] parts = VERSION.split("[.-]");
        try {
            return parts.length > index ? Integer.parseInt(parts[index]) : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String load() {
        try (InputStream in = DriverVersion.class.getResourceAsStream("driver.properties")) {
            if (in == null) {
                return "0.0.0";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "0.0.0");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the Flock JDBC driver's version", e);
        }
    }
}
