package io.cocoatly.artifact;

/**
 * Bounds that keep a hostile archive (a "bomb") from exhausting disk, memory or inodes.
 *
 * @param maxTotalBytes        total uncompressed bytes of file contents, hardlink copies and other entry data
 * @param maxEntries           number of entries
 * @param maxPathBytes         UTF-8 length of an entry's path (each component is also limited to 255 bytes)
 * @param maxDepth             path components in an entry's path
 * @param maxHeaderBytes       bytes of header data read for one entry (tar header, PAX records, GNU long names);
 *                             at least {@value #MIN_HEADER_BYTES}, since the end of an archive (two zero blocks
 *                             and the padding of the last 10 KiB record) is read as a header too
 * @param maxCompressionRatio  uncompressed / compressed bytes, checked once {@code ratioGraceBytes} are out
 * @param ratioGraceBytes      uncompressed bytes before the ratio applies (small archives compress well)
 */
public record ExtractionLimits(long maxTotalBytes, int maxEntries, int maxPathBytes, int maxDepth,
                               int maxHeaderBytes, int maxCompressionRatio, long ratioGraceBytes) {

    /** The smallest header limit that still lets a normal archive end. */
    public static final int MIN_HEADER_BYTES = 16 * 1024;

    /** @throws IllegalArgumentException if a limit is negative, or below its minimum where it has one */
    public ExtractionLimits {
        if (maxTotalBytes < 0 || maxEntries < 0 || maxPathBytes < 1 || maxDepth < 1 || maxHeaderBytes < MIN_HEADER_BYTES
                || maxCompressionRatio < 1 || ratioGraceBytes < 0) {
            throw new IllegalArgumentException("invalid extraction limits: " + maxTotalBytes + ", " + maxEntries
                    + ", " + maxPathBytes + ", " + maxDepth + ", " + maxHeaderBytes + ", " + maxCompressionRatio
                    + ", " + ratioGraceBytes);
        }
    }

    /** 1 GiB, 100 000 entries, 1024-byte paths, depth 64, 64 KiB headers, ratio 500 after 8 MiB. */
    public static ExtractionLimits defaults() {
        return new ExtractionLimits(1L << 30, 100_000, 1024, 64, 64 * 1024, 500, 8L << 20);
    }

    /** These limits with {@code maxTotalBytes} replaced. */
    public ExtractionLimits withMaxTotalBytes(long v) {
        return new ExtractionLimits(v, maxEntries, maxPathBytes, maxDepth, maxHeaderBytes, maxCompressionRatio, ratioGraceBytes);
    }

    /** These limits with {@code maxEntries} replaced. */
    public ExtractionLimits withMaxEntries(int v) {
        return new ExtractionLimits(maxTotalBytes, v, maxPathBytes, maxDepth, maxHeaderBytes, maxCompressionRatio, ratioGraceBytes);
    }

    /** These limits with {@code maxPathBytes} replaced. */
    public ExtractionLimits withMaxPathBytes(int v) {
        return new ExtractionLimits(maxTotalBytes, maxEntries, v, maxDepth, maxHeaderBytes, maxCompressionRatio, ratioGraceBytes);
    }

    /** These limits with {@code maxDepth} replaced. */
    public ExtractionLimits withMaxDepth(int v) {
        return new ExtractionLimits(maxTotalBytes, maxEntries, maxPathBytes, v, maxHeaderBytes, maxCompressionRatio, ratioGraceBytes);
    }

    /** These limits with {@code maxHeaderBytes} replaced. */
    public ExtractionLimits withMaxHeaderBytes(int v) {
        return new ExtractionLimits(maxTotalBytes, maxEntries, maxPathBytes, maxDepth, v, maxCompressionRatio, ratioGraceBytes);
    }

    /** These limits with {@code maxCompressionRatio} and {@code ratioGraceBytes} replaced. */
    public ExtractionLimits withCompressionRatio(int ratio, long graceBytes) {
        return new ExtractionLimits(maxTotalBytes, maxEntries, maxPathBytes, maxDepth, maxHeaderBytes, ratio, graceBytes);
    }
}
