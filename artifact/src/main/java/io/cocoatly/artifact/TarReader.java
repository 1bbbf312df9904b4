package io.cocoatly.artifact;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.tar.TarUtils;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Reads a {@code .tar.gz} as one whole tar or not at all: gzip (every member, RFC 1952 section 2.2)
 * under the {@link GuardedInputStream} under the tar reader, plus the framing checks the tar reader
 * leaves out.
 *
 * <p>commons-compress stops quietly where a truncated stream ends, accepts headers whose checksum
 * does not match, and reads nothing after the end-of-archive marker. Each of these would install
 * part of a package, or an empty one from a file that is not a tar at all. So, as GNU tar does,
 * every header's checksum is verified; the archive must end with its two zero blocks (POSIX
 * ustar); after them only zeros may follow, up to the end of the last gzip member; and nothing may
 * follow that member.
 */
final class TarReader {

    private final ExtractionLimits limits;
    private final GuardedInputStream guard;
    private final CheckedTar tar;

    /** @throws IOException if {@code raw} does not start with a gzip header */
    TarReader(InputStream raw, ExtractionLimits limits) throws IOException {
        this.limits = limits;
        GzipCompressorInputStream gzip = new GzipCompressorInputStream(new BufferedInputStream(raw, 64 * 1024), true);
        this.guard = new GuardedInputStream(gzip, limits, gzip::getCompressedCount);
        this.tar = new CheckedTar(guard);
    }

    /**
     * The next entry, its headers counted against the header limit; {@code null} once the archive
     * has ended properly and everything after its end was found to be zero padding.
     *
     * @throws IOException if the archive is malformed; a {@link ReadRefusal} among the causes names
     *                     the rule
     */
    TarArchiveEntry next() throws IOException {
        guard.beginHeader();
        TarArchiveEntry entry = tar.getNextEntry();
        guard.endHeader();
        if (entry == null) {
            readPadding();
        }
        return entry;
    }

    /** Reads the current entry's data, as {@link InputStream#read(byte[], int, int)}. */
    int read(byte[] buffer, int off, int len) throws IOException {
        return tar.read(buffer, off, len);
    }

    /**
     * Reads the rest of the stream, which the guard checks to be zeros and gzip to end with its
     * last member. Zeros are limited like any other data, so padding cannot be a bomb either.
     */
    private void readPadding() throws IOException {
        byte[] buffer = new byte[8192];
        long padding = 0;
        int n;
        while ((n = guard.read(buffer, 0, buffer.length)) >= 0) {
            padding += n;
            if (padding > limits.maxTotalBytes()) {
                throw new ReadRefusal(ArchiveRule.TOTAL_SIZE, "more than " + limits.maxTotalBytes()
                        + " bytes of padding after the end-of-archive blocks");
            }
        }
    }

    /**
     * The tar reader with every header record checked. All header records, and only they, pass
     * through {@link #readRecord()}: entry data, PAX records and GNU long names are read as data.
     */
    private static final class CheckedTar extends TarArchiveInputStream {
        /** In an old GNU sparse header: whether sparse extension records follow it. */
        private static final int OLD_GNU_IS_EXTENDED = 482;
        /** In a sparse extension record: whether another one follows it. */
        private static final int EXTENSION_IS_EXTENDED = 504;

        private final GuardedInputStream guard;
        private int zeroBlocks;
        private boolean sparseExtensionNext;

        CheckedTar(GuardedInputStream guard) {
            super(guard, "UTF-8");
            this.guard = guard;
        }

        @Override
        protected byte[] readRecord() throws IOException {
            long before = guard.total();
            byte[] record = super.readRecord();
            if (record == null) {
                throw new ReadRefusal(ArchiveRule.MALFORMED_ARCHIVE, guard.total() > before
                        ? "the archive ends inside a header block"
                        : zeroBlocks == 0 ? "the archive ends without its end-of-archive blocks"
                        : "the archive ends after one of its two end-of-archive blocks");
            }
            if (isEOFRecord(record)) {
                zeroBlocks++;
                guard.endOfArchive();
            } else if (sparseExtensionNext) {
                // Sparse extension records carry no checksum; the entry is refused as unsupported anyway.
                sparseExtensionNext = record[EXTENSION_IS_EXTENDED] != 0;
            } else if (!checksumMatches(record)) {
                throw new ReadRefusal(ArchiveRule.MALFORMED_ARCHIVE, "the header's checksum does not match its bytes");
            } else {
                sparseExtensionNext = record[TarConstants.LF_OFFSET] == TarConstants.LF_GNUTYPE_SPARSE
                        && record[OLD_GNU_IS_EXTENDED] != 0;
            }
            return record;
        }

        private static boolean checksumMatches(byte[] header) {
            try {
                return TarUtils.verifyCheckSum(header);
            } catch (IllegalArgumentException notOctal) {
                // The checksum field of a block that is not a header at all (text, say) is not a number.
                return false;
            }
        }
    }
}
