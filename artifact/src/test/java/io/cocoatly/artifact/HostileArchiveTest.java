package io.cocoatly.artifact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cocoatly.model.PackageId;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile archives, each built entry by entry, each refused as a whole: the error names the entry
 * and the rule, staging is left empty, and nothing outside staging changed.
 */
class HostileArchiveTest {

    private static final PackageId ID = PackageId.of("evil", "1.0.0");
    private static final ExtractionLimits DEFAULTS = ExtractionLimits.defaults();

    @TempDir
    Path root;

    record Case(byte[] archive, ExtractionLimits limits, String entry, ArchiveRule rule) {
        Arguments arguments(String title) {
            return Arguments.of(title, this);
        }
    }

    static Stream<Arguments> cases() {
        String nfc = Normalizer.normalize("café", Normalizer.Form.NFC);
        String nfd = Normalizer.normalize("café", Normalizer.Form.NFD);
        byte[] zeros = new byte[4 << 20];
        return Stream.concat(Stream.of(
                of("absolute path", new TarBuilder().file("/etc/cron.d/evil", "x"), "/etc/cron.d/evil",
                        ArchiveRule.ABSOLUTE_PATH),
                of("parent escape", new TarBuilder().file("../evil", "x"), "../evil", ArchiveRule.PARENT_TRAVERSAL),
                of("nested parent escape", new TarBuilder().file("ok/fine", "x").file("a/b/../../../evil", "x"),
                        "a/b/../../../evil", ArchiveRule.PARENT_TRAVERSAL),
                of("parent inside package", new TarBuilder().file("a/../b", "x"), "a/../b", ArchiveRule.PARENT_TRAVERSAL),
                of("drive letter", new TarBuilder().file("C:/Windows/evil", "x"), "C:/Windows/evil",
                        ArchiveRule.DRIVE_LETTER),
                of("drive-relative", new TarBuilder().file("c:evil", "x"), "c:evil", ArchiveRule.DRIVE_LETTER),
                of("NUL in a PAX path", new TarBuilder().file("x".repeat(120) + "\0.sh", "x"),
                        "x".repeat(120) + "\0.sh", ArchiveRule.NUL_IN_NAME),
                of("control character", new TarBuilder().file("a\nb", "x"), "a\nb", ArchiveRule.CONTROL_CHARACTER),
                of("backslash", new TarBuilder().file("..\\..\\evil", "x"), "..\\..\\evil", ArchiveRule.BACKSLASH),
                of("case collision", new TarBuilder().file("README", "a").file("readme", "b"), "readme",
                        ArchiveRule.CASE_COLLISION),
                of("case collision of directories", new TarBuilder().file("Lib/a", "a").file("lib/b", "b"),
                        "lib/b", ArchiveRule.CASE_COLLISION),
                of("NFC/NFD collision", new TarBuilder().file(nfc, "a").file(nfd, "b"), nfd,
                        ArchiveRule.NORMALIZATION_COLLISION),
                of("duplicate entry", new TarBuilder().file("a", "1").file("a", "2"), "a", ArchiveRule.DUPLICATE_ENTRY),
                of("file then directory of the same name", new TarBuilder().file("a", "1").file("a/b", "2"), "a/b",
                        ArchiveRule.PARENT_NOT_DIRECTORY),
                of("symlink absolute", new TarBuilder().symlink("etc", "/etc"), "etc", ArchiveRule.SYMLINK_ABSOLUTE),
                of("symlink escaping", new TarBuilder().symlink("d/up", "../../outside"), "d/up",
                        ArchiveRule.SYMLINK_ESCAPE),
                of("symlink escaping through another symlink",
                        new TarBuilder().symlink("d/s", "..").symlink("t", "d/s/.."), "t", ArchiveRule.SYMLINK_ESCAPE),
                of("symlink escaping through a later symlink",
                        new TarBuilder().file("d/f", "x").symlink("t", "d/s/../..").symlink("d/s", "."), "t",
                        ArchiveRule.SYMLINK_ESCAPE),
                of("symlink loop", new TarBuilder().symlink("a", "b").symlink("b", "a"), "a", ArchiveRule.SYMLINK_LOOP),
                of("write through a symlink", new TarBuilder().dir("b", 0755).symlink("a", "b").file("a/x", "x"),
                        "a/x", ArchiveRule.WRITE_THROUGH_SYMLINK),
                of("write through a dangling symlink", new TarBuilder().symlink("a", "b/").file("a/x", "x"), "a/x",
                        ArchiveRule.WRITE_THROUGH_SYMLINK),
                of("hardlink to nothing", new TarBuilder().hardlink("h", "missing"), "h", ArchiveRule.HARDLINK_TARGET),
                of("hardlink outside", new TarBuilder().hardlink("h", "../../etc/passwd"), "h",
                        ArchiveRule.HARDLINK_TARGET),
                of("hardlink absolute", new TarBuilder().hardlink("h", "/etc/passwd"), "h", ArchiveRule.HARDLINK_TARGET),
                of("hardlink to a later entry", new TarBuilder().hardlink("h", "f").file("f", "x"), "h",
                        ArchiveRule.HARDLINK_TARGET),
                of("hardlink to a directory", new TarBuilder().dir("d", 0755).hardlink("h", "d"), "h",
                        ArchiveRule.HARDLINK_TARGET),
                of("hardlink through a symlink", new TarBuilder().file("d/f", "x").symlink("s", "d").hardlink("h", "s/f"),
                        "h", ArchiveRule.HARDLINK_TARGET),
                of("character device", new TarBuilder().typed("null", TarConstants.LF_CHR), "null",
                        ArchiveRule.SPECIAL_FILE),
                of("block device", new TarBuilder().typed("sda", TarConstants.LF_BLK), "sda", ArchiveRule.SPECIAL_FILE),
                of("FIFO", new TarBuilder().typed("pipe", TarConstants.LF_FIFO), "pipe", ArchiveRule.SPECIAL_FILE),
                of("unknown entry type", new TarBuilder().typed("vol", (byte) 'V'), "vol", ArchiveRule.UNSUPPORTED_ENTRY),
                new Case(numbered(6), DEFAULTS.withMaxEntries(5), "f5", ArchiveRule.TOO_MANY_ENTRIES).arguments("too many entries"),
                new Case(new TarBuilder().file("small", new byte[600], 0644).file("big", new byte[600], 0644).tarGz(),
                        DEFAULTS.withMaxTotalBytes(1000), "big", ArchiveRule.TOTAL_SIZE).arguments("too large in total"),
                new Case(new TarBuilder().file("f", new byte[600], 0644).hardlink("h1", "f").tarGz(),
                        DEFAULTS.withMaxTotalBytes(1000), "h1", ArchiveRule.TOTAL_SIZE).arguments("hardlink copies count"),
                new Case(new TarBuilder().file("d/" + "n".repeat(60), "x").tarGz(), DEFAULTS.withMaxPathBytes(50),
                        "d/" + "n".repeat(60), ArchiveRule.PATH_TOO_LONG).arguments("path too long"),
                new Case(new TarBuilder().symlink("l", "d/".repeat(40) + "f").tarGz(), DEFAULTS.withMaxPathBytes(50),
                        "l", ArchiveRule.PATH_TOO_LONG).arguments("symlink target too long"),
                of("component too long", new TarBuilder().file("c".repeat(300), "x"), "c".repeat(300),
                        ArchiveRule.PATH_TOO_LONG),
                new Case(new TarBuilder().file("a/b/c/d/e", "x").tarGz(), DEFAULTS.withMaxDepth(4), "a/b/c/d/e",
                        ArchiveRule.TOO_DEEP).arguments("too deep"),
                new Case(new TarBuilder().file("ok", "x").withPax("p", "x", Map.of("comment", "z".repeat(200_000)))
                        .tarGz(), DEFAULTS.withMaxHeaderBytes(16 * 1024), "#2", ArchiveRule.HEADER_TOO_LARGE)
                        .arguments("huge PAX header"),
                new Case(new TarBuilder().file("zeros", zeros, 0644).tarGz(),
                        DEFAULTS.withCompressionRatio(50, 64 * 1024), "zeros", ArchiveRule.COMPRESSION_RATIO)
                        .arguments("gzip bomb ratio"),
                new Case(new TarBuilder().file("a", "x").tar(), DEFAULTS, "#0", ArchiveRule.MALFORMED_ARCHIVE)
                        .arguments("tar without gzip (no format detection)"),
                new Case(truncated(new TarBuilder().file("a", random(100_000), 0644).tarGz()), DEFAULTS, "a",
                        ArchiveRule.MALFORMED_ARCHIVE).arguments("truncated gzip")), malformed());
    }

