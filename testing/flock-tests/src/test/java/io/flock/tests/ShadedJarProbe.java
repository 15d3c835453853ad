package io.flock.tests;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * Run by {@link TestJdbcShadedJar} in a separate JVM whose class path holds the shaded driver jar
 * and unrelated Arrow jars: connects through {@link DriverManager} only and prints what it sees.
 */
public final class ShadedJarProbe {
    private ShadedJarProbe() {
    }

    public static void main(String[] args) throws Exception {
        try (Connection connection = DriverManager.getConnection(args[0]);
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT sum(range) AS total FROM range(1000)")) {
            rs.next();
            System.out.println("driver=" + DriverManager.getDriver(args[0]).getClass().getName());
            System.out.println("driver-jar=" + DriverManager.getDriver(args[0]).getClass().getProtectionDomain()
                    .getCodeSource().getLocation());
            System.out.println("total=" + rs.getLong("total"));
            System.out.println("arrow=" + Class.forName("org.apache.arrow.memory.RootAllocator", false,
                    ShadedJarProbe.class.getClassLoader()).getProtectionDomain()
                    .getCodeSource().getLocation());
        }
    }
}
