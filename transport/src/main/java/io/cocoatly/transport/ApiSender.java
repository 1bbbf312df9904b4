package io.cocoatly.transport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Sends {@link ApiRequest}s with OkHttp, for {@link Transport#send}: the retry rule of API calls
 * lives here, in one place.
 *
 * <ul>
 *   <li>An idempotent request is retried as a get is: connection errors, timeouts, a body cut
 *       short, 408, 429 and 5xx, after backoff or the server's {@code Retry-After}.</li>
 *   <li>A request that is not idempotent (a publish) is retried only when the server certainly did
 *       not act on it: the connection failed before the request's first byte was written, or the
 *       server answered 429 or 503, which say it refused to handle the request at all (RFC 9110
 *       §15.6.4, RFC 6585 §4). A failure after the request was sent (a reset, a timeout, 500, 502,
 *       504) may come after the server acted, so it is reported as
 *       {@link TransportException.Reason#OUTCOME_UNKNOWN} and never sent again. Such a request always
 *       goes on a new connection: a pooled one the server already closed would fail only after the
 *       request was written, which looks the same as a server that died while acting on it.</li>
 *   <li>When the retries of a retryable status run out, the last answer is returned, body and all,
 *       so that the caller can show what the server said.</li>
 *   <li>Redirects are not followed: a {@code PUT} redirected by 301 would arrive as a body-less
 *       {@code GET}, and a token must not follow a redirect. A 3xx is returned as it is.</li>
 *   <li>The token is {@link HttpFetcher}'s, and so are its rules: the clients here share its
 *       authenticator (the origin's token once more after a {@code 401}, if it was not sent) and its
 *       guard that strips a token from any other origin. Here it is only added from the first
 *       attempt to an {@link ApiRequest#tokenFirst()} request.</li>
 *   <li>An answer's body never holds the token: a server that echoes it (in an error's detail, say)
 *       has it replaced by {@code <token>} here, so that no message built from the body can show it.</li>
 * </ul>
 */
final class ApiSender {

    private final TransportOptions options;
    private final Backoff backoff;
    private final OkHttpClient pooled;
    private final OkHttpClient fresh;

    ApiSender(TransportOptions options, Backoff backoff, HttpFetcher http) {
        this.options = options;
        this.backoff = backoff;
        // newBuilder shares the connection pool and the dispatcher with the fetcher's clients.
        this.pooled = http.pooled().newBuilder().followRedirects(false).build();
        this.fresh = http.fresh().newBuilder().followRedirects(false).build();
    }

    ApiResponse send(ApiRequest request) {
        HttpUrl url = HttpUrl.parse(request.url().toString());
        String scheme = request.url().getScheme() == null ? "" : request.url().getScheme().toLowerCase(Locale.ROOT);
        if (url == null || !(scheme.equals("http") || scheme.equals("https"))) {
            throw ApiFailures.badUrl(request);
        }
        Request http = build(request, url, options);
        OkHttpClient client = request.idempotent() ? pooled : fresh;
        int attempts = options.retries() + 1;
        long size = request.body().map(ApiRequest.Body::length).orElse(0) + request.maxResponseBytes();
        Deadline clock = new Deadline(options.deadline(size));
        for (int attempt = 1; ; attempt++) {
            boolean last = attempt == attempts;
            Optional<Duration> retryAfter;
            ConnectionProbe probe = new ConnectionProbe();
            Call call = client.newCall(http.newBuilder().tag(ConnectionProbe.class, probe).build());
            clock.remaining().ifPresent(left -> call.timeout().timeout(left.toNanos(), TimeUnit.NANOSECONDS));
            String failure;
            try (Response response = call.execute()) {
                int status = response.code();
                if (!last && retryable(status, request.idempotent())) {
                    retryAfter = Backoff.parseRetryAfter(response.header("Retry-After"), ZonedDateTime.now());
                    failure = "HTTP " + status;
                } else {
                    try {
                        byte[] body = read(response.body(), request, status, attempt);
                        return new ApiResponse(status, headers(response), redacted(body, request), attempt);
                    } catch (IOException e) {
                        if (!request.idempotent()) {
                            throw ApiFailures.outcomeUnknown(request, "HTTP " + status + ", then " + Failures.describe(e),
                                    attempt, e);
                        }
                        if (last) {
                            throw ApiFailures.gaveUp(request, Failures.describe(e), status, attempt, e);
                        }
                        retryAfter = Optional.empty();
                        failure = Failures.describe(e);
                    }
                }
            } catch (IOException e) {
                if (!request.idempotent() && probe.requestSent()) {
                    throw ApiFailures.outcomeUnknown(request, Failures.describe(e), attempt, e);
                }
                if (last || clock.passed() || Failures.isLastingTlsFailure(e)) {
                    throw ApiFailures.gaveUp(request, Failures.describe(e), -1, attempt, e);
                }
                retryAfter = Optional.empty();
                failure = Failures.describe(e);
            }
            if (clock.passed()) {
                throw ApiFailures.gaveUp(request, failure + ", and the deadline passed", -1, attempt, null);
            }
            if (!Cancellation.never().sleep(clock.cap(backoff.delay(attempt, retryAfter)))) {
                throw ApiFailures.gaveUp(request, failure + ", and the wait for the next attempt was interrupted",
                        -1, attempt, null);
            }
        }
    }

    /** Whether {@code status} says the server did not handle the request, so that sending it again is safe. */
    static boolean retryable(int status, boolean idempotent) {
        if (idempotent) {
            return status == 408 || status == 429 || status >= 500;
        }
        return status == 429 || status == 503;
    }

    private static Request build(ApiRequest request, HttpUrl url, TransportOptions options) {
        Request.Builder b = new Request.Builder().url(url).header("User-Agent", UserAgent.VALUE);
        request.headers().forEach(b::header);
        if (request.tokenFirst()) {
            options.tokenFor(request.url()).ifPresent(token -> b.header("Authorization", token.headerValue()));
        }
        RequestBody body = request.body()
                .map(x -> RequestBody.create(x.bytes(), MediaType.parse(x.contentType())))
                .orElse(null);
        switch (request.method()) {
            case GET:
                return b.get().build();
            case PUT:
                // OkHttp requires a body for PUT; an empty one is what a body-less PUT sends anyway.
                return b.put(body != null ? body : RequestBody.create(new byte[0], null)).build();
            case DELETE:
                return (body != null ? b.delete(body) : b.delete()).build();
            default:
                throw new AssertionError(request.method());
        }
    }

    /** {@code body} with the token of the request's origin, if the transport has one, replaced by {@code <token>}. */
    private byte[] redacted(byte[] body, ApiRequest request) {
        return options.tokenFor(request.url()).map(token -> token.redact(body)).orElse(body);
    }

    private static Map<String, String> headers(Response response) {
        Map<String, String> headers = new HashMap<>();
        for (String name : response.headers().names()) {
            headers.put(name.toLowerCase(Locale.ROOT), response.headers().values(name).get(0));
        }
        return headers;
    }

    private static byte[] read(ResponseBody body, ApiRequest request, int status, int attempt) throws IOException {
        long max = request.maxResponseBytes();
        if (body.contentLength() > max) {
            throw ApiFailures.tooLarge(request, "the server announces " + body.contentLength() + " bytes", status, attempt);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[16 * 1024];
        try (InputStream in = body.byteStream()) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                if (out.size() + (long) n > max) {
                    throw ApiFailures.tooLarge(request, "more than " + max + " bytes arrived", status, attempt);
                }
                out.write(buf, 0, n);
            }
        }
        return out.toByteArray();
    }
}
