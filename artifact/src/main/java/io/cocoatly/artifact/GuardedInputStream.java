package io.cocoatly.artifact;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongSupplier;

/**
 * Sits between the gzip decoder and the tar reader and enforces the limits that must hold before
 * the tar reader hands out an entry: the bytes of one entry's headers (PAX records and GNU long
 * names are read into memory by the tar reader) and the compression ratio. Once the tar's
 * end-of-archive marker has been read ({@link #endOfArchive()}), every further byte must be zero:
 * anything else would be content the tar reader never looks at.
 */
final class GuardedInputStream extends FilterInputStream {

    private final ExtractionLimits limits;
    private final LongSupplier compressedCount;
    private long total;
    private long headerBudget = -1;
    private boolean ended;

    GuardedInputStream(InputStream in, ExtractionLimits limits, LongSupplier compressedCount) {
        super(in);
        this.limits = limits;
        this.compressedCount = compressedCount;
    }

    /** From now on, count bytes against the header limit (until {@link #endHeader()}). */
    void beginHeader() {
        headerBudget = limits.maxHeaderBytes();
    }

    void endHeader() {
        headerBudget = -1;
    }

    /** The end-of-archive marker was read: from now on only zero padding may follow. */
    void endOfArchive() {
        ended = true;
    }

    /** Uncompressed bytes read so far. */
    long total() {
        return total;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            count(1);
            if (ended && b != 0) {
                throw afterTheEnd();
            }
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) {
            count(n);
            if (ended) {
                for (int i = off; i < off + n; i++) {
                    if (b[i] != 0) {
                        throw afterTheEnd();
                    }
                }
            }
        }
        return n;
    }

    /** Counting needs every byte to go through {@link #read}; a mark and reset would count some twice. */
    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public long skip(long n) throws IOException {
        // Skipping goes through read() so every byte is counted.
        byte[] buf = new byte[(int) Math.min(8192, Math.max(n, 1))];
        long left = n;
        while (left > 0) {
            int r = read(buf, 0, (int) Math.min(buf.length, left));
            if (r < 0) {
                break;
            }
            left -= r;
        }
        return n - left;
    }

    private static ReadRefusal afterTheEnd() {
        return new ReadRefusal(ArchiveRule.MALFORMED_ARCHIVE, "data after the end-of-archive blocks");
    }

    private void count(int n) throws ReadRefusal {
        total += n;
        if (headerBudget >= 0) {
            headerBudget -= n;
            if (headerBudget < 0) {
                throw new ReadRefusal(ArchiveRule.HEADER_TOO_LARGE,
                        "more than " + limits.maxHeaderBytes() + " bytes of headers");
            }
        }
        if (total > limits.ratioGraceBytes()) {
            long compressed = Math.max(1, compressedCount.getAsLong());
            if (total / compressed > limits.maxCompressionRatio()) {
                throw new ReadRefusal(ArchiveRule.COMPRESSION_RATIO, total + " bytes from "
                        + compressed + " compressed, more than " + limits.maxCompressionRatio() + " to 1");
            }
        }
    }
}
