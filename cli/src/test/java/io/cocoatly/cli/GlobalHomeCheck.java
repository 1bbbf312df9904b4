package io.cocoatly.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cocoatly.testkit.FileTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * An independent check that a home's global installation is consistent, written for the crash
 * tests without any of the code under test: the files are read with Jackson and the disk with
 * {@code java.nio}, following {@code docs/config.md} (the home's table, {@code state.json}, the
 * global installation). Packages in these tests have no dependencies, so every installed package
 * is a requirement and {@code global.json} must name exactly the installed ones.
 *
 * <p>{@link #problems} lists what is wrong, empty when the home is consistent:
 * <ul>
 *   <li>{@code global.json}'s names are {@code state.json}'s, and each requirement ({@code *} or an
 *       exact version) admits the version installed;
 *   <li>{@code global-lock.json} locks every installed package at its installed version (it may lock
 *       more: an uninstall keeps its preferences);
 *   <li>every recorded package is at {@code <install_dir>/<name>/<version>} with exactly its
 *       recorded files, sizes, sha256 digests and link targets;
 *   <li>the install directory holds nothing but recorded {@code <name>/<version>} directories and its
 *       marker: no unrecorded version, no staging or moved-aside copy;
 *   <li>no journal, no {@code *.tmp} file in the home, nothing in {@code <home>/tmp}.
 * </ul>
 */
final class GlobalHomeCheck {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INSTALL_DIR_MARKER = ".cocoatly-packages";

    private final Path home;

    /** @param home a home whose install directory is the default {@code <home>/packages} */
    GlobalHomeCheck(Path home) {
        this.home = home;
    }

    /** One installed package as {@code state.json} records it. */
    record Installed(String version, String digest) {
    }

    /** {@code state.json}'s packages by name (these tests install one version per name); empty without the file. */
    SortedMap<String, Installed> installed() throws IOException {
        SortedMap<String, Installed> found = new TreeMap<>();
        for (JsonNode p : read(home.resolve("state.json")).path("packages")) {
            found.put(p.get("name").asText(), new Installed(p.get("version").asText(), p.get("digest").asText()));
        }
        return found;
    }

    /** {@code global.json}'s requirements, name to requirement text. */
    SortedMap<String, String> required() throws IOException {
        SortedMap<String, String> found = new TreeMap<>();
        read(home.resolve("global.json")).path("dependencies").fields()
                .forEachRemaining(e -> found.put(e.getKey(), e.getValue().asText()));
        return found;
    }

    /** {@code global-lock.json}'s packages, name to version. */
    SortedMap<String, String> locked() throws IOException {
        SortedMap<String, String> found = new TreeMap<>();
        for (JsonNode p : read(home.resolve("global-lock.json")).path("packages")) {
            found.put(p.get("name").asText(), p.get("version").asText());
        }
        return found;
    }

    /** The {@code name@version}s a journal ({@code global-journal.json}) says its commit records. */
    static Set<String> journalPackages(Path journal) throws IOException {
        Set<String> ids = new TreeSet<>();
        read(journal).path("installed").forEach(id -> ids.add(id.asText()));
        return ids;
    }

    /** The {@code name@version}s of {@code installed}. */
    static Set<String> ids(Map<String, Installed> installed) {
        Set<String> ids = new TreeSet<>();
        installed.forEach((name, i) -> ids.add(name + "@" + i.version()));
        return ids;
    }

    /** What is inconsistent in the home; empty if nothing. */
    List<String> problems() throws IOException {
        List<String> problems = new ArrayList<>();
        SortedMap<String, Installed> installed = installed();
        SortedMap<String, String> required = required();
        if (!required.keySet().equals(installed.keySet())) {
            problems.add("global.json names " + required.keySet() + ", state.json records " + installed.keySet());
        }
        required.forEach((name, requirement) -> {
            Installed i = installed.get(name);
            if (i != null && !requirement.equals("*") && !requirement.equals(i.version())) {
                problems.add("global.json requires " + name + " " + requirement + ", " + i.version() + " is installed");
            }
        });
        SortedMap<String, String> locked = locked();
        installed.forEach((name, i) -> {
            if (!i.version().equals(locked.get(name))) {
                problems.add("global-lock.json locks " + name + " at " + locked.get(name) + ", " + i.version() + " is installed");
            }
        });
        checkPackages(problems);
        checkLeftovers(problems);
        return problems;
    }

    private void checkPackages(List<String> problems) throws IOException {
        Path installDir = home.resolve("packages");
        List<String> recordedPaths = new ArrayList<>();
        for (JsonNode p : read(home.resolve("state.json")).path("packages")) {
            String id = p.get("name").asText() + "@" + p.get("version").asText();
            Path path = installDir.resolve(p.get("name").asText()).resolve(p.get("version").asText());
            recordedPaths.add(installDir.relativize(path).toString());
            if (!path.toString().equals(p.get("install_path").asText())) {
                problems.add(id + ": install_path " + p.get("install_path") + " is not " + path);
                continue;
            }
            Map<String, String> recorded = new TreeMap<>();
            for (JsonNode f : p.get("files")) {
                String type = f.get("type").asText();
                if (!type.equals("dir")) {
                    recorded.put(f.get("path").asText(), type.equals("file")
                            ? "file " + f.get("size").asLong() + " " + f.get("sha256").asText()
                            : "link " + f.get("target").asText());
                }
            }
            Map<String, String> onDisk = Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS) ? FileTree.describe(path) : Map.of();
            if (!recorded.equals(onDisk)) {
                problems.add(id + " on disk is not as recorded: recorded " + recorded + ", found " + onDisk);
            }
        }
        if (!Files.isDirectory(installDir)) {
            return;
        }
        for (Path entry : list(installDir)) {
            String name = entry.getFileName().toString();
            if (name.equals(INSTALL_DIR_MARKER)) {
                continue;
            }
            if (name.startsWith(".") || !Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                problems.add("left in the install directory: " + entry);
                continue;
            }
            List<Path> versions = list(entry);
            if (versions.isEmpty()) {
                problems.add("an empty package directory: " + entry);
            }
            for (Path version : versions) {
                if (!recordedPaths.contains(installDir.relativize(version).toString())) {
                    problems.add("a package directory state.json does not record: " + version);
                }
            }
        }
    }

    private void checkLeftovers(List<String> problems) throws IOException {
        for (Path entry : list(home)) {
            String name = entry.getFileName().toString();
            if (name.equals("global-journal.json") || name.endsWith(".tmp")) {
                problems.add("left in the home: " + entry);
            }
        }
        if (Files.isDirectory(home.resolve("tmp")) && !list(home.resolve("tmp")).isEmpty()) {
            problems.add("left in " + home.resolve("tmp") + ": " + list(home.resolve("tmp")));
        }
    }

    private static JsonNode read(Path file) throws IOException {
        return Files.exists(file) ? JSON.readTree(file.toFile()) : JSON.createObjectNode();
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.sorted().toList();
        }
    }
}
