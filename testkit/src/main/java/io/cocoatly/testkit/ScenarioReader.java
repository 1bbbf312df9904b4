package io.cocoatly.testkit;

import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.ErrorKind;
import io.cocoatly.model.Dependency;
import io.cocoatly.model.Manifest;
import io.cocoatly.model.PackageId;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Release;
import io.cocoatly.model.Workspace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads {@code *.scenario} files (format: {@code docs/scenarios.md}). A file is a list of
 * {@code key: value} lines; a value may go on over the indented lines below its key. Errors are
 * {@link io.cocoatly.model.InvalidFileException}s with code {@code invalid-scenario} naming the file
 * and line; nothing from a file with an error is returned.
 */
public final class ScenarioReader {

    /** The file extension of scenario files. */
    public static final String EXTENSION = ".scenario";

    /** The root package's name and version when a scenario has no {@code project:} key. */
    public static final PackageId DEFAULT_PROJECT = PackageId.of("root", "1.0.0");

    private static final List<String> KEYS = List.of("description", "project", "registry", "root", "options",
            "expect", "members");
    private static final Pattern MEMBER = Pattern.compile("(\\S+)\\s+(\\S+)\\s+at\\s+(\\S+)");
    private static final Pattern KEY_LINE = Pattern.compile("([a-z][a-z-]*):(.*)");
    private static final Pattern INVOLVING = Pattern.compile("\\(involving (.+)\\)");

    private ScenarioReader() {
    }

    /**
     * Reads one file; the scenario is named after the file without its extension.
     *
     * @throws io.cocoatly.model.InvalidFileException if the file breaks the format
     * @throws CocoatlyException with code {@code unreadable-scenario} if the file cannot be read
     */
    public static Scenario read(Path file) {
        String fileName = file.getFileName().toString();
        return read(file, fileName.endsWith(EXTENSION)
                ? fileName.substring(0, fileName.length() - EXTENSION.length()) : fileName);
    }

