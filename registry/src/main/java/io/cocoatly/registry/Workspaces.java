package io.cocoatly.registry;

import io.cocoatly.json.JsonCursor;
import io.cocoatly.json.StrictJson;
import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.ErrorKind;
import io.cocoatly.model.Manifest;
import io.cocoatly.model.Workspace;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads a workspace: a root {@code cocoatly.json} with a {@code "workspace": {"members": [globs],
 * "exclude": [globs]}} section and, optionally, a package of its own, and the member manifests its
 * globs find (docs/workspaces.md). Every error names the file and the JSON path, as a manifest's do.
 *
 * <p>Globs are matched against a directory's path relative to the root, segments joined by {@code /}:
 * {@code *} matches within one segment, {@code **} across segments, {@code ?} one character. Only
 * directories holding a {@code cocoatly.json} are members; the root itself never is, hidden
 * directories (a name starting with {@code .}, such as {@code .git} or an installation) are not searched,
 * and the walk goes only as deep as the globs need ({@link #walk}).
 */
public final class Workspaces {

    /** The root manifest's key that makes it a workspace root. */
    public static final String KEY = "workspace";

    private static final String CODE = "invalid-manifest";
    /** The keys a workspace root may have: a manifest's and {@link #KEY}. */
    static final Set<String> ROOT_KEYS;
    private static final Set<String> SECTION_KEYS = Set.of("members", "exclude");

    static {
        Set<String> keys = new HashSet<>(Manifests.KEYS);
        keys.add(KEY);
        ROOT_KEYS = Set.copyOf(keys);
    }

    private Workspaces() {
    }

    /**
     * Whether {@code file} is a workspace root: a JSON object with a {@code workspace} key. A file that
     * cannot be read or parsed is not one: finding the project must not fail on an unrelated file
     * above it, and the file's own errors are reported when it is read as what it is.
     */
    public static boolean declaresWorkspace(Path file) {
        try {
            JsonCursor root = StrictJson.parse(Files.readAllBytes(file), file, CODE, Fields.EMPTY_FILE_HINT);
            return root.keys().contains(KEY);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Reads the workspace whose root manifest is {@code file}, with its members.
     *
     * @throws CocoatlyException code {@code manifest-not-found} or {@code manifest-unreadable} as
     *     {@link Manifests#read}; also when the members cannot be listed
     * @throws io.cocoatly.model.InvalidFileException (code {@code invalid-manifest}) for a malformed
     *     root or member manifest, a glob that matches no member, a member that is a workspace itself
     *     or lies inside another workspace, or two members of one name
     */
    public static Workspace read(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        Path dir = absolute.getParent();
        JsonCursor root = StrictJson.parse(Manifests.bytes(absolute), absolute, CODE, Fields.EMPTY_FILE_HINT);
        root.rejectUnknownKeys(ROOT_KEYS);
        Globs globs = Globs.of(root);
        // Without `name` and `version` and every other package key, the root is a workspace only
        // (cargo's "virtual manifest"); any package key makes it a package too, which then needs both.
        Optional<Manifest> rootPackage = root.keys().stream().anyMatch(k -> !k.equals(KEY))
                ? Optional.of(Manifests.fromCursor(root)) : Optional.empty();
        Map<String, JsonCursor> chosen = chosen(dir, globs);

        List<Workspace.Member> members = new ArrayList<>();
        Map<String, String> pathsByName = new LinkedHashMap<>();
        rootPackage.ifPresent(p -> pathsByName.put(p.name().value(), "."));
        Map<Path, Boolean> declares = new HashMap<>();
        // One after another: reading them on two threads was slower on two cores, where the JIT
        // compiles on the second core meanwhile (docs/workspaces.md, "Figures").
        for (Map.Entry<String, JsonCursor> entry : chosen.entrySet()) {
            String path = entry.getKey();
            JsonCursor glob = entry.getValue();
            Path manifestFile = dir.resolve(path).resolve(Manifests.FILE_NAME);
            // Each member's file is read and parsed once: the nesting check looks at the parsed root.
            JsonCursor member = StrictJson.parse(Manifests.bytes(manifestFile), manifestFile, CODE,
                    Fields.EMPTY_FILE_HINT);
            nestedWorkspace(dir, path, glob, member.keys().contains(KEY), declares);
            Manifest manifest = Manifests.ofPackage(member);
            String name = manifest.name().value();
            if (manifest.name().equals(Workspace.UNNAMED) && rootPackage.isEmpty()) {
                throw glob.error("member `" + path + "` is named `" + name + "`, the name a workspace"
                        + " without a package of its own goes by", "rename the member, or give the root a `name`"
                        + " and `version`");
            }
            String other = pathsByName.putIfAbsent(name, path);
            if (other != null) {
                throw glob.error("two members are named `" + name + "`: `" + other + "` and `" + path + "`",
                        "rename one of them, or leave one out with `exclude`");
            }
            members.add(new Workspace.Member(path, manifest));
        }
        return new Workspace(dir, rootPackage, members);
    }

    /** The root manifest's {@code workspace} section: its {@code members} and {@code exclude} globs, as read. */
    private record Globs(List<JsonCursor> members, List<JsonCursor> exclude) {
        static Globs of(JsonCursor root) {
            JsonCursor section = root.required(KEY);
            section.rejectUnknownKeys(SECTION_KEYS);
            return new Globs(section.required("members").elements(),
                    section.optional("exclude").map(JsonCursor::elements).orElse(List.of()));
        }
    }

    /**
     * Whether the workspace whose root manifest is {@code file} lists {@code dir} as a member, by its
     * globs and {@code exclude} alone: no member's manifest is read, so a broken member elsewhere
     * does not matter. What finding the project a command runs in asks, from inside a member.
     *
     * @throws io.cocoatly.model.InvalidFileException (code {@code invalid-manifest}) for a malformed
     *     root, or a glob that matches no member, as {@link #read}
     */
    public static boolean lists(Path file, Path dir) {
        Path absolute = file.toAbsolutePath().normalize();
        Path root = absolute.getParent();
        Path member = dir.toAbsolutePath().normalize();
        if (!member.startsWith(root) || member.equals(root)) {
            return false;
        }
        JsonCursor manifest = StrictJson.parse(Manifests.bytes(absolute), absolute, CODE, Fields.EMPTY_FILE_HINT);
        manifest.rejectUnknownKeys(ROOT_KEYS);
        return chosen(root, Globs.of(manifest)).containsKey(slashed(root.relativize(member)));
    }

    /**
     * The members the root manifest's {@code workspace} section chooses: each directory below
     * {@code dir} holding a manifest that one of {@code globs.members} matches and none of
     * {@code globs.exclude} does, by its slashed path, with the first glob that matched it: the one
     * rule for "is a member".
     */
    private static Map<String, JsonCursor> chosen(Path dir, Globs globs) {
        List<JsonCursor> includes = globs.members();
        List<JsonCursor> excludes = globs.exclude();
        List<PathMatcher> included = new ArrayList<>();
        for (JsonCursor glob : includes) {
            included.add(matcher(glob));
        }
        List<Path> candidates = walk(dir, includes.stream().map(JsonCursor::string).toList()).found();
        List<PathMatcher> excluded = new ArrayList<>();
        for (JsonCursor glob : excludes) {
            excluded.add(matcher(glob));
        }
        Map<String, JsonCursor> chosen = new TreeMap<>();
        for (int i = 0; i < includes.size(); i++) {
            JsonCursor glob = includes.get(i);
            PathMatcher include = included.get(i);
            boolean matched = false;
            for (Path candidate : candidates) {
                if (include.matches(candidate)) {
                    matched = true;
                    if (excluded.stream().noneMatch(m -> m.matches(candidate))) {
                        chosen.putIfAbsent(slashed(candidate), glob);
                    }
                }
            }
            if (!matched) {
                throw glob.error("`" + glob.string() + "` matches no directory with a `" + Manifests.FILE_NAME + "`",
                        "globs are relative to `" + dir + "`: `*` matches one path segment, `**` any number");
            }
        }
        return chosen;
    }

    /**
     * Refuses a member that declares a workspace itself ({@code memberDeclares}), or that lies inside a
     * directory (below the root) whose manifest does: workspaces do not nest, so each package belongs to
     * one. {@code declares} remembers the directories above members already looked at (one
     * {@code packages/} above a hundred members is read once).
     */
    private static void nestedWorkspace(Path root, String path, JsonCursor glob, boolean memberDeclares,
                                        Map<Path, Boolean> declares) {
        String inside = null;
        Path current = root;
        String[] segments = path.split("/");
        for (int i = 0; i < segments.length - 1 && inside == null; i++) {
            current = current.resolve(segments[i]);
            Path manifest = current.resolve(Manifests.FILE_NAME);
            if (declares.computeIfAbsent(current, d -> Files.isRegularFile(manifest) && declaresWorkspace(manifest))) {
                inside = slashed(root.relativize(current));
            }
        }
        if (inside != null || memberDeclares) {
            throw glob.error(inside == null ? "member `" + path + "` is itself a workspace root"
                    : "member `" + path + "` lies inside workspace `" + inside + "`",
                    "workspaces do not nest: leave it out with `exclude`, or remove the inner `workspace` section");
        }
    }

    /**
     * What the member walk found and which directories it listed: every directory below {@code root}
     * that holds a manifest and that a glob could match, relative to the root, and (for tests of how
     * far the walk goes) the directories whose entries it read.
     */
    record Walk(List<Path> found, List<Path> listed) {
    }

    /**
     * Walks only as deep as {@code globs} need: a glob's literal leading segments name one directory,
     * each further segment is one level, and only a segment with {@code **} (or a {@code {..}} group,
     * which may hold a {@code /}) recurses without limit. Hidden directories are never entered, and a
     * directory that is a symbolic link never counts or is entered: it could bring in a manifest from
     * outside the root. So {@code packages/*} reads {@code packages/} and looks for a manifest in each
     * directory there, and never reads a {@code packages/x/node_modules/}.
     */
    static Walk walk(Path root, List<String> globs) {
        // Keyed by the slashed path, spelt once per directory: members are ordered by it.
        Map<String, Path> found = new TreeMap<>();
        List<Path> listed = new ArrayList<>();
        for (String glob : globs) {
            List<String> segments = List.of(glob.split("/"));
            int literal = 0;
            while (literal < segments.size() && !isPattern(segments.get(literal))) {
                literal++;
            }
            Path start = root;
            for (String segment : segments.subList(0, literal)) {
                start = start.resolve(segment);
            }
            if (hidden(root.relativize(start)) || !realDirectoriesDown(root, start)) {
                continue;
            }
            boolean unbounded = glob.contains("**") || glob.contains("{");
            int depth = unbounded ? Integer.MAX_VALUE : segments.size() - literal;
            walkFrom(root, start, depth, found, listed);
        }
        return new Walk(List.copyOf(found.values()), List.copyOf(listed));
    }

    private static void walkFrom(Path root, Path start, int depth, Map<String, Path> found, List<Path> listed) {
        try {
            Files.walkFileTree(start, EnumSet.noneOf(FileVisitOption.class), depth,
                    new SimpleFileVisitor<>() {
                        @Override
                        public FileVisitResult preVisitDirectory(Path d,
                                BasicFileAttributes attrs) {
                            if (!d.equals(start) && d.getFileName().toString().startsWith(".")) {
                                return FileVisitResult.SKIP_SUBTREE;
                            }
                            listed.add(root.relativize(d));
                            candidate(d);
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFile(Path f,
                                BasicFileAttributes attrs) {
                            // A directory at the depth limit comes here, unopened; a link never counts.
                            if (attrs.isDirectory() && !f.getFileName().toString().startsWith(".")) {
                                candidate(f);
                            }
                            return FileVisitResult.CONTINUE;
                        }

                        private void candidate(Path d) {
                            if (!d.equals(root) && Files.isRegularFile(d.resolve(Manifests.FILE_NAME))) {
                                Path relative = root.relativize(d);
                                found.putIfAbsent(slashed(relative), relative);
                            }
                        }
                    });
        } catch (IOException e) {
            throw new CocoatlyException(ErrorKind.FAILED, "manifest-unreadable", "cannot list the members of workspace `"
                    + root + "`: " + e.getMessage(), List.of(), e);
        }
    }

    /** Whether every directory from {@code root} down to {@code dir} is a real directory, none a link. */
    private static boolean realDirectoriesDown(Path root, Path dir) {
        for (Path d = dir; !d.equals(root); d = d.getParent()) {
            if (!Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isPattern(String segment) {
        return segment.chars().anyMatch(c -> "*?[{".indexOf(c) >= 0);
    }

    private static boolean hidden(Path relative) {
        for (Path segment : relative) {
            if (segment.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private static PathMatcher matcher(JsonCursor glob) {
        String text = glob.string();
        if (text.isEmpty() || text.startsWith("/") || text.contains("\\") || List.of(text.split("/")).contains("..")) {
            throw glob.error("`" + text + "` is not a glob relative to the workspace root",
                    "write a relative path with `/` between segments, e.g. `packages/*`");
        }
        try {
            return FileSystems.getDefault().getPathMatcher("glob:" + text);
        } catch (IllegalArgumentException e) {
            throw glob.error("`" + text + "` is not a valid glob: " + e.getMessage());
        }
    }

    // A relative path's text has the file system's separator between its names, and no name holds one.
    private static String slashed(Path relative) {
        String text = relative.toString();
        char separator = relative.getFileSystem().getSeparator().charAt(0);
        return separator == '/' ? text : text.replace(separator, '/');
    }
}
