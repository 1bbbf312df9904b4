package io.cocoatly.transport;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import okhttp3.HttpUrl;

/**
 * Gets {@code http}, {@code https} and {@code file} URLs into a {@link BodyTarget}: never more bytes
 * than the request allows, conditionally if the request carries {@link Validators}, through the
 * configured proxy, retrying what may succeed on another attempt. Thread-safe; one instance shares
 * its connections between all calls. Close it to release them.
 *
 * <p>Retryable: connection errors (but not a TLS failure another attempt would meet again: a failed
 * handshake, a server answering in plain text), timeouts, truncated bodies, 5xx, 408 and 429. They are retried up
 * to {@link TransportOptions#retries()} times after exponential backoff with jitter, or after the
 * server's {@code Retry-After} (capped by {@link TransportOptions#maxRetryAfter()}). Everything else
 * fails at once. Every attempt and wait is reported to the call's {@link TransportListener}.
 */
public final class Transport implements AutoCloseable {

    private final TransportOptions options;
    private final Backoff backoff;
    private final Optional<TlsSetup> tls;
    /**
     * The HTTP clients, made at the first {@code http} or {@code https} request: building them loads
     * OkHttp and the JDK's trust store, about a quarter of the main thread of a whole install from a
     * directory registry, whose {@code file:} URLs never need them (docs/performance-startup.md).
     */
    private HttpSide httpSide;
    private boolean closed;

    /** OkHttp's side: the fetcher for gets, and the API sender built on its clients. */
    private record HttpSide(HttpFetcher fetcher, ApiSender api) {
    }

    /** A transport with the JDK's trust store for TLS. */
    public Transport(TransportOptions options) {
        this(options, Optional.empty());
    }

    /** A transport with its own TLS trust, for tests against servers with a certificate made for loopback. */
    Transport(TransportOptions options, Optional<TlsSetup> tls) {
        this.options = options;
        this.backoff = new Backoff(options);
        this.tls = tls;
    }

    /** Whether the HTTP clients have been made (a transport used for {@code file:} URLs alone never makes them). */
    synchronized boolean httpMade() {
        return httpSide != null;
    }

    /** The HTTP side, made on first use; never after {@link #close}. */
    private synchronized HttpSide http() {
        if (closed) {
            throw new IllegalStateException("the transport is closed");
        }
        if (httpSide == null) {
            HttpFetcher fetcher = new HttpFetcher(options, tls);
            httpSide = new HttpSide(fetcher, new ApiSender(options, backoff, fetcher));
        }
        return httpSide;
    }

    /** The options this transport was made with. */
    public TransportOptions options() {
        return options;
    }

    /**
     * Gets {@code request} into {@code target}, with retries.
     *
     * @return {@link GetOutcome.NotModified} (only for a conditional request answered 304) or
     *         {@link GetOutcome.ModifiedOrNew} (the body is in the target's last stream)
     * @throws TransportException when the get fails for good; see {@link TransportException.Reason}
     */
    public GetOutcome get(GetRequest request, BodyTarget target, TransportListener listener, Cancellation cancellation) {
        listener.callStart(request);
        try {
            GetOutcome outcome = withRetries(request, target, listener, cancellation);
            listener.callEnd(request, outcome);
            return outcome;
        } catch (TransportException e) {
            listener.callFailed(request, e);
            throw e;
        }
    }

    /**
     * Gets a small body, such as an index file, into memory; {@code request.maxBytes()} bounds the
     * memory used.
     *
     * @throws TransportException when the get fails for good
     */
    public FetchedBytes getBytes(GetRequest request, TransportListener listener) {
        InMemory target = new InMemory();
        GetOutcome outcome = get(request, target, listener, Cancellation.never());
        boolean hasBody = outcome instanceof GetOutcome.ModifiedOrNew;
        return new FetchedBytes(outcome, hasBody ? target.last.toByteArray() : new byte[0]);
    }

    /**
     * Sends an API request ({@code GET}, {@code PUT}, {@code DELETE}, with headers and a body) and
     * returns the answer, whatever its status: an error status is an answer whose body says why.
     * Retries follow {@link ApiRequest#idempotent()}: an idempotent request is retried as a get is; one
     * that is not is retried only if the connection failed before it was sent or the server answered
     * 429 or 503. Redirects are not followed.
     *
     * <p>The token of the URL's origin ({@link TransportOptions#tokens()}), if there is one, goes as a
     * get's does: after a {@code 401} that was answered without it (sent once more, which is safe even
     * for a request that is not idempotent: a 401 says the server did nothing), or from the first
     * attempt if the request is {@link ApiRequest#tokenFirst()}. The answer's body has any echo of it
     * replaced by {@code <token>}.
     *
     * @throws TransportException {@link TransportException.Reason#GAVE_UP} when no answer came after the
     *     retries, {@link TransportException.Reason#OUTCOME_UNKNOWN} when a request that is not
     *     idempotent failed after it was sent, {@link TransportException.Reason#TOO_LARGE} for an answer
     *     over {@link ApiRequest#maxResponseBytes()}, {@link TransportException.Reason#BAD_URL}
     */
    public ApiResponse send(ApiRequest request) {
        return http().api().send(request);
    }

    private GetOutcome withRetries(GetRequest request, BodyTarget target, TransportListener listener,
                                   Cancellation cancellation) {
        URI url = request.url();
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("file")) {
            return FileFetcher.fetch(request, target, listener);
        }
        HttpUrl httpUrl = httpUrl(request, scheme);
        int attempts = options.retries() + 1;
        Optional<Duration> deadline = options.deadline(request.maxBytes());
        Deadline clock = new Deadline(deadline);
        for (int attempt = 1; ; attempt++) {
            if (cancellation.isCancelled()) {
                throw Failures.cancelled(request, attempt - 1);
            }
            if (clock.passed()) {
                throw Failures.tooSlow(request, options, deadline.get(), attempt - 1);
            }
            try {
                return http().fetcher().fetch(request, httpUrl, target, attempt, listener, cancellation, clock);
            } catch (AttemptFailure failure) {
                if (clock.passed()) {
                    throw Failures.tooSlow(request, options, deadline.get(), attempt);
                }
                if (attempt == attempts) {
                    throw Failures.gaveUp(request, failure, attempts);
                }
                Duration delay = clock.cap(backoff.delay(attempt, failure.retryAfter()));
                listener.retryScheduled(request, attempt, delay, failure.reason());
                if (!cancellation.sleep(delay)) {
                    throw Failures.cancelled(request, attempt);
                }
            }
        }
    }

    private static HttpUrl httpUrl(GetRequest request, String scheme) {
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw Failures.badUrl(request, "unsupported URL scheme: " + request.url(),
                    List.of("use an http, https or file URL"), null);
        }
        HttpUrl parsed = HttpUrl.parse(request.url().toString());
        if (parsed == null) {
            throw Failures.badUrl(request, "not a usable HTTP URL: " + request.url(), List.of(), null);
        }
        return parsed;
    }

    @Override
    public void close() {
        HttpSide made;
        synchronized (this) {
            closed = true;
            made = httpSide;
        }
        if (made != null) {
            made.fetcher().close();
        }
    }

    /** Keeps the body of the latest attempt only. */
    private static final class InMemory implements BodyTarget {
        private ByteArrayOutputStream last = new ByteArrayOutputStream();

        @Override
        public ByteArrayOutputStream open() {
            last = new ByteArrayOutputStream();
            return last;
        }
    }
}
