package io.cocoatly.registry;

import io.cocoatly.model.Artifact;
import io.cocoatly.model.Dependency;
import io.cocoatly.model.PackageListing;
import io.cocoatly.model.Release;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Renders index files and {@code registry.json} in their one canonical form, so the same listing
 * always gives the same bytes and a re-published registry diffs cleanly: keys in a fixed order,
 * releases sorted by version, dependencies and checksums by key, two-space indentation, a trailing
 * newline. {@code dependencies} is left out when there are none and {@code yanked} when false (the
 * readers' defaults). The layout is in docs/formats.md.
 */
final class IndexWriter {

    private static final Comparator<Release> BY_VERSION = Comparator.comparing(Release::version)
            // Build metadata does not order versions; the text does, so the order is still total.
            .thenComparing(r -> r.version().toString());

    private IndexWriter() {
    }

    /** The canonical bytes of {@code index/<name>.json} for this listing. */
    static byte[] index(PackageListing listing) {
        List<Release> releases = new ArrayList<>(listing.releases());
        releases.sort(BY_VERSION);
        StringBuilder out = new StringBuilder();
        out.append("{\n");
        out.append("  \"name\": ").append(quote(listing.name().value())).append(",\n");
        if (releases.isEmpty()) {
            out.append("  \"versions\": []\n");
        } else {
            out.append("  \"versions\": [\n");
            for (int i = 0; i < releases.size(); i++) {
                release(out, releases.get(i));
                out.append(i + 1 < releases.size() ? ",\n" : "\n");
            }
            out.append("  ]\n");
        }
        out.append("}\n");
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The canonical bytes of {@code registry.json}. */
    static byte[] registry(String name) {
        return ("{\n  \"format\": " + RegistryFile.FORMAT + ",\n  \"name\": " + quote(name) + "\n}\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static void release(StringBuilder out, Release release) {
        List<String> members = new ArrayList<>();
        members.add(member("version", quote(release.version().toString())));
        if (!release.dependencies().isEmpty()) {
            List<String> deps = new ArrayList<>();
            for (Dependency d : release.dependencies()) {
                deps.add(member(d.name().value(), quote(d.requirement())));
            }
            members.add(member("dependencies", object(deps, "        ")));
        }
        if (release.yanked()) {
            members.add(member("yanked", "true"));
        }
        release.artifact().ifPresent(a -> members.add(member("artifact", artifact(a))));
        out.append("    ").append(object(members, "      "));
    }

    private static String artifact(Artifact artifact) {
        List<String> members = new ArrayList<>();
        members.add(member("url", quote(artifact.url())));
        members.add(member("size", Long.toString(artifact.size())));
        List<String> sums = new ArrayList<>();
        // Artifact keeps its checksums in a sorted map, so this order is fixed.
        for (Map.Entry<String, String> e : artifact.checksums().entrySet()) {
            sums.add(member(e.getKey(), quote(e.getValue())));
        }
        members.add(member("checksums", object(sums, "          ")));
        artifact.signature().ifPresent(s -> members.add(member("signature", object(List.of(
                member("key", quote(s.key())), member("ed25519", quote(s.ed25519()))), "          "))));
        return object(members, "        ");
    }

    /** An object whose members are on their own lines at {@code indent}; the closing brace two less. */
    private static String object(List<String> members, String indent) {
        if (members.isEmpty()) {
            return "{}";
        }
        String close = indent.substring(2);
        StringBuilder s = new StringBuilder("{\n");
        for (int i = 0; i < members.size(); i++) {
            s.append(indent).append(members.get(i)).append(i + 1 < members.size() ? ",\n" : "\n");
        }
        return s.append(close).append('}').toString();
    }

    private static String member(String key, String value) {
        return quote(key) + ": " + value;
    }

    /** A JSON string literal (RFC 8259): quotes, backslashes and control characters escaped. */
    static String quote(String text) {
        StringBuilder s = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"':
                    s.append("\\\"");
                    break;
                case '\\':
                    s.append("\\\\");
                    break;
                case '\n':
                    s.append("\\n");
                    break;
                case '\r':
                    s.append("\\r");
                    break;
                case '\t':
                    s.append("\\t");
                    break;
                default:
                    if (c < 0x20) {
                        s.append(String.format("\\u%04x", (int) c));
                    } else {
                        s.append(c);
                    }
            }
        }
        return s.append('"').toString();
    }
}
