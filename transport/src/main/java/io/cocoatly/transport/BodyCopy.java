package io.cocoatly.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Streams one attempt's body into a fresh stream of the target, never writing more than the
 * request allows. A failing source is the caller's to classify (retryable for HTTP, fatal for a
 * file); a failing target is always fatal.
 */
final class BodyCopy {

    private static final int BUFFER = 64 * 1024;

    private BodyCopy() {
    }

    /**
     * Copies {@code in} into a new stream of {@code target} and closes it.
     *
     * @return bytes written
     * @throws IOException          if reading {@code in} fails
     * @throws TransportException   {@link TransportException.Reason#TOO_LARGE} at the first byte over the
     *                              limit, {@link TransportException.Reason#TARGET} if the target fails
     */
    static long copy(InputStream in, GetRequest request, BodyTarget target, int attempt, int status,
                     TransportListener listener) throws IOException {
        OutputStream out = open(request, target, attempt);
        try {
            byte[] buf = new byte[BUFFER];
            long total = 0;
            int n;
            while ((n = in.read(buf)) >= 0) {
                if (total + n > request.maxBytes()) {
                    throw Failures.tooLarge(request, "more than " + request.maxBytes() + " bytes arrived", status, attempt);
                }
                write(out, buf, n, request, attempt);
                total += n;
                listener.bodyProgress(request, attempt, total);
            }
            close(out, request, attempt);
            out = null;
            return total;
        } finally {
            if (out != null) {
                closeQuietly(out);
            }
        }
    }

    private static OutputStream open(GetRequest request, BodyTarget target, int attempt) {
        try {
            return target.open();
        } catch (IOException e) {
            throw Failures.target(request, attempt, e);
        }
    }

    private static void write(OutputStream out, byte[] buf, int n, GetRequest request, int attempt) {
        try {
            out.write(buf, 0, n);
        } catch (IOException e) {
            throw Failures.target(request, attempt, e);
        }
    }

    private static void close(OutputStream out, GetRequest request, int attempt) {
        try {
            out.close();
        } catch (IOException e) {
            throw Failures.target(request, attempt, e);
        }
    }

    private static void closeQuietly(OutputStream out) {
        try {
            out.close();
        } catch (IOException e) {
            // The attempt already failed for a reason worth reporting; this one would hide it.
        }
    }
}
