package io.flock.benchmarks;

import java.util.Map;

/** The {@code --property KEY=VALUE} option of the benchmark mains: a server setting for the run. */
final class ServerProperties {
    private ServerProperties() {}

    /** Adds the setting {@code keyValue} ({@code KEY=VALUE}) to {@code properties}. */
    static void add(Map<String, String> properties, String keyValue) {
        String[] setting = keyValue.split("=", 2);
        if (setting.length != 2 || setting[0].isBlank()) {
            throw new IllegalArgumentException("--property takes KEY=VALUE, not '" + keyValue + "'");
        }
        properties.put(setting[0], setting[1]);
    }
}
