package io.cocoatly.registry;

import io.cocoatly.json.JsonCursor;
import io.cocoatly.json.StrictJson;
import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.ErrorKind;
import io.cocoatly.model.Manifest;
import io.cocoatly.model.Workspace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Reads a workspace: a root {@code cocoatly.json} with a {@code "workspace": {"members": [globs],
 * "exclude": [globs]}} section and, optionally, a package of its own, and the member manifests its
 * globs find (docs/workspaces.md). Every error names the file and the JSON path, as a manifest's do.
 *
 * <p>Globs are matched against a directory's path relative to the root, segments joined by {@code /}:
 * {@code *} matches within one segment, {@code **} across segments, {@code ?} one character. Only
 * directories holding a {@code cocoatly.json} are members; the root itself never is, and hidden
 * directories (a name starting with {@code .}, such as {@code .git} or an installation) are not searched.
 */
public final class Workspaces {

    /** The root manifest's key that makes it a workspace root. */
    public static final String KEY = "workspace";

    private static final String CODE = "invalid-manifest";
    private static final Set<String> ROOT_KEYS;
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
        JsonCursor section = root.required(KEY);
        section.rejectUnknownKeys(SECTION_KEYS);
        List<JsonCursor> includes = section.required("members").elements();
        List<JsonCursor> excludes = section.optional("exclude").map(JsonCursor::elements).orElse(List.of());
        // Without `name` and `version` and every other package key, the root is a workspace only
        // (cargo's "virtual manifest"); any package key makes it a package too, which then needs both.
        Optional<Manifest> rootPackage = root.keys().stream().anyMatch(k -> !k.equals(KEY))
                ? Optional.of(Manifests.fromCursor(root)) : Optional.empty();

        List<Path> candidates = candidates(dir);
        List<PathMatcher> excluded = new ArrayList<>();
        for (JsonCursor glob : excludes) {
            excluded.add(matcher(glob));
        }
        Map<String, JsonCursor> chosen = new TreeMap<>();
        for (JsonCursor glob : includes) {
            PathMatcher include = matcher(glob);
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

        List<Workspace.Member> members = new ArrayList<>();
        Map<String, String> pathsByName = new LinkedHashMap<>();
        rootPackage.ifPresent(p -> pathsByName.put(p.name().value(), "."));
        for (Map.Entry<String, JsonCursor> entry : chosen.entrySet()) {
            String path = entry.getKey();
            Path manifestFile = dir.resolve(path).resolve(Manifests.FILE_NAME);
            nestedWorkspace(dir, path, entry.getValue());
            Manifest manifest = Manifests.read(manifestFile);
            String name = manifest.name().value();
            if (manifest.name().equals(Workspace.UNNAMED) && rootPackage.isEmpty()) {
                throw entry.getValue().error("member `" + path + "` is named `" + name + "`, the name a workspace"
                        + " without a package of its own goes by", "rename the member, or give the root a `name`"
                        + " and `version`");
            }
            String other = pathsByName.putIfAbsent(name, path);
            if (other != null) {
                throw entry.getValue().error("two members are named `" + name + "`: `" + other + "` and `" + path + "`",
                        "rename one of them, or leave one out with `exclude`");
            }
            members.add(new Workspace.Member(path, manifest));
        }
        return new Workspace(dir, rootPackage, members);
    }

    /**
     * Refuses a member that declares a workspace itself, or that lies inside a directory (below the
     * root) whose manifest does: workspaces do not nest, so each package belongs to one.
     */
    private static void nestedWorkspace(Path root, String path, JsonCursor glob) {
        Path current = root;
        for (String segment : path.split("/")) {
            current = current.resolve(segment);
            Path manifest = current.resolve(Manifests.FILE_NAME);
            if (Files.isRegularFile(manifest) && declaresWorkspace(manifest)) {
                String where = slashed(root.relativize(current));
                throw glob.error(where.equals(path) ? "member `" + path + "` is itself a workspace root"
                        : "member `" + path + "` lies inside workspace `" + where + "`",
                        "workspaces do not nest: leave it out with `exclude`, or remove the inner `workspace` section");
            }
        }
    }

    /** Every directory below {@code root} that holds a manifest, relative to it, hidden ones skipped. */
    private static List<Path> candidates(Path root) {
        List<Path> found = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            // A symbolic link is never a member: it could bring in a manifest from outside the root.
            walk.filter(d -> Files.isDirectory(d, java.nio.file.LinkOption.NOFOLLOW_LINKS))
                    .filter(d -> !d.equals(root))
                    .filter(d -> !hidden(root.relativize(d)))
                    .filter(d -> Files.isRegularFile(d.resolve(Manifests.FILE_NAME)))
                    .forEach(d -> found.add(root.relativize(d)));
        } catch (IOException | UncheckedIOException e) {
            throw new CocoatlyException(ErrorKind.FAILED, "manifest-unreadable", "cannot list the members of workspace `"
                    + root + "`: " + e.getMessage(), List.of(), e);
        }
        found.sort((a, b) -> slashed(a).compareTo(slashed(b)));
        return found;
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

    private static String slashed(Path relative) {
        List<String> segments = new ArrayList<>();
        relative.forEach(s -> segments.add(s.toString()));
        return String.join("/", segments);
    }
}
