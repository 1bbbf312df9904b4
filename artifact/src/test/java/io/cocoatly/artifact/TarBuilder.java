package io.cocoatly.artifact;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/** Builds (possibly hostile) tar.gz archives in memory for tests, entry by entry. */
final class TarBuilder {

    private final ByteArrayOutputStream tarBytes = new ByteArrayOutputStream();
    private final TarArchiveOutputStream tar;

    TarBuilder() {
        tar = new TarArchiveOutputStream(tarBytes, "UTF-8");
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        tar.setAddPaxHeadersForNonAsciiNames(true);
    }

    TarBuilder file(String name, String content) {
        return file(name, content.getBytes(StandardCharsets.UTF_8), 0644);
    }

    TarBuilder file(String name, byte[] content, int mode) {
        TarArchiveEntry e = new TarArchiveEntry(name, true);
        e.setMode(mode);
        e.setSize(content.length);
        return entry(e, content);
    }

    TarBuilder dir(String name, int mode) {
        TarArchiveEntry e = new TarArchiveEntry(name.endsWith("/") ? name : name + "/", true);
        e.setMode(mode);
        return entry(e, new byte[0]);
    }

    TarBuilder symlink(String name, String target) {
        TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_SYMLINK, true);
        e.setLinkName(target);
        return entry(e, new byte[0]);
    }

    TarBuilder hardlink(String name, String target) {
        TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_LINK, true);
        e.setLinkName(target);
        return entry(e, new byte[0]);
    }

    TarBuilder typed(String name, byte flag) {
        return entry(new TarArchiveEntry(name, flag, true), new byte[0]);
    }

    TarBuilder withPax(String name, String content, Map<String, String> pax) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry e = new TarArchiveEntry(name, true);
        e.setSize(bytes.length);
        pax.forEach(e::addPaxHeader);
        return entry(e, bytes);
    }

    TarBuilder entry(TarArchiveEntry e, byte[] content) {
        try {
            tar.putArchiveEntry(e);
            tar.write(content);
            tar.closeArchiveEntry();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return this;
    }

    /** The uncompressed tar stream. */
    byte[] tar() {
        try {
            tar.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return tarBytes.toByteArray();
    }

    byte[] tarGz() {
        return gzip(tar());
    }

    Path writeTo(Path file) {
        try {
            Files.write(file, tarGz());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /**
     * The tar stream cut at {@code cuts} (ascending offsets), each piece gzipped as a member of its
     * own and the members concatenated, as {@code cat a.gz b.gz}, pigz or bgzip would.
     */
    static byte[] gzipMembers(byte[] data, int... cuts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int from = 0;
        for (int i = 0; i <= cuts.length; i++) {
            int to = i < cuts.length ? cuts[i] : data.length;
            out.writeBytes(gzip(Arrays.copyOfRange(data, from, to)));
            from = to;
        }
        return out.toByteArray();
    }

    /**
     * Where the entries of {@code tar} end and its end-of-archive blocks begin, found by walking the
     * headers and skipping each entry's data (PAX and GNU long-name records are entries here too).
     */
    static int endOfEntries(byte[] tar) {
        int offset = 0;
        while (offset + 512 <= tar.length && !isZeroBlock(tar, offset)) {
            offset = nextHeader(tar, offset);
        }
        return offset;
    }

    /**
     * Offset of the header block whose name field is {@code name}: the entry's own header, after any
     * PAX header the writer put before it (commons-compress adds one for sub-second mtimes).
     */
    static int headerOf(byte[] tar, String name) {
        for (int offset = 0; offset < endOfEntries(tar); offset = nextHeader(tar, offset)) {
            if (new String(tar, offset, 100, StandardCharsets.UTF_8).replace("\0", "").equals(name)) {
                return offset;
            }
        }
        throw new IllegalArgumentException("no header named " + name);
    }

    private static int nextHeader(byte[] tar, int header) {
        String size = new String(tar, header + 124, 12, StandardCharsets.US_ASCII).replace("\0", "").trim();
        long bytes = size.isEmpty() ? 0 : Long.parseLong(size, 8);
        return header + 512 + (int) ((bytes + 511) / 512 * 512);
    }

    private static boolean isZeroBlock(byte[] tar, int offset) {
        for (int i = offset; i < offset + 512; i++) {
            if (tar[i] != 0) {
                return false;
            }
        }
        return true;
    }

    static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GzipCompressorOutputStream gz = new GzipCompressorOutputStream(out)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
