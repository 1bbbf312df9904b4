package io.cocoatly.testkit;

import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.Dependency;
import io.cocoatly.model.PackageId;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Release;
import io.cocoatly.model.Version;
import io.cocoatly.model.VersionRange;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The small grammars inside a scenario line: package names, versions, dependency lists and registry
 * entries. Every failure is reported against the line it came from.
 */
final class ScenarioSyntax {

    /** What may start a comparator; a comma followed by one of these continues a requirement. */
    private static final String COMPARATOR_START = "<>=~^*0123456789";

    private ScenarioSyntax() {
    }

    /** A package name; scenario names start with a letter so that they never look like a comparator. */
    static PackageName name(ScenarioLine line, String text) {
        String problem = PackageName.problem(text);
        if (problem != null) {
            throw line.error("invalid package name `" + text + "`: " + problem);
        }
        if (text.charAt(0) < 'a' || text.charAt(0) > 'z') {
            throw line.error("invalid package name `" + text + "`: scenario package names start with a letter");
        }
        return PackageName.of(text);
    }

    static Version version(ScenarioLine line, String text) {
        try {
            return Version.parse(text);
        } catch (CocoatlyException e) {
            throw line.error(e.getMessage());
        }
    }

    /**
     * A comma-separated list of {@code name requirement}. A requirement may itself contain commas
     * ({@code >=0.4, <0.6}): a comma followed by something that starts like a comparator continues the
     * previous requirement; anything else starts the next dependency.
     *
     * @param owner who depends, for the duplicate message
     */
    static List<Dependency> dependencies(ScenarioLine line, String text, String owner) {
        List<String[]> pieces = new ArrayList<>();
        for (String raw : text.split(",", -1)) {
            String piece = raw.strip();
            if (piece.isEmpty()) {
                throw line.error("empty item in the list `" + text.strip() + "`");
            }
            if (COMPARATOR_START.indexOf(piece.charAt(0)) >= 0) {
                if (pieces.isEmpty()) {
                    throw line.error("expected a package name, found `" + piece + "`");
                }
                String[] last = pieces.get(pieces.size() - 1);
                last[1] = last[1] + ", " + piece;
                continue;
            }
            int space = firstBlank(piece);
            if (space < 0) {
                throw line.error("dependency `" + piece + "` has no requirement",
                        "write a requirement after the name, e.g. `" + piece + " ^1.0` or `" + piece + " *`");
            }
            pieces.add(new String[] {piece.substring(0, space), piece.substring(space).strip()});
        }
        TreeMap<PackageName, Dependency> byName = new TreeMap<>();
        for (String[] piece : pieces) {
            PackageName name = name(line, piece[0]);
            Dependency dependency = new Dependency(name, piece[1], range(line, piece[1]));
            if (byName.put(name, dependency) != null) {
                throw line.error("`" + owner + "` depends on `" + name + "` twice",
                        "join the requirements into one, e.g. `" + name + " >=1.2, <2`");
            }
        }
        return List.copyOf(byName.values());
    }

    private static VersionRange range(ScenarioLine line, String requirement) {
        try {
            return VersionRange.parse(requirement);
        } catch (CocoatlyException e) {
            throw line.error(e.getMessage());
        }
    }

    /**
     * A registry line: {@code name version[, version...] [(yanked)] [-> dependencies]}, one release
     * per version, all with the same dependencies and flag.
     */
    static List<Release> registryEntry(ScenarioLine line) {
        String text = line.text();
        int arrow = text.indexOf("->");
        String head = (arrow < 0 ? text : text.substring(0, arrow)).strip();
        boolean yanked = false;
        while (head.endsWith(")")) {
            int open = head.lastIndexOf('(');
            String flag = open < 0 ? head : head.substring(open + 1, head.length() - 1).strip();
            if (open < 0 || !flag.equals("yanked")) {
                throw line.error("unknown flag `" + (open < 0 ? head : head.substring(open)) + "`",
                        "the only flag is `(yanked)`");
            }
            if (yanked) {
                throw line.error("flag `(yanked)` is given twice");
            }
            yanked = true;
            head = head.substring(0, open).strip();
        }
        int space = firstBlank(head);
        if (space < 0) {
            throw line.error("expected a package name and its versions, found `" + head + "`",
                    "write releases as `name 1.0.0, 1.1.0 -> dependency ^1.0`");
        }
        PackageName name = name(line, head.substring(0, space));
        List<Dependency> dependencies = List.of();
        if (arrow >= 0) {
            String after = text.substring(arrow + 2);
            if (after.isBlank()) {
                throw line.error("nothing after `->`",
                        "list the dependencies after `->`, or leave the arrow out for a release without any");
            }
            dependencies = dependencies(line, after, name.value());
        }
        List<Release> releases = new ArrayList<>();
        for (String raw : head.substring(space).split(",", -1)) {
            String versionText = raw.strip();
            if (versionText.isEmpty()) {
                throw line.error("empty item in the list `" + head.substring(space).strip() + "`");
            }
            PackageId id = new PackageId(name, version(line, versionText));
            releases.add(new Release(id, dependencies, yanked, Optional.empty()));
        }
        return releases;
    }

    /** {@code name version}, as in {@code project:} and {@code expect:}. */
    static PackageId nameAndVersion(ScenarioLine line, String text) {
        String[] parts = text.strip().split("\\s+");
        if (parts.length != 2) {
            throw line.error("expected `name version`, found `" + text.strip() + "`");
        }
        return new PackageId(name(line, parts[0]), version(line, parts[1]));
    }

    /** Splits a comma-separated list into its trimmed items; empty items are errors. */
    static List<String> items(ScenarioLine line, String text) {
        List<String> items = new ArrayList<>();
        for (String raw : text.split(",", -1)) {
            String item = raw.strip();
            if (item.isEmpty()) {
                throw line.error("empty item in the list `" + text.strip() + "`");
            }
            items.add(item);
        }
        return items;
    }

    static int firstBlank(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isWhitespace(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }
}
