package io.cocoatly.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cocoatly.artifact.ArchiveExtractor;
import io.cocoatly.artifact.ExtractedFile;
import io.cocoatly.artifact.ExtractionLimits;
import io.cocoatly.model.PackageId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random package trees: publishing one into two registries, from copies written in different
 * orders with different mtimes, gives identical bytes; and the archive unpacks to exactly the
 * files that are not hidden, with their contents and the right modes.
 */
class PublishPropertyTest {

    /** One file of a random package: path below the package root, bytes, owner-executable or not. */
    record Entry(String path, byte[] content, boolean executable) {
    }

    @Property(tries = 25)
    void publishingIsReproducibleAndFaithful(@ForAll("trees") List<Entry> entries) throws IOException {
        Path root = Files.createTempDirectory("publish-property");
        try {
            CliRunner cli = CliRunner.in(root);
            assertEquals(0, cli.run("keygen", "--out", "keys").exitCode());
            String key = root.resolve("keys/cocoatly.key").toString();
            write(root.resolve("a"), entries, 0);
            List<Entry> reversed = new ArrayList<>(entries);
            Collections.reverse(reversed);
            write(root.resolve("b"), reversed, 1_000_000_000L);
            for (String side : List.of("a", "b")) {
                assertEquals(0, cli.run("registry", "init", "reg-" + side, "--name", "r").exitCode());
                CliRunner.Result r = cli.run("publish", side, "--registry", "reg-" + side, "--key", key);
                assertEquals(0, r.exitCode(), r.err());
            }
            for (String file : List.of("index/pkg.json", "artifacts/pkg/pkg-1.0.0.tar.gz")) {
                assertArrayEquals(Files.readAllBytes(root.resolve("reg-a").resolve(file)),
                        Files.readAllBytes(root.resolve("reg-b").resolve(file)), file);
            }

            Path staging = Files.createDirectories(root.resolve("staging"));
            List<ExtractedFile> extracted = new ArchiveExtractor(ExtractionLimits.defaults()).extract(
                    PackageId.of("pkg", "1.0.0"), root.resolve("reg-a/artifacts/pkg/pkg-1.0.0.tar.gz"), staging).files();
            Map<String, Integer> modes = new TreeMap<>();
            for (ExtractedFile f : extracted) {
                if (f.kind() == ExtractedFile.Kind.FILE) {
                    modes.put(f.path(), f.mode());
                }
            }
            Map<String, Integer> expected = new TreeMap<>();
            expected.put("cocoatly.json", 0644);
            for (Entry e : entries) {
                if (!hidden(e.path())) {
                    expected.put(e.path(), e.executable() ? 0755 : 0644);
                    assertArrayEquals(e.content(), Files.readAllBytes(staging.resolve(e.path())), e.path());
                }
            }
            assertEquals(expected, modes);
        } finally {
            PackageFiles.delete(root);
        }
    }

    private static boolean hidden(String path) {
        return Stream.of(path.split("/")).anyMatch(PackageFiles::excluded);
    }

    private static void write(Path dir, List<Entry> entries, long mtime) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("cocoatly.json"), "{\"name\": \"pkg\", \"version\": \"1.0.0\"}\n");
        for (Entry e : entries) {
            Path file = dir.resolve(e.path());
            Files.createDirectories(file.getParent());
            Files.write(file, e.content());
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(e.executable() ? "rwxr-x---" : "rw-r-----"));
            Files.setLastModifiedTime(file, FileTime.fromMillis(mtime + e.content().length));
        }
    }

    @Provide
    Arbitrary<List<Entry>> trees() {
        // Directory and file names come from separate sets, so no path is both a file and a directory.
        Arbitrary<String> directory = Arbitraries.of("src", "lib", "bin", ".git", ".cache", "é", "data-1");
        Arbitrary<String> fileName = Arbitraries.of("a", "b.txt", "run.sh", "README.md", ".env", ".swp", "naïve.txt");
        Arbitrary<String> path = Combinators.combine(directory.list().ofMaxSize(2), fileName)
                .as((dirs, name) -> dirs.isEmpty() ? name : String.join("/", dirs) + "/" + name);
        Arbitrary<Entry> entry = Combinators.combine(path, Arbitraries.bytes().array(byte[].class).ofMaxSize(3000),
                Arbitraries.of(true, false)).as(Entry::new);
        return entry.list().ofMaxSize(12).uniqueElements(Entry::path);
    }
}
