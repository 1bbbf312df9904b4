package io.cocoatly.transport;

import java.io.IOException;
import java.net.Socket;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;
import okhttp3.Call;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.EventListener;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * One attempt at an {@code http(s)} URL with OkHttp, the only class that calls it: builds the
 * request (conditional if asked), classifies the answer, streams the body.
 *
 * <p>Connections are pooled, and two rules keep a pooled connection the server has closed from
 * failing a get (issue 9: {@code python3 -m http.server} failed every install with "unexpected end
 * of stream"):
 * <ol>
 *   <li>An HTTP/1.0 response without {@code Connection: keep-alive} means the server closes the
 *       connection after it (RFC 9112 §9.3), so our side of it is shut down at once, which makes
 *       OkHttp's health check drop it instead of pooling it. (OkHttp itself honours only an explicit
 *       {@code Connection: close}.) Over TLS a half-close is impossible; rule 2 covers that case.</li>
 *   <li>A request that fails on a pooled connection before any response header arrived never
 *       reached a server that was listening; it is sent once more at once, on a connection that is
 *       new by construction (a client whose pool keeps nothing), and reported as
 *       {@link TransportListener#staleConnectionReplaced}, not as a retry. A keep-alive timeout on
 *       the server side looks the same.</li>
 * </ol>
 * OkHttp's own {@code retryOnConnectionFailure} stays off: it would also repeat the failures our
 * retry loop must count and report.
 */
final class HttpFetcher implements AutoCloseable {

    private static final String AUTHORIZATION = "Authorization";

    private final OkHttpClient pooled;
    private final OkHttpClient fresh;
    /** The gets under way, their bodies included, so that {@link #close} can end them. */
    private final Set<Call> inFlight = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;
    private final TransportOptions options;

    HttpFetcher(TransportOptions options, Optional<TlsSetup> tls) {
        this.options = options;
        // Calls run synchronously on the caller's threads (the downloader's pool of maxConcurrent),
        // which is what bounds concurrency. The dispatcher gets the same limits, since its per-host
        // default of 5 would otherwise cap anything asynchronous below the configured number.
        Dispatcher dispatcher = new Dispatcher();
        dispatcher.setMaxRequests(options.maxConcurrent());
        dispatcher.setMaxRequestsPerHost(options.maxConcurrent());
        OkHttpClient.Builder b = new OkHttpClient.Builder()
                .dispatcher(dispatcher)
                .connectionPool(new ConnectionPool(options.maxConcurrent(), 5, TimeUnit.MINUTES))
                .connectTimeout(options.timeout())
                .readTimeout(options.timeout())
                .writeTimeout(options.timeout())
                .retryOnConnectionFailure(false)
                // Redirects stay within the scheme (docs/registry-protocol.md): an https registry is
                // never continued over plain http.
                .followSslRedirects(false)
                .authenticator(this::authenticate)
                .addNetworkInterceptor(this::keepTokenOnItsOrigin)
                .addNetworkInterceptor(HttpFetcher::dropHttp10Connections)
                .eventListenerFactory(HttpFetcher::probeOf);
        tls.ifPresent(t -> b.sslSocketFactory(t.socketFactory(), t.trustManager()));
        ProxyRoute.apply(b, options.proxy(), tls.orElseGet(TlsSetup::system));
        this.pooled = b.build();
        this.fresh = pooled.newBuilder().connectionPool(new ConnectionPool(0, 1, TimeUnit.SECONDS)).build();
    }

    /**
     * Attempt {@code attempt} at {@code request}.
     *
     * @throws AttemptFailure     on connection errors, timeouts, truncated bodies, 5xx, 408 and 429
     * @throws TransportException on any other status, too many bytes, a failing target, cancellation
     */
    GetOutcome fetch(GetRequest request, HttpUrl url, BodyTarget target, int attempt, TransportListener listener,
                     Cancellation cancellation, Deadline deadline) throws AttemptFailure {
        Request http = request(request, url);
        try {
            return execute(pooled, http, request, target, attempt, listener, cancellation, deadline);
        } catch (StaleConnection stale) {
            listener.staleConnectionReplaced(request, attempt, stale.getMessage());
            try {
                return execute(fresh, http, request, target, attempt, listener, cancellation, deadline);
            } catch (StaleConnection impossible) {
                throw new AssertionError("a connection of the fresh client was pooled", impossible);
            }
        }
    }

    private Request request(GetRequest request, HttpUrl url) {
        Request.Builder b = new Request.Builder()
                .url(url)
                // Asking for identity keeps OkHttp from transparently gunzipping a .tar.gz served
                // with Content-Encoding: gzip, which would change the bytes we hash.
                .header("Accept-Encoding", "identity")
                .header("User-Agent", UserAgent.VALUE);
        request.validators().etag().ifPresent(tag -> b.header("If-None-Match", tag));
        request.validators().lastModified().ifPresent(date -> b.header("If-Modified-Since", date));
        if (request.tokenFirst()) {
            options.tokenFor(url.uri()).ifPresent(token -> b.header(AUTHORIZATION, token.headerValue()));
        }
        return b.build();
    }

    /**
     * A {@code 401}: the request is sent once more with the token of the origin that answered, if
     * there is one and it was not sent already (as cargo does: ask without a token first). Returning
     * null lets the 401 stand, and {@link #answer} reports it.
     */
    private Request authenticate(okhttp3.Route route, Response response) {
        Request sent = response.request();
        if (sent.header(AUTHORIZATION) != null) {
            return null;
        }
        return options.tokenFor(sent.url().uri())
                .map(token -> sent.newBuilder().header(AUTHORIZATION, token.headerValue()).build())
                .orElse(null);
    }

    /**
     * The last guard of the rule that a token goes only to its own origin: every request that leaves,
     * redirects included, loses an {@code Authorization} header whose token does not belong to its
     * URL. (OkHttp drops the header on a redirect to another host too; this holds whatever it does.)
     */
    private Response keepTokenOnItsOrigin(Interceptor.Chain chain) throws IOException {
        Request request = chain.request();
        String sent = request.header(AUTHORIZATION);
        if (sent != null && options.tokenFor(request.url().uri()).map(t -> !t.headerValue().equals(sent)).orElse(true)) {
            request = request.newBuilder().removeHeader(AUTHORIZATION).build();
        }
        return chain.proceed(request);
    }

    private GetOutcome execute(OkHttpClient client, Request http, GetRequest request, BodyTarget target, int attempt,
                               TransportListener listener, Cancellation cancellation, Deadline deadline)
            throws AttemptFailure, StaleConnection {
        ConnectionProbe probe = new ConnectionProbe();
        Call call = client.newCall(http.newBuilder().tag(ConnectionProbe.class, probe).build());
        // The call timeout spans connecting and reading the whole body: what is left of the get's deadline.
        deadline.remaining().ifPresent(left -> call.timeout().timeout(left.toNanos(), TimeUnit.NANOSECONDS));
        Cancellation.Registration registration = cancellation.register(call::cancel);
        inFlight.add(call);
        if (closed) {
            call.cancel();
        }
        try (Response response = call.execute()) {
            listener.responseHeaders(request, attempt, response.code());
            return answer(response, request, target, attempt, listener);
        } catch (IOException e) {
            if (cancellation.isCancelled() || closed) {
                throw Failures.cancelled(request, attempt);
            }
            if (deadline.passed()) {
                // The call timeout fired: the caller reports the deadline, not this attempt's symptom.
                throw AttemptFailure.of("the deadline passed: " + Failures.describe(e), e);
            }
            if (client == pooled && probe.staleConnection()) {
                throw new StaleConnection(Failures.describe(e));
            }
            if (Failures.isLastingTlsFailure(e)) {
                throw Failures.tls(request, attempt, e);
            }
            throw AttemptFailure.of(Failures.describe(e), e);
        } finally {
            registration.close();
            inFlight.remove(call);
        }
    }

    private static GetOutcome answer(Response response, GetRequest request, BodyTarget target, int attempt,
                                     TransportListener listener) throws IOException, AttemptFailure {
        int code = response.code();
        if (code == 408 || code == 429 || code >= 500) {
            throw new AttemptFailure("HTTP " + code,
                    Backoff.parseRetryAfter(response.header("Retry-After"), ZonedDateTime.now()), code, null);
        }
        Validators sent = Validators.of(response.header("ETag"), response.header("Last-Modified"));
        CacheDirectives cache = cacheDirectives(response);
        if (request.missingAsOutcome() && (code == 404 || code == 410 || code == 451)) {
            return new GetOutcome.Missing(code, attempt, cache);
        }
        if (code == 304) {
            if (request.validators().isEmpty()) {
                throw Failures.httpStatus(request, code, " to a request that was not conditional", attempt);
            }
            // RFC 9111 §4.3.4: a 304 may carry newer validators; they replace the stored ones.
            Validators kept = request.validators();
            return new GetOutcome.NotModified(new Validators(sent.etag().or(kept::etag),
                    sent.lastModified().or(kept::lastModified)), attempt, cache);
        }
        if (code < 200 || code >= 300) {
            throw Failures.httpStatus(request, code, "", attempt);
        }
        ResponseBody body = response.body();
        long announced = body.contentLength();
        if (announced > request.maxBytes()) {
            throw Failures.tooLarge(request, "the server announces " + announced + " bytes", code, attempt);
        }
        long size = BodyCopy.copy(body.byteStream(), request, target, attempt, code, listener);
        if (request.exactSize() && size < request.maxBytes()) {
            throw new AttemptFailure("truncated body: " + size + " of " + request.maxBytes() + " bytes",
                    Optional.empty(), code, null);
        }
        return new GetOutcome.ModifiedOrNew(size, sent, attempt, cache);
    }

    private static CacheDirectives cacheDirectives(Response response) {
        okhttp3.CacheControl control = response.cacheControl();
        int maxAge = control.maxAgeSeconds();
        return new CacheDirectives(maxAge < 0 ? Optional.empty() : Optional.of(java.time.Duration.ofSeconds(maxAge)),
                control.noCache(), control.noStore(), java.time.Duration.ofSeconds(age(response.header("Age"))));
    }

    // RFC 9111 §5.1: a non-negative integer of seconds; anything else is ignored.
    private static long age(String header) {
        if (header == null) {
            return 0;
        }
        try {
            return Math.max(0, Long.parseLong(header.trim()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Rule 1 above: an HTTP/1.0 connection the server will close is never offered for reuse. */
    private static Response dropHttp10Connections(Interceptor.Chain chain) throws IOException {
        Response response = chain.proceed(chain.request());
        if (response.protocol() == Protocol.HTTP_1_0 && !"keep-alive".equalsIgnoreCase(response.header("Connection"))) {
            Socket socket = chain.connection().socket();
            if (!(socket instanceof SSLSocket) && !socket.isOutputShutdown()) {
                socket.shutdownOutput();
            }
        }
        return response;
    }

    private static EventListener probeOf(Call call) {
        ConnectionProbe probe = call.request().tag(ConnectionProbe.class);
        return probe == null ? EventListener.NONE : probe;
    }

    /** The pooled client, for {@link ApiSender}, which shares its connections. */
    OkHttpClient pooled() {
        return pooled;
    }

    /** The client that never reuses a connection, for {@link ApiSender}'s requests that must not be sent twice. */
    OkHttpClient fresh() {
        return fresh;
    }

    @Override
    public void close() {
        // Gets still in flight end now, their sockets closed, rather than at their timeout: a prefetch
        // nobody will read, or the fetch of a command the daemon stopped when its client went away. (The
        // dispatcher's cancelAll() would not do: a synchronous call leaves it once its headers are in.)
        closed = true;
        inFlight.forEach(Call::cancel);
        pooled.dispatcher().executorService().shutdown();
        pooled.connectionPool().evictAll();
        fresh.connectionPool().evictAll();
    }

    /** The attempt failed on a stale pooled connection; rule 2 above. */
    private static final class StaleConnection extends Exception {
        private static final long serialVersionUID = 1L;

        StaleConnection(String reason) {
            super(reason, null, false, false);
        }
    }
}
