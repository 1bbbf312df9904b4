package io.cocoatly.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A project and a registry in a temp dir, both written from short lines, for lockfile tests.
 *
 * <p>A release is {@code name version [yanked] [artifact:TOKEN] [-> dep req; dep req]}, e.g.
 * {@code "http 1.3.0 artifact:v1 -> tls ^2.0; log ^0.4"}; the artifact's checksum is the SHA-256 of
 * TOKEN, so changing the token changes the checksum. The manifest is {@code "dep req; dep req"}.
 */
final class TestProject {

    private final Path dir;
    private final Map<String, String> releases = new TreeMap<>();

    private TestProject(Path dir) {
        this.dir = dir;
    }

    /** An empty registry {@code tiny} in {@code dir/registry} and a project {@code app 1.0.0} in {@code dir/app}. */
    static TestProject in(Path dir) {
        TestProject p = new TestProject(dir);
        PublishFixture.write(dir.resolve("registry/registry.json"), "{\"format\": 1, \"name\": \"tiny\"}\n");
        p.manifest("");
        return p;
    }

    /** Adds or replaces releases, then rewrites the index. */
    TestProject publish(String... lines) {
        for (String line : lines) {
            String[] head = line.split("->")[0].trim().split("\\s+");
            releases.put(head[0] + "@" + head[1], line);
        }
        writeIndex();
        return this;
    }

    /** Removes a release from the registry. */
    TestProject unpublish(String name, String version) {
        releases.remove(name + "@" + version);
        writeIndex();
        return this;
    }

    TestProject manifest(String dependencies) {
        StringBuilder json = new StringBuilder("{\"name\": \"app\", \"version\": \"1.0.0\", \"dependencies\": {");
        String sep = "";
        for (String d : dependencies.split(";")) {
            String t = d.trim();
            if (!t.isEmpty()) {
                int space = t.indexOf(' ');
                json.append(sep).append('"').append(t, 0, space).append("\": \"").append(t.substring(space + 1).trim())
                        .append('"');
                sep = ", ";
            }
        }
        PublishFixture.write(project().resolve("cocoatly.json"), json.append("}}\n").toString());
        return this;
    }

    Path project() {
        return dir.resolve("app");
    }

    Path registry() {
        return dir.resolve("registry");
    }

    Path lockfilePath() {
        return project().resolve("cocoatly-lock.json");
    }

    /** Runs the CLI in the project directory with this registry in {@code COCOATLY_REGISTRY}. */
    CliRunner.Result run(String... args) {
        return new CliRunner(project(), Map.of("COCOATLY_REGISTRY", registry().toString())).run(args);
    }

    String lockfile() {
        try {
            return Files.readString(lockfilePath(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The lockfile with this registry's location (a temp dir) as {@code file:///REGISTRY/}, for golden files. */
    String maskedLockfile() {
        return maskRegistry(lockfile(), registry());
    }

    /** {@code text} with the {@code file:} URL of {@code registry}, as lockfiles record it, as {@code file:///REGISTRY/}. */
    static String maskRegistry(String text, Path registry) {
        String url = registry.toAbsolutePath().normalize().toUri().toString();
        return text.replace(url.endsWith("/") ? url : url + "/", "file:///REGISTRY/");
    }

    private void writeIndex() {
        Map<String, List<String>> byName = new TreeMap<>();
        for (String line : releases.values()) {
            byName.computeIfAbsent(line.trim().split("\\s+")[0], k -> new ArrayList<>()).add(release(line));
        }
        try (Stream<Path> old = Files.exists(registry().resolve("index")) ? Files.list(registry().resolve("index"))
                : Stream.empty()) {
            for (Path f : old.toList()) {
                Files.delete(f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byName.forEach((name, versions) -> PublishFixture.write(registry().resolve("index/" + name + ".json"),
                "{\"name\": \"" + name + "\", \"versions\": [\n  " + String.join(",\n  ", versions) + "\n]}\n"));
    }

    private static String release(String line) {
        String[] parts = line.split("->", 2);
        String[] head = parts[0].trim().split("\\s+");
        StringBuilder json = new StringBuilder("{\"version\": \"" + head[1] + "\"");
        for (int i = 2; i < head.length; i++) {
            if (head[i].equals("yanked")) {
                json.append(", \"yanked\": true");
            } else if (head[i].startsWith("artifact:")) {
                json.append(", \"artifact\": {\"url\": \"artifacts/").append(head[0]).append('-').append(head[1])
                        .append(".tar.gz\", \"size\": 1024, \"checksums\": {\"sha256\": \"")
                        .append(sha256(head[i].substring("artifact:".length()))).append("\"}}");
            } else {
                throw new IllegalArgumentException("unknown flag in " + line);
            }
        }
        json.append(", \"dependencies\": {");
        String sep = "";
        if (parts.length > 1) {
            for (String d : parts[1].split(";")) {
                String t = d.trim();
                if (!t.isEmpty()) {
                    int space = t.indexOf(' ');
                    json.append(sep).append('"').append(t, 0, space).append("\": \"")
                            .append(t.substring(space + 1).trim()).append('"');
                    sep = ", ";
                }
            }
        }
        return json.append("}}").toString();
    }

    private static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
