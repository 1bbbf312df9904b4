package io.cocoatly.transport;

import io.cocoatly.transport.TransportException.Reason;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/** The {@link TransportException}s the transport throws, worded in one place. */
final class Failures {

    // What the JDK's TLS client says when the server answers in plain text (an http:// server).
    private static final String PLAIN_ANSWER = "Unsupported or unrecognized SSL message";

    private Failures() {
    }

    static TransportException gaveUp(GetRequest request, AttemptFailure last, int attempts) {
        return new TransportException(Reason.GAVE_UP, "download-failed", request.url(), last.status(), attempts,
                where(request.url()) + last.reason() + " (gave up after " + attempts
                        + (attempts == 1 ? " attempt)" : " attempts)"),
                List.of("check the network and the registry, then try again",
                        "`network.retries` and `network.timeout_seconds` set how hard to try"), last.getCause());
    }

    static TransportException httpStatus(GetRequest request, int status, String detail, int attempt) {
        List<String> hints = status == 404 || status == 410
                ? List.of("the server has no such file; check the URL")
                : List.of("the server refused the request; check the URL and the proxy settings (`network.proxy`)");
        return new TransportException(Reason.HTTP_STATUS, "http-error", request.url(), status, attempt,
                where(request.url()) + "HTTP " + status + detail, hints, null);
    }

    static TransportException tooLarge(GetRequest request, String what, int status, int attempt) {
        String limit = request.exactSize() ? "the artifact's declared size is " + request.maxBytes()
                : "the limit is " + request.maxBytes() + " bytes";
        List<String> hints = request.exactSize()
                ? List.of("the server serves a different file than the lockfile describes; do not install it")
                : List.of("the server sends more than such a file may hold; check the URL");
        return new TransportException(Reason.TOO_LARGE, request.exactSize() ? "artifact-too-large" : "response-too-large",
                request.url(), status, attempt, where(request.url()) + what + ", " + limit, hints, null);
    }

    static TransportException localFile(GetRequest request, String problem, List<String> hints, Throwable cause) {
        return new TransportException(Reason.LOCAL_FILE, "download-failed", request.url(), -1, 1, problem, hints, cause);
    }

    static TransportException badUrl(GetRequest request, String problem, List<String> hints, Throwable cause) {
        return new TransportException(Reason.BAD_URL, "download-failed", request.url(), -1, 0, problem, hints, cause);
    }

    static TransportException target(GetRequest request, int attempt, IOException cause) {
        return new TransportException(Reason.TARGET, "target-write-failed", request.url(), -1, attempt,
                where(request.url()) + "writing the body failed: " + describe(cause), List.of(), cause);
    }

    /**
     * Whether {@code e} is a TLS failure that another attempt would meet again: a failed handshake (a
     * certificate not trusted or not for this host, no common protocol), or a server answering in
     * plain text. Others, such as a connection reset during a TLS session, may pass and are retried.
     */
    static boolean isLastingTlsFailure(IOException e) {
        return e instanceof SSLHandshakeException || e instanceof SSLException && e.getMessage() != null
                && e.getMessage().contains(PLAIN_ANSWER);
    }

    static TransportException tls(GetRequest request, int attempt, IOException cause) {
        return new TransportException(Reason.TLS, "tls-failed", request.url(), -1, attempt,
                where(request.url()) + describe(cause) + "; not retried: another attempt would meet the same",
                List.of("check the registry's URL (https:// or http://) and, for https, that this machine trusts the"
                        + " server's certificate and that it is for this host"), cause);
    }

    static TransportException cancelled(GetRequest request, int attempts) {
        return new TransportException(Reason.CANCELLED, "download-cancelled", request.url(), -1, attempts,
                where(request.url()) + "cancelled", List.of(), null);
    }

    static TransportException tooSlow(GetRequest request, TransportOptions options, Duration deadline, int attempts) {
        return new TransportException(Reason.TOO_SLOW, "download-too-slow", request.url(), -1, attempts,
                where(request.url()) + "too slow: not complete after " + seconds(deadline) + ", the deadline for "
                        + request.maxBytes() + " bytes at the minimum rate of " + options.minBytesPerSecond()
                        + " bytes/s plus " + seconds(options.deadlineGrace()) + " of grace",
                List.of("the server sends too slowly; try again later or use another registry",
                        "`network.min_bytes_per_second` and `network.deadline_grace_seconds` set the deadline;"
                                + " a rate of 0 switches it off"), null);
    }

    private static String seconds(Duration d) {
        long millis = d.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    /** The prefix naming the request, {@code GET <url>: }. */
    static String where(URI url) {
        return "GET " + url + ": ";
    }

    /**
     * An I/O error as a short reason. The failures everybody meets on a network (a refused connection,
     * an unknown host, a timeout, TLS) are said in words, with the library's own detail and, for a
     * failed connection, the operating system's (e.g. {@code Failed to connect to /127.0.0.1:1
     * (Connection refused)}); any other error by its type and message, e.g. {@code EOFException: ...}.
     */
    static String describe(IOException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        if (e instanceof UnknownHostException) {
            return "unknown host" + (message.isEmpty() ? "" : ": " + message);
        }
        if (e instanceof ConnectException) {
            String cause = e.getCause() == null || e.getCause().getMessage() == null ? "" : e.getCause().getMessage();
            String what = message.isEmpty() ? "cannot connect" : message;
            return cause.isEmpty() || cause.equals(message) ? what : what + " (" + cause + ")";
        }
        if (e instanceof SocketTimeoutException) {
            return "timed out" + (message.isEmpty() || message.equals("timeout") ? "" : ": " + message);
        }
        if (e instanceof SSLHandshakeException) {
            return "TLS handshake failed" + (message.isEmpty() ? "" : ": " + message);
        }
        if (e instanceof SSLException) {
            // What a TLS client reads from a server that answers in plain HTTP.
            String plain = message.contains(PLAIN_ANSWER) ? " (does the server speak plain"
                    + " http:// on this port?)" : "";
            return "TLS failed" + (message.isEmpty() ? "" : ": " + message) + plain;
        }
        return e.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
    }
}
