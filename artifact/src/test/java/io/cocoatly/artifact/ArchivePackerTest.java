package io.cocoatly.artifact;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cocoatly.model.PackageId;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reproducible packing: same tree, same bytes; and extraction gives the tree back. */
class ArchivePackerTest {

    @TempDir
    Path root;

    @Test
    void packingTwiceGivesIdenticalBytesWhateverTheMtimesAndUmask() throws IOException {
        Path dir = sampleTree(root.resolve("pkg"));
        byte[] first = pack(dir);
        // Touch everything and loosen group bits: neither may change the archive.
        try (var walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Files.setLastModifiedTime(p, FileTime.from(Instant.parse("2031-05-06T07:08:09Z")));
            }
        }
        Files.setPosixFilePermissions(dir.resolve("cocoatly.json"), PosixFilePermissions.fromString("rw-rw-r--"));
        byte[] second = pack(dir);

        assertArrayEquals(first, second);
        Path copy = sampleTree(root.resolve("elsewhere/pkg-copy"));
        assertArrayEquals(first, pack(copy), "the directory's own name and location do not matter");
    }

    @Test
    void entriesAreSortedWithZeroMtimeOwnersAndNormalisedModes() throws IOException {
        byte[] archive = pack(sampleTree(root.resolve("pkg")));
        List<String> seen = new ArrayList<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(
                new java.io.ByteArrayInputStream(archive)), "UTF-8")) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                seen.add(e.getName() + " " + Integer.toOctalString(e.getMode()) + " " + e.getLastModifiedTime().toMillis()
                        + " " + e.getLongUserId() + "/" + e.getLongGroupId() + " '" + e.getUserName() + "'/'"
                        + e.getGroupName() + "'");
            }
        }
        assertEquals(List.of(
                "bin/ 40755 0 0/0 ''/''",
                "bin/run 100755 0 0/0 ''/''",
                "cocoatly.json 100644 0 0/0 ''/''",
                "lib/ 40755 0 0/0 ''/''",
                "lib/z.txt 100644 0 0/0 ''/''",
                "lib/ünïcode.txt 100644 0 0/0 ''/''"), seen);
        // gzip header: mtime 0 (bytes 4-7), OS unknown (byte 9), no optional fields (flags byte 3).
        assertEquals(0, archive[3]);
        assertEquals(0, archive[4] | archive[5] | archive[6] | archive[7]);
        assertEquals((byte) 255, archive[9]);
    }

    @Test
    void extractingAPackReproducesFilesAndModes() throws IOException {
        Path dir = sampleTree(root.resolve("pkg"));
        Path archive = root.resolve("out/pkg.tar.gz");
        ArchivePacker.pack(dir, archive);
        Path staging = Files.createDirectories(root.resolve("staging"));

        new ArchiveExtractor(ExtractionLimits.defaults()).extract(PackageId.of("pkg", "1.0.0"), archive, staging);

        Map<String, String> expected = FileSnapshot.of(dir);
        // Modes come back normalised: 0600 -> 0644, 0700 -> 0755.
        expected.put("cocoatly.json", expected.get("cocoatly.json").replace("rw-------", "rw-r--r--"));
        expected.put("bin/run", expected.get("bin/run").replace("rwx------", "rwxr-xr-x"));
        assertEquals(expected, FileSnapshot.of(staging));
    }

    @Test
    void thePackedArchiveIsReadableLikeAnyNewFile() throws IOException {
        assumeTrue(Files.getFileAttributeView(root, PosixFileAttributeView.class) != null);
        String plain = PosixFilePermissions.toString(Files.getPosixFilePermissions(Files.createFile(root.resolve("plain"))));
        Path archive = root.resolve("out/pkg.tar.gz");

        ArchivePacker.pack(sampleTree(root.resolve("pkg")), archive);

        assertEquals(plain, PosixFilePermissions.toString(Files.getPosixFilePermissions(archive)));
        try (var left = Files.list(root.resolve("out"))) {
            assertEquals(List.of(archive), left.toList(), "no temp file left beside it");
        }
    }

    @Test
    void refusesSymlinksInThePackedTree() throws IOException {
        Path dir = sampleTree(root.resolve("pkg"));
        Files.createSymbolicLink(dir.resolve("lib/link"), Path.of("z.txt"));

        ArchiveException e = assertThrows(ArchiveException.class, () -> pack(dir));
        assertEquals(ArchiveRule.UNPACKABLE_FILE, e.rule());
        assertEquals("lib/link", e.entry());
    }

    @Test
    void refusesNamesThatWouldCollideOnCaseInsensitiveDisks() throws IOException {
        Path dir = sampleTree(root.resolve("pkg"));
        Files.writeString(dir.resolve("lib/Z.txt"), "upper");

        ArchiveException e = assertThrows(ArchiveException.class, () -> pack(dir));
        assertEquals(ArchiveRule.CASE_COLLISION, e.rule());
    }

    private static Path sampleTree(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("bin"));
        Files.createDirectories(dir.resolve("lib"));
        Files.writeString(dir.resolve("cocoatly.json"), "{\"name\": \"pkg\", \"version\": \"1.0.0\"}\n");
        Files.setPosixFilePermissions(dir.resolve("cocoatly.json"), PosixFilePermissions.fromString("rw-------"));
        Files.writeString(dir.resolve("bin/run"), "#!/bin/sh\necho hi\n");
        Files.setPosixFilePermissions(dir.resolve("bin/run"), PosixFilePermissions.fromString("rwx------"));
        Files.writeString(dir.resolve("lib/z.txt"), "z".repeat(10_000));
        Files.writeString(dir.resolve("lib/ünïcode.txt"), "unicode name");
        return dir;
    }

    private static byte[] pack(Path dir) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ArchivePacker.pack(dir, out);
        return out.toByteArray();
    }
}
