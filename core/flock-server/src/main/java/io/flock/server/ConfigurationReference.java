package io.flock.server;

/** Renders the settings table of docs/configuration.md from {@link ConfigProperty}, so the doc cannot drift. */
final class ConfigurationReference {
    private ConfigurationReference() {
    }

    static String markdownTable() {
        StringBuilder out = new StringBuilder();
        out.append("| Setting | Type | Default | Meaning |\n");
        out.append("|---|---|---|---|\n");
        for (ConfigProperty p : ConfigProperty.values()) {
            String defaultValue = p == ConfigProperty.THREADS ? "number of cores" : p.defaultValue().orElse("(none)");
            out.append("| `").append(p.key()).append("` | ").append(typeName(p.kind())).append(" | `")
                    .append(defaultValue).append("` | ").append(p.description()).append(" |\n");
        }
        return out.toString();
    }

    private static String typeName(ConfigProperty.Kind kind) {
        return switch (kind) {
            case STRING -> "text";
            case PATH -> "path";
            case PORT -> "port";
            case POSITIVE_INT -> "integer ≥ 1";
            case NON_NEGATIVE_INT -> "integer ≥ 0";
            case DURATION -> "duration (`500ms`, `30s`, `5m`, `2h`)";
            case DATA_SIZE -> "size (`512MB`, `4GB`)";
        };
    }

    public static void main(String[] args) {
        System.out.print(markdownTable());
    }
}
