package io.cocoatly.examples.audit;

import io.cocoatly.plugin.LifecycleEvent;
import io.cocoatly.plugin.PackageChange;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One line of the audit log: one post-hook event. Kept as the text the line holds rather than as
 * Cocoatly's model types, so that a line written by another version of the plugin (or by hand) is
 * still shown as it is.
 *
 * <p>A line, keys in this order ({@code null} for what is absent):
 * <pre>
 * {"time":"2026-12-03T20:41:07.512Z","hook":"on_post_install","operation":"install",
 *  "installation":{"kind":"global","root":"/home/u/.cocoatly"},
 *  "packages":[{"name":"tls","version":"2.1.0","previous_version":"2.0.0","kind":"update","license":"MIT"}]}
 * </pre>
 *
 * @param time      when the hook ran, UTC, to the millisecond
 * @param hook      the hook's key, e.g. {@code on_post_install}
 * @param operation {@code install} or {@code uninstall}
 * @param kind      the installation's kind, {@code global} or {@code project}
 * @param root      the installation's root: the home, or the project's directory
 * @param packages  the packages concerned, as the event lists them
 */
record AuditEntry(Instant time, String hook, String operation, String kind, String root, List<Change> packages) {

    /**
     * One package of an entry.
     *
     * @param name            the package
     * @param version         the version installed (or removed, for {@code remove})
     * @param previousVersion the version an {@code update} replaced
     * @param kind            {@code install}, {@code update}, {@code reinstall} or {@code remove}
     * @param license         the licence its manifest states
     */
    record Change(String name, String version, Optional<String> previousVersion, String kind, Optional<String> license) {
        Change {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(version, "version");
            Objects.requireNonNull(previousVersion, "previousVersion");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(license, "license");
        }

        /** {@code name version}, {@code name old -> new} for an update, and the licence in parentheses. */
        String describe() {
            String sign = switch (kind) {
                case "install" -> "+ ";
                case "remove" -> "- ";
                default -> "~ ";
            };
            String what = previousVersion.map(p -> name + " " + p + " -> " + version).orElse(name + " " + version);
            String extra = kind.equals("reinstall") ? " (reinstalled)" : "";
            return sign + what + extra + license.map(l -> " [" + l + "]").orElse("");
        }
    }

    AuditEntry {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(hook, "hook");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(root, "root");
        packages = List.copyOf(packages);
    }

    /** The entry of {@code event}, which happened at {@code time}. */
    static AuditEntry of(LifecycleEvent event, Instant time) {
        List<Change> changes = new ArrayList<>();
        for (PackageChange p : event.packages()) {
            changes.add(new Change(p.name().value(), p.version().toString(), p.previousVersion().map(Object::toString),
                    lower(p.kind()), p.metadata().license()));
        }
        return new AuditEntry(time.truncatedTo(ChronoUnit.MILLIS), event.hook().key(), lower(event.operation()),
                lower(event.installation().kind()), event.installation().root().toString(), changes);
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    /** Whether one of its packages is {@code name}. */
    boolean concerns(String name) {
        return packages.stream().anyMatch(c -> c.name().equals(name));
    }

    /** As JSON data: what a line holds and {@code cocoatly audit --json} returns. */
    Map<String, Object> toData() {
        Map<String, Object> installation = new LinkedHashMap<>();
        installation.put("kind", kind);
        installation.put("root", root);
        List<Object> list = new ArrayList<>();
        for (Change c : packages) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("name", c.name());
            p.put("version", c.version());
            p.put("previous_version", c.previousVersion().orElse(null));
            p.put("kind", c.kind());
            p.put("license", c.license().orElse(null));
            list.add(p);
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("time", time.toString());
        data.put("hook", hook);
        data.put("operation", operation);
        data.put("installation", installation);
        data.put("packages", list);
        return data;
    }

    /**
     * Reads an entry from {@link #toData}'s shape.
     *
     * @throws IllegalArgumentException naming the field that is missing or of the wrong type
     */
    static AuditEntry fromData(Object data) {
        Map<?, ?> map = object(data, "entry");
        Map<?, ?> installation = object(map.get("installation"), "installation");
        List<Change> changes = new ArrayList<>();
        if (!(map.get("packages") instanceof List<?> list)) {
            throw new IllegalArgumentException("`packages` is not a list");
        }
        for (Object item : list) {
            Map<?, ?> p = object(item, "package");
            changes.add(new Change(text(p, "name"), text(p, "version"), optional(p, "previous_version"), text(p, "kind"),
                    optional(p, "license")));
        }
        Instant time;
        try {
            time = Instant.parse(text(map, "time"));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("`time` is not an ISO-8601 instant");
        }
        return new AuditEntry(time, text(map, "hook"), text(map, "operation"), text(installation, "kind"),
                text(installation, "root"), changes);
    }

    private static Map<?, ?> object(Object value, String what) {
        if (value instanceof Map<?, ?> m) {
            return m;
        }
        throw new IllegalArgumentException("`" + what + "` is not an object");
    }

    private static String text(Map<?, ?> map, String key) {
        if (map.get(key) instanceof String s) {
            return s;
        }
        throw new IllegalArgumentException("`" + key + "` is missing or not a string");
    }

    private static Optional<String> optional(Map<?, ?> map, String key) {
        Object v = map.get(key);
        return v == null ? Optional.empty() : Optional.of(text(map, key));
    }
}