    /**
     * Streams that are not one whole gzip-compressed tar: each would install as a partial or empty
     * package if the reader stopped where it stopped understanding. GNU tar, Python's tarfile and
     * Go's archive/tar refuse them too.
     */
    private static Stream<Arguments> malformed() {
        byte[] two = new TarBuilder().file("a", "1").file("b", "2").tar();
        int second = TarBuilder.headerOf(two, "b");
        int end = TarBuilder.endOfEntries(two);
        byte[] pax = new TarBuilder().withPax("p", "x", Map.of("comment", "c")).tar();
        return Stream.of(
                malformed("two whole tars in two gzip members (cat a.tar.gz b.tar.gz)",
                        concat(new TarBuilder().file("a", "1").tarGz(), new TarBuilder().file("b", "2").tarGz()), "#2"),
                malformed("two whole tars in one gzip member (cat a.tar b.tar | gzip)",
                        TarBuilder.gzip(concat(new TarBuilder().file("a", "1").tar(), new TarBuilder().file("b", "2").tar())),
                        "#2"),
                malformed("garbage after the last gzip member",
                        concat(TarBuilder.gzip(two), "garbage".getBytes(StandardCharsets.US_ASCII)), "#3"),
                malformed("a header checksum that does not match", TarBuilder.gzip(flip(two, second)), "#2"),
                malformed("a PAX header checksum that does not match", TarBuilder.gzip(flip(pax, 0)), "#1"),
                malformed("plain text", TarBuilder.gzip("not a tar at all\n".repeat(100).getBytes(StandardCharsets.US_ASCII)),
                        "#1"),
                malformed("plain text shorter than a header", TarBuilder.gzip("hello\n".getBytes(StandardCharsets.US_ASCII)),
                        "#1"),
                malformed("a zip inside the gzip", TarBuilder.gzip(zip("a", "1")), "#1"),
                malformed("a gzip inside the gzip", TarBuilder.gzip(TarBuilder.gzip(two)), "#1"),
                malformed("an empty gzip", TarBuilder.gzip(new byte[0]), "#1"),
                malformed("a tar without end-of-archive blocks", TarBuilder.gzip(Arrays.copyOf(two, end)), "#3"),
                malformed("a tar with one of its two end-of-archive blocks",
                        TarBuilder.gzip(Arrays.copyOf(two, end + 512)), "#3"),
                malformed("a tar cut inside a header", TarBuilder.gzip(Arrays.copyOf(two, second + 100)), "#2"),
                malformed("a tar cut inside an entry's data", TarBuilder.gzip(Arrays.copyOf(two, second + 512)), "b"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void refusesTheWholePackage(String title, Case c) throws IOException {
        Path staging = Files.createDirectories(root.resolve("work/staging"));
        Files.writeString(Files.createDirectories(root.resolve("outside")).resolve("keep.txt"), "precious");
        Path archive = Files.write(root.resolve("evil.tar.gz"), c.archive);
        Map<String, String> before = FileSnapshot.of(root);

        ArchiveException e = assertThrows(ArchiveException.class,
                () -> new ArchiveExtractor(c.limits).extract(ID, archive, staging));

        assertEquals(c.rule, e.rule(), e.getMessage());
        assertEquals(c.entry, e.entry(), e.getMessage());
        assertEquals("unsafe-archive", e.code());
        assertTrue(e.getMessage().contains("`evil@1.0.0`"), e.getMessage());
        assertTrue(e.getMessage().contains("rule `" + c.rule.id() + "`"), e.getMessage());
        assertTrue(e.getMessage().contains("entry `" + EntryNames.display(c.entry) + "`"), e.getMessage());
        assertEquals(before, FileSnapshot.of(root), "nothing changed outside staging, nothing kept inside it");
        try (Stream<Path> left = Files.list(staging)) {
            assertEquals(0, left.count());
        }
    }

    private static Arguments of(String title, TarBuilder b, String entry, ArchiveRule rule) {
        return new Case(b.tarGz(), DEFAULTS, entry, rule).arguments(title);
    }

    private static Arguments malformed(String title, byte[] archive, String entry) {
        return new Case(archive, DEFAULTS, entry, ArchiveRule.MALFORMED_ARCHIVE).arguments(title);
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] out = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, out, first.length, second.length);
        return out;
    }

    /** A copy with one bit of the byte at {@code offset} flipped, leaving the header checksum as it was. */
    private static byte[] flip(byte[] bytes, int offset) {
        byte[] copy = bytes.clone();
        copy[offset] ^= 0x01;
        return copy;
    }

    private static byte[] zip(String name, String content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry(name));
            zip.write(content.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] numbered(int n) {
        TarBuilder b = new TarBuilder();
        for (int i = 0; i < n; i++) {
            b.file("f" + i, "x" + i);
        }
        return b.tarGz();
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new java.util.Random(n).nextBytes(b);
        return b;
    }

    private static byte[] truncated(byte[] gz) {
        return Arrays.copyOf(gz, gz.length / 2);
    }
}
