package io.cocoatly.artifact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cocoatly.model.PackageId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What extraction accepts, and how it normalises what it accepts. */
class ArchiveExtractorTest {

    private static final PackageId ID = PackageId.of("demo", "1.0.0");

    @TempDir
    Path root;

    @Test
    void masksSetuidSetgidStickyAndGroupWriteBits() throws IOException {
        Path staging = extract(new TarBuilder()
                .file("bin/tool", bytes("#!/bin/sh\n"), 04775)
                .file("lib/data", bytes("d"), 02666)
                .file("lib/exec-by-others", bytes("e"), 0601)
                .dir("tmp", 01777));

        assertEquals("rwxr-xr-x", mode(staging.resolve("bin/tool")));
        assertEquals("rw-r--r--", mode(staging.resolve("lib/data")));
        assertEquals("rwxr-xr-x", mode(staging.resolve("lib/exec-by-others")));
        assertEquals("rwxr-xr-x", mode(staging.resolve("tmp")));
        assertEquals("rwxr-xr-x", mode(staging.resolve("bin")));
    }

    @Test
    void recordsEveryPathWithSizeDigestAndMode() throws IOException {
        ExtractedPackage pkg = new ArchiveExtractor(ExtractionLimits.defaults()).extract(ID,
                new TarBuilder().dir("./", 0755).file("./a/b.txt", "hello").file("run", bytes("x"), 0700)
                        .symlink("a/link", "b.txt").hardlink("copy", "a/b.txt")
                        .writeTo(root.resolve("p.tar.gz")),
                Files.createDirectory(root.resolve("staging")));

        Map<String, ExtractedFile> byPath = new TreeMap<>();
        pkg.files().forEach(f -> byPath.put(f.path(), f));
        assertEquals(List.of("a", "a/b.txt", "a/link", "copy", "run"), List.copyOf(byPath.keySet()));
        String helloSha = Checksums.of(write(root.resolve("hello"), "hello"), EnumSet.of(DigestAlgorithm.SHA256))
                .get(DigestAlgorithm.SHA256).orElseThrow();
        assertEquals(ExtractedFile.file("a/b.txt", 5, helloSha, 0644), byPath.get("a/b.txt"));
        assertEquals(ExtractedFile.file("copy", 5, helloSha, 0644), byPath.get("copy"));
        assertEquals(ExtractedFile.Kind.DIRECTORY, byPath.get("a").kind());
        assertEquals(Optional.of("b.txt"), byPath.get("a/link").linkTarget());
        assertEquals(0755, byPath.get("run").mode());
        assertEquals(11, pkg.totalBytes());
        Path staging = root.resolve("staging");
        assertTrue(Files.isSymbolicLink(staging.resolve("a/link")));
        assertEquals("hello", Files.readString(staging.resolve("a/link")));
        assertTrue(!Files.isSymbolicLink(staging.resolve("copy")) && Files.isRegularFile(staging.resolve("copy")));
    }

    @Test
    void acceptsSymlinksThatStayInsideEvenThroughOtherSymlinks() throws IOException {
        Path staging = extract(new TarBuilder().file("share/doc/readme", "r").symlink("docs", "share/doc")
                .symlink("bin/readme", "../docs/readme"));

        assertEquals("r", Files.readString(staging.resolve("bin/readme")));
    }

    @Test
    void theSmallestHeaderLimitStillReadsAnArchiveToItsEnd() throws IOException {
        Path archive = new TarBuilder().file("a", "1").file("b/" + "n".repeat(150), "2").writeTo(root.resolve("p.tar.gz"));
        ExtractionLimits tight = ExtractionLimits.defaults().withMaxHeaderBytes(ExtractionLimits.MIN_HEADER_BYTES);

        ExtractedPackage pkg = new ArchiveExtractor(tight).extract(ID, archive, Files.createDirectory(root.resolve("s")));
        assertEquals(3, pkg.files().size());
    }

    @Test
    void readsEveryGzipMemberOfOneTar() throws IOException {
        byte[] tar = new TarBuilder().file("a", "first").file("b/c", "second").file("d", "third").tar();
        int second = TarBuilder.headerOf(tar, "b/c");
        int end = TarBuilder.endOfEntries(tar);
        // Cut inside a header, inside data, between entries, and between the end-of-archive blocks.
        byte[] members = TarBuilder.gzipMembers(tar, second + 100, second + 512 + 3, TarBuilder.headerOf(tar, "d"),
                end + 512);

        ExtractedPackage pkg = extractBytes(members);

        assertEquals(List.of("a", "b", "b/c", "d"), pkg.files().stream().map(ExtractedFile::path).toList());
        assertEquals("third", Files.readString(root.resolve("staging/d")));
    }

    @Test
    void acceptsEndBlocksWithoutRecordPaddingAndZerosBeyondIt() throws IOException {
        byte[] tar = new TarBuilder().file("a", "1").tar();
        int end = TarBuilder.endOfEntries(tar);
        // Go's archive/tar writes the two end blocks and no padding; tape-blocked writers pad further.
        assertEquals(1, extractBytes(TarBuilder.gzip(Arrays.copyOf(tar, end + 1024))).files().size());
        Files.delete(root.resolve("staging/a"));
        Files.delete(root.resolve("staging"));
        assertEquals(1, extractBytes(TarBuilder.gzip(Arrays.copyOf(tar, tar.length + 40 * 1024))).files().size());
    }

    @Test
    void refusesAStagingDirectoryThatIsNotEmpty() throws IOException {
        Path staging = Files.createDirectory(root.resolve("staging"));
        write(staging.resolve("leftover"), "x");
        Path archive = new TarBuilder().file("a", "x").writeTo(root.resolve("p.tar.gz"));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ArchiveExtractor(ExtractionLimits.defaults()).extract(ID, archive, staging));
        assertEquals("staging must be empty: " + staging, e.getMessage());
        assertEquals("x", Files.readString(staging.resolve("leftover")));
    }

    private Path extract(TarBuilder b) throws IOException {
        Path staging = Files.createDirectory(root.resolve("staging"));
        new ArchiveExtractor(ExtractionLimits.defaults()).extract(ID, b.writeTo(root.resolve("p.tar.gz")), staging);
        return staging;
    }

    private ExtractedPackage extractBytes(byte[] archive) throws IOException {
        Path file = Files.write(root.resolve("p.tar.gz"), archive);
        return new ArchiveExtractor(ExtractionLimits.defaults()).extract(ID, file,
                Files.createDirectory(root.resolve("staging")));
    }

    static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static Path write(Path p, String s) throws IOException {
        Files.createDirectories(p.getParent());
        return Files.writeString(p, s);
    }
}
