package io.flock.client.internal;

import io.flock.client.ClientProperty;

/** Renders the table of docs/client-properties.md from {@link ClientProperty}, so the doc cannot drift. */
public final class PropertyReference {
    private PropertyReference() {
    }

    public static String markdownTable() {
        StringBuilder out = new StringBuilder();
        out.append("| Property | Environment variable | Type | Default | Meaning |\n");
        out.append("|---|---|---|---|---|\n");
        for (ClientProperty p : ClientProperty.values()) {
            out.append("| `").append(p.key()).append("` | `").append(p.environmentVariable()).append("` | ")
                    .append(typeName(p.kind())).append(" | ")
                    .append(p.defaultValue().map(v -> "`" + v + "`").orElse("(none)")).append(" | ")
                    .append(p.description()).append(" |\n");
        }
        return out.toString();
    }

    private static String typeName(ClientProperty.Kind kind) {
        return switch (kind) {
            case TEXT -> "text";
            case SECRET -> "secret text";
            case PORT -> "port";
            case BOOLEAN -> "`true` / `false`";
            case POSITIVE_INT -> "integer ≥ 1";
            case DURATION -> "duration (`500ms`, `30s`, `5m`, `2h`)";
            case PATH -> "file path";
            case HEADERS -> "`name=value;…`";
        };
    }

    public static void main(String[] args) {
        System.out.print(markdownTable());
    }
}
