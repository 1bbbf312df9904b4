package io.cocoatly.lockfile;

import io.cocoatly.model.Dependency;
import io.cocoatly.model.Manifest;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Version;
import io.cocoatly.model.Workspace;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The {@code requirements-digest} of a manifest: {@code sha256:<hex>} of a canonical text of its
 * name, version and requirements, so {@code lock --check} notices any change that could change the
 * resolution and ignores formatting, key order and whitespace. The canonical text (documented in
 * {@code docs/lockfile.md}, section "requirements-digest") is, in UTF-8:
 *
 * <pre>
 * cocoatly-requirements 1\n
 * name NAME\n
 * version VERSION\n
 * dependency NAME REQUIREMENT\n     (one line each, sorted by name, then requirement)
 * dev-dependency NAME REQUIREMENT\n (the same for dev-dependencies, after them)
 * </pre>
 *
 * <p>A manifest without dev-dependencies has no {@code dev-dependency} line, so its digest is the one
 * written before dev-dependencies existed. The metadata (description, license, ...) is left out: it
 * changes nothing that resolves.
 *
 * where a requirement is written as in the manifest with {@code \} as {@code \\}, LF as {@code \n}
 * and CR as {@code \r}, so that no requirement can forge a line.
 *
 * <p>A workspace's digest ({@link #of(Workspace)}) covers its members too: the root's lines as above
 * (with {@link Workspace#UNNAMED} and no requirements for a root without a package), then
 *
 * <pre>
 * workspace\n
 * member NAME VERSION PATH\n                  (per member, sorted by path, each followed by its)
 * member-dependency NAME DEP REQUIREMENT\n     (dependencies, then)
 * member-dev-dependency NAME DEP REQUIREMENT\n (dev-dependencies, sorted as above)
 * </pre>
 *
 * so adding, removing, moving or renaming a member, or changing what one requires, changes the digest.
 */
public final class RequirementsDigest {

    private static final String HEADER = "cocoatly-requirements 1";

    private RequirementsDigest() {
    }

    /** {@code sha256:} and the lowercase hex SHA-256 of the manifest's canonical requirements text. */
    public static String of(Manifest manifest) {
        return of(manifest.name(), manifest.version(), pairs(manifest.dependencies()), pairs(manifest.devDependencies()));
    }

    /** {@code sha256:} and the lowercase hex SHA-256 of the workspace's canonical requirements text. */
    public static String of(Workspace workspace) {
        return sha256(canonicalText(workspace));
    }

    /** The exact text that is hashed for a workspace. */
    public static String canonicalText(Workspace workspace) {
        Manifest root = workspace.rootPackage().orElse(null);
        StringBuilder s = new StringBuilder(canonicalText(workspace.name(), workspace.version(),
                root == null ? List.of() : pairs(root.dependencies()), root == null ? List.of() : pairs(root.devDependencies())));
        s.append("workspace\n");
        for (Workspace.Member m : workspace.members()) {
            s.append("member ").append(m.name().value()).append(' ').append(m.version()).append(' ')
                    .append(escape(m.path())).append('\n');
            memberLines(s, "member-dependency ", m.name(), m.manifest().dependencies());
            memberLines(s, "member-dev-dependency ", m.name(), m.manifest().devDependencies());
        }
        return s.toString();
    }

    /** The digest of {@link #canonicalText}; for tools that hold requirements as plain text. */
    public static String of(PackageName name, Version version, List<Map.Entry<PackageName, String>> requirements) {
        return of(name, version, requirements, List.of());
    }

    /** The same with dev-dependencies, for tools that hold requirements as plain text. */
    public static String of(PackageName name, Version version, List<Map.Entry<PackageName, String>> requirements,
            List<Map.Entry<PackageName, String>> devRequirements) {
        return sha256(canonicalText(name, version, requirements, devRequirements));
    }

    private static String sha256(String canonical) {
        byte[] text = canonical.getBytes(StandardCharsets.UTF_8);
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text));
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform must provide SHA-256.
            throw new AssertionError(e);
        }
    }

    /** The exact text that is hashed, for a manifest without dev-dependencies. */
    public static String canonicalText(PackageName name, Version version, List<Map.Entry<PackageName, String>> requirements) {
        return canonicalText(name, version, requirements, List.of());
    }

    /** The exact text that is hashed. */
    public static String canonicalText(PackageName name, Version version, List<Map.Entry<PackageName, String>> requirements,
            List<Map.Entry<PackageName, String>> devRequirements) {
        StringBuilder s = new StringBuilder(HEADER).append('\n');
        s.append("name ").append(name.value()).append('\n');
        s.append("version ").append(version).append('\n');
        lines(s, "dependency ", requirements);
        lines(s, "dev-dependency ", devRequirements);
        return s.toString();
    }

    // By name, then requirement; made once (a workspace's digest sorts each member's lines).
    private static final Comparator<Map.Entry<PackageName, String>> LINE_ORDER =
            Comparator.comparing((Map.Entry<PackageName, String> e) -> e.getKey().value()).thenComparing(Map.Entry::getValue);

    private static void lines(StringBuilder s, String prefix, List<Map.Entry<PackageName, String>> requirements) {
        if (requirements.isEmpty()) {
            return;
        }
        List<Map.Entry<PackageName, String>> sorted = requirements;
        // A manifest's lists are in this order already; a tool's may not be.
        for (int i = 1; i < sorted.size(); i++) {
            if (LINE_ORDER.compare(sorted.get(i - 1), sorted.get(i)) > 0) {
                sorted = new ArrayList<>(requirements);
                sorted.sort(LINE_ORDER);
                break;
            }
        }
        for (Map.Entry<PackageName, String> e : sorted) {
            s.append(prefix).append(e.getKey().value()).append(' ').append(escape(e.getValue())).append('\n');
        }
    }

    /**
     * A member's lines of one section, as {@link #lines} writes them: a {@link Manifest}'s lists are
     * sorted by name, then requirement, which is the text's order, so they are written as they are
     * (a workspace's digest writes hundreds of sections before the JVM has compiled a comparator).
     */
    private static void memberLines(StringBuilder s, String kind, PackageName member, List<Dependency> dependencies) {
        for (Dependency d : dependencies) {
            s.append(kind).append(member.value()).append(' ').append(d.name().value()).append(' ')
                    .append(escape(d.requirement())).append('\n');
        }
    }

    private static List<Map.Entry<PackageName, String>> pairs(List<Dependency> dependencies) {
        List<Map.Entry<PackageName, String>> pairs = new ArrayList<>();
        for (Dependency d : dependencies) {
            pairs.add(Map.entry(d.name(), d.requirement()));
        }
        return pairs;
    }

    private static String escape(String requirement) {
        for (int i = 0; i < requirement.length(); i++) {
            char c = requirement.charAt(i);
            if (c == '\\' || c == '\n' || c == '\r') {
                return requirement.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r");
            }
        }
        return requirement;
    }
}
