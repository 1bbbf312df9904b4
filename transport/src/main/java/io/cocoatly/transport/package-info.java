/**
 * Getting bytes from {@code http}, {@code https} and {@code file} URLs: the one HTTP client of
 * Cocoatly, shared by the installer's downloads and (next) the HTTP registry's index reads. OkHttp
 * stays behind package-private classes; no OkHttp type appears in this package's API.
 *
 * <p>What it owns:
 * <ul>
 *   <li>{@link io.cocoatly.transport.Transport}, made from {@link io.cocoatly.transport.TransportOptions}
 *       ({@code network.*}): {@code get} of a {@link io.cocoatly.transport.GetRequest} into a
 *       {@link io.cocoatly.transport.BodyTarget} with a size limit (or an exact size), and
 *       {@code getBytes} for small bodies such as index files;</li>
 *   <li>retries: connection errors, timeouts, truncated bodies, 5xx, 408 and 429, with exponential
 *       backoff and equal jitter or the server's {@code Retry-After}; everything else fails at once
 *       with a {@link io.cocoatly.transport.TransportException} naming the URL and the status;</li>
 *   <li>conditional GET: a request carrying cached {@link io.cocoatly.transport.Validators}
 *       ({@code ETag}, {@code Last-Modified}) gets a {@link io.cocoatly.transport.GetOutcome}, either
 *       {@code NotModified} (304) or {@code ModifiedOrNew} with the new validators, as data;</li>
 *   <li>proxies: {@code http://}, {@code https://} (TLS to the proxy) and {@code socks5://} (a real
 *       SOCKS 5 proxy);</li>
 *   <li>connection reuse that survives servers closing kept-alive connections (HTTP/1.0 servers such
 *       as {@code python3 -m http.server}, keep-alive timeouts);</li>
 *   <li>API calls: {@code send} of an {@link io.cocoatly.transport.ApiRequest} ({@code GET}, {@code PUT},
 *       {@code DELETE} with headers and a body) answered by an {@link io.cocoatly.transport.ApiResponse}
 *       of any status, retried only where sending twice is safe (see {@code ApiSender});</li>
 *   <li>bearer tokens: a {@link io.cocoatly.transport.BearerToken} per origin in the options, the only
 *       place the secret is held; gets and API calls alike send it after a 401, or first when the
 *       request asks ({@code tokenFirst}), never to another origin, and never let it into a message
 *       (an API answer that echoes it has it masked);</li>
 *   <li>a {@link io.cocoatly.transport.TransportListener} of paired events instead of logging, and a
 *       {@link io.cocoatly.transport.Cancellation} shared by a batch.</li>
 * </ul>
 */
package io.cocoatly.transport;
