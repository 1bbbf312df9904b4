package io.cocoatly.artifact;

import java.io.IOException;
import java.io.OutputStream;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/**
 * An output stream that hashes everything written to it into several digests at once, and
 * optionally passes the bytes on, so a download or an archive is read exactly once.
 *
 * <p>Not thread-safe. {@link #checksums()} ends the computation; writing afterwards throws.
 */
public final class DigestSink extends OutputStream {

    private final Map<DigestAlgorithm, DigestAlgorithm.Hasher> hashers = new EnumMap<>(DigestAlgorithm.class);
    private final OutputStream delegate;
    private long count;
    private Checksums result;

    private DigestSink(Set<DigestAlgorithm> algorithms, OutputStream delegate) {
        for (DigestAlgorithm a : algorithms) {
            hashers.put(a, a.newHasher());
        }
        this.delegate = delegate;
    }

    /** A sink that only hashes. */
    public static DigestSink of(Set<DigestAlgorithm> algorithms) {
        return new DigestSink(algorithms, OutputStream.nullOutputStream());
    }

    /** A sink that hashes and writes through to {@code delegate}; closing it closes the delegate. */
    public static DigestSink tee(Set<DigestAlgorithm> algorithms, OutputStream delegate) {
        return new DigestSink(algorithms, delegate);
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (result != null) {
            throw new IllegalStateException("digest already finished");
        }
        for (DigestAlgorithm.Hasher h : hashers.values()) {
            h.update(b, off, len);
        }
        delegate.write(b, off, len);
        count += len;
    }

    /** Bytes written so far. */
    public long size() {
        return count;
    }

    /** Finishes every digest; later calls return the same value. */
    public Checksums checksums() {
        if (result == null) {
            Map<DigestAlgorithm, String> out = new EnumMap<>(DigestAlgorithm.class);
            hashers.forEach((a, h) -> out.put(a, Hex.encode(h.finish())));
            result = new Checksums(out);
        }
        return result;
    }

    @Override
    public void flush() throws IOException {
        delegate.flush();
    }

    @Override
    public void close() throws IOException {
        delegate.close();
    }
}