    /**
     * Reads every {@code *.scenario} file below {@code dir}, recursively, sorted by name. Each is named
     * by its path relative to {@code dir} without the extension, with {@code /} separators.
     *
     * @throws io.cocoatly.model.InvalidFileException for the first file that breaks the format
     * @throws CocoatlyException with code {@code unreadable-scenario} if a file cannot be read
     */
    public static List<Scenario> readAll(Path dir) {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(p -> p.getFileName().toString().endsWith(EXTENSION) && Files.isRegularFile(p))
                    .toList();
        } catch (IOException e) {
            throw unreadable(dir, e);
        }
        List<Scenario> scenarios = new ArrayList<>();
        for (Path file : files) {
            String relative = dir.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
            scenarios.add(read(file, relative.substring(0, relative.length() - EXTENSION.length())));
        }
        scenarios.sort(Comparator.comparing(Scenario::name));
        return List.copyOf(scenarios);
    }

    private static Scenario read(Path file, String name) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw unreadable(file, e);
        }
        return parse(name, file, text);
    }

    /**
     * Parses scenario text that was read from {@code file}.
     *
     * @param name what to call the scenario
     * @param file used in error messages and kept in the result
     * @throws io.cocoatly.model.InvalidFileException if the text breaks the format
     */
    public static Scenario parse(String name, Path file, String text) {
        Map<String, List<ScenarioLine>> keys = layout(file, text);
        String description = keys.containsKey("description") ? keys.get("description").stream()
                .map(ScenarioLine::text).collect(Collectors.joining(" ")) : "";
        PackageId project = DEFAULT_PROJECT;
        if (keys.containsKey("project")) {
            List<ScenarioLine> lines = keys.get("project");
            project = ScenarioSyntax.nameAndVersion(lines.get(0), lines.stream().map(ScenarioLine::text)
                    .collect(Collectors.joining(" ")));
        }
        InMemoryIndex registry = registry(name, keys.get("registry"));
        List<Dependency> dependencies = new ArrayList<>();
        Set<PackageName> direct = new HashSet<>();
        for (ScenarioLine line : keys.get("root")) {
            for (Dependency d : ScenarioSyntax.dependencies(line, line.text(), project.name().value())) {
                if (!direct.add(d.name())) {
                    throw line.error("`" + project.name() + "` depends on `" + d.name() + "` twice",
                            "join the requirements into one, e.g. `" + d.name() + " >=1.2, <2`");
                }
                dependencies.add(d);
            }
        }
        Manifest root = new Manifest(project.name(), project.version(), dependencies);
        Optional<Workspace> workspace = Optional.empty();
        if (keys.containsKey("members")) {
            workspace = Optional.of(workspace(file, keys, root));
            root = new Manifest(workspace.get().name(), workspace.get().version(), dependencies);
        }
        ScenarioOptions options = new ScenarioOptions();
        for (ScenarioLine line : keys.getOrDefault("options", List.of())) {
            for (String item : ScenarioSyntax.items(line, line.text())) {
                options.add(line, item);
            }
        }
        Scenario.Expectation expected = expectation(keys.get("expect"), registry);
        return new Scenario(name, file, description, registry, root, options.build(), expected, workspace);
    }

    /**
     * The workspace of a scenario with {@code members:}: one member per line, {@code name version at
     * path [-> name requirement, ...]}. With {@code project:} the root has that package (with the
     * {@code root:} requirements); without, it has none and {@code root:} must be empty.
     */
    private static Workspace workspace(Path file, Map<String, List<ScenarioLine>> keys, Manifest root) {
        List<Workspace.Member> members = new ArrayList<>();
        Set<PackageName> names = new HashSet<>();
        Set<String> paths = new HashSet<>();
        for (ScenarioLine line : keys.get("members")) {
            String text = line.text();
            int arrow = text.indexOf("->");
            String head = (arrow < 0 ? text : text.substring(0, arrow)).strip();
            Matcher m = MEMBER.matcher(head);
            if (!m.matches()) {
                throw line.error("expected `name version at path [-> dependencies]`, found `" + text + "`");
            }
            PackageName name = ScenarioSyntax.name(line, m.group(1));
            List<Dependency> dependencies = arrow < 0 ? List.of()
                    : ScenarioSyntax.dependencies(line, text.substring(arrow + 2).strip(), name.value());
            if (!names.add(name) || name.equals(root.name()) && keys.containsKey("project")) {
                throw line.error("two members are named `" + name + "`");
            }
            if (!paths.add(m.group(3))) {
                throw line.error("two members are at `" + m.group(3) + "`");
            }
            members.add(new Workspace.Member(m.group(3), new Manifest(name, ScenarioSyntax.version(line, m.group(2)),
                    dependencies)));
        }
        Optional<Manifest> rootPackage = Optional.empty();
        if (keys.containsKey("project")) {
            rootPackage = Optional.of(root);
        } else if (!root.dependencies().isEmpty()) {
            throw keys.get("root").get(0).error("a workspace without `project:` has no package of its own to depend on anything",
                    "leave `root:` empty, or give the root a package with `project: NAME VERSION`");
        }
        Path dir = file.toAbsolutePath().getParent();
        return new Workspace(dir == null ? Path.of("").toAbsolutePath() : dir, rootPackage, members);
    }

    /** Splits the text into keys, each with its lines: the text after the colon, then the indented lines. */
    private static Map<String, List<ScenarioLine>> layout(Path file, String text) {
        Map<String, List<ScenarioLine>> keys = new LinkedHashMap<>();
        String[] lines = text.split("\r?\n", -1);
        List<ScenarioLine> current = null;
        String currentKey = null;
        for (int i = 0; i < lines.length; i++) {
            String raw = lines[i];
            int hash = raw.indexOf('#');
            String content = (hash < 0 ? raw : raw.substring(0, hash)).stripTrailing();
            if (content.isBlank()) {
                continue;
            }
            if (Character.isWhitespace(content.charAt(0))) {
                if (current == null) {
                    throw ScenarioLine.errorAt(file, "line " + (i + 1), "an indented line must follow a key",
                            "start the file with a key such as `registry:`");
                }
                current.add(new ScenarioLine(file, i + 1, content.strip()));
                continue;
            }
            checkNotEmpty(currentKey, current);
            Matcher m = KEY_LINE.matcher(content);
            if (!m.matches()) {
                throw ScenarioLine.errorAt(file, "line " + (i + 1), "expected `key: value`, found `" + content + "`");
            }
            String key = m.group(1);
            if (!KEYS.contains(key)) {
                throw ScenarioLine.errorAt(file, "line " + (i + 1), "unknown key `" + key + "`",
                        "keys are " + KEYS.stream().map(k -> "`" + k + "`").collect(Collectors.joining(", ")));
            }
            if (keys.containsKey(key)) {
                throw ScenarioLine.errorAt(file, "line " + (i + 1), "key `" + key + "` is given twice");
            }
            // The key line itself comes first, so that an empty value can still be reported at its line.
            current = new ArrayList<>();
            current.add(new ScenarioLine(file, i + 1, m.group(2).strip()));
            keys.put(key, current);
            currentKey = key;
        }
        checkNotEmpty(currentKey, current);
        for (String required : List.of("registry", "root", "expect")) {
            if (!keys.containsKey(required)) {
                throw ScenarioLine.errorAt(file, "end of file", "missing key `" + required + "`",
                        "every scenario has `registry:`, `root:` and `expect:`");
            }
        }
        // Drop the key lines' empty values; what is left are the lines holding the value.
        keys.replaceAll((k, v) -> v.stream().filter(l -> !l.text().isEmpty()).toList());
        return keys;
    }

    /** Keys whose value cannot be empty; `registry:`, `root:` and `options:` may be. */
    private static void checkNotEmpty(String key, List<ScenarioLine> current) {
        if (current == null || current.size() > 1 || !current.get(0).text().isEmpty()) {
            return;
        }
        if (key.equals("expect") || key.equals("project") || key.equals("description")) {
            throw current.get(0).error("`" + key + ":` is empty", switch (key) {
                case "expect" -> "write the expected selection, `nothing`, or `unsatisfiable`";
                case "project" -> "write the root's name and version, e.g. `project: app 1.0.0`, or leave the key out";
                default -> "say what the scenario shows, or leave the key out";
            });
        }
    }

    private static InMemoryIndex registry(String name, List<ScenarioLine> lines) {
        Map<PackageId, Release> releases = new LinkedHashMap<>();
        for (ScenarioLine line : lines) {
            for (Release release : ScenarioSyntax.registryEntry(line)) {
                if (releases.put(release.id(), release) != null) {
                    throw line.error("release `" + release.name() + " " + release.version() + "` is listed twice");
                }
            }
        }
        return new InMemoryIndex(name, releases.values());
    }

    private static Scenario.Expectation expectation(List<ScenarioLine> lines, InMemoryIndex registry) {
        ScenarioLine first = lines.get(0);
        String all = lines.stream().map(ScenarioLine::text).collect(Collectors.joining(", "));
        if (all.equals("nothing")) {
            return new Scenario.Solved(List.of());
        }
        if (all.startsWith("unsatisfiable")) {
            String rest = lines.stream().map(ScenarioLine::text).collect(Collectors.joining(" "))
                    .substring("unsatisfiable".length()).strip();
            if (rest.isEmpty()) {
                return new Scenario.Unsatisfiable(Set.of());
            }
            Matcher m = INVOLVING.matcher(rest);
            if (!m.matches()) {
                throw first.error("expected `unsatisfiable (involving NAME, ...)`, found `unsatisfiable " + rest + "`");
            }
            Set<PackageName> involving = new TreeSet<>();
            for (String item : ScenarioSyntax.items(first, m.group(1))) {
                involving.add(ScenarioSyntax.name(first, item));
            }
            return new Scenario.Unsatisfiable(involving);
        }
        Set<PackageId> selection = new TreeSet<>();
        for (ScenarioLine line : lines) {
            for (String item : ScenarioSyntax.items(line, line.text())) {
                PackageId id = ScenarioSyntax.nameAndVersion(line, item);
                boolean listed = registry.find(id.name()).map(l -> l.releases().stream()
                        .anyMatch(r -> r.version().equals(id.version()))).orElse(false);
                if (!listed) {
                    throw line.error("expected release `" + id.name() + " " + id.version() + "` is not in the registry");
                }
                if (!selection.add(id)) {
                    throw line.error("`" + id.name() + " " + id.version() + "` is expected twice");
                }
            }
        }
        return new Scenario.Solved(List.copyOf(selection));
    }

    private static CocoatlyException unreadable(Path path, IOException e) {
        return new CocoatlyException(ErrorKind.FAILED, "unreadable-scenario", "cannot read `" + path + "`: " + e.getMessage(),
                List.of("check that the path exists and is readable"), e);
    }
}
