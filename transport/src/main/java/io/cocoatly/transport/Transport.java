package io.cocoatly.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import okhttp3.Call;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Fetches one URL's bytes into a sink, stopping the moment more than the expected size arrives, and
 * classifies every failure as retryable or fatal. The only class that knows OkHttp.
 */
public final class Transport implements AutoCloseable {

    private static final int BUFFER = 64 * 1024;

    private final OkHttpClient client;

    public Transport(DownloadOptions options) {
        // Calls run synchronously on the downloader's own pool of maxConcurrent threads, which is
        // what bounds concurrency. The dispatcher gets the same limits (its per-host default of 5
        // would otherwise cap anything asynchronous below the configured number).
        Dispatcher dispatcher = new Dispatcher();
        dispatcher.setMaxRequests(options.maxConcurrent());
        dispatcher.setMaxRequestsPerHost(options.maxConcurrent());
        OkHttpClient.Builder b = new OkHttpClient.Builder()
                .dispatcher(dispatcher)
                .connectionPool(new ConnectionPool(options.maxConcurrent(), 5, TimeUnit.MINUTES))
                .connectTimeout(options.timeout())
                .readTimeout(options.timeout())
                .writeTimeout(options.timeout())
                // Every retry is ours, counted and reported; OkHttp's silent ones would hide attempts.
                .retryOnConnectionFailure(false);
        options.proxy().ifPresent(p -> b.proxy(new Proxy(Proxy.Type.HTTP, new InetSocketAddress(p.getHost(), p.getPort()))));
        this.client = b.build();
    }

    /**
     * Streams {@code url} into {@code sink}: at most {@code limit} bytes, reporting the running total.
     *
     * @throws DownloadFailure.Retryable on connection errors, timeouts, broken bodies, 5xx, 408, 429
     * @throws DownloadFailure.Fatal     on other statuses, a body longer than {@code limit}, a missing file
     * @throws UncheckedIOException      if writing the sink fails
     */
    public void fetch(URI url, long limit, OutputStream sink, LongConsumer progress, Cancellation cancellation)
            throws DownloadFailure.Retryable, DownloadFailure.Fatal {
        if ("file".equalsIgnoreCase(url.getScheme())) {
            Path file;
            try {
                file = Path.of(url);
            } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
                throw new DownloadFailure.Fatal("download-failed", "not a local file URL: " + url,
                        List.of("file URLs name a local path, e.g. file:/srv/registry/artifacts/x.tar.gz"), e);
            }
            fetchFile(file, limit, sink, progress);
        } else {
            HttpUrl httpUrl;
            try {
                httpUrl = HttpUrl.get(url);
            } catch (IllegalArgumentException e) {
                throw new DownloadFailure.Fatal("download-failed", "not a usable HTTP URL: " + url, List.of(), e);
            }
            fetchHttp(httpUrl, limit, sink, progress, cancellation);
        }
    }

    private void fetchHttp(HttpUrl url, long limit, OutputStream sink, LongConsumer progress, Cancellation cancellation)
            throws DownloadFailure.Retryable, DownloadFailure.Fatal {
        Request request = new Request.Builder()
                .url(url)
                // Asking for identity keeps OkHttp from transparently gunzipping a .tar.gz served
                // with Content-Encoding: gzip, which would change the bytes we hash.
                .header("Accept-Encoding", "identity")
                .header("User-Agent", "cocoatly")
                .build();
        Call call = client.newCall(request);
        try (Cancellation.Registration r = cancellation.register(call::cancel);
             Response response = call.execute()) {
            int code = response.code();
            if (code == 408 || code == 429 || code >= 500) {
                throw new DownloadFailure.Retryable("HTTP " + code,
                        Backoff.parseRetryAfter(response.header("Retry-After"), ZonedDateTime.now()), null);
            }
            if (code < 200 || code >= 300) {
                throw new DownloadFailure.Fatal("http-error", "GET " + url + ": HTTP " + code,
                        code == 404 || code == 410
                                ? List.of("the registry no longer has this artifact; refresh the lockfile with `cocoatly lock`")
                                : List.of("the server refused the request; check the registry URL and proxy settings"),
                        null);
            }
            ResponseBody body = response.body();
            long announced = body.contentLength();
            if (announced > limit) {
                throw tooLarge(limit, "the server announces " + announced + " bytes");
            }
            copy(body.byteStream(), limit, sink, progress);
        } catch (IOException e) {
            throw new DownloadFailure.Retryable(describe(e), Optional.empty(), e);
        }
    }

    private void fetchFile(Path file, long limit, OutputStream sink, LongConsumer progress) throws DownloadFailure.Fatal {
        try (InputStream in = Files.newInputStream(file)) {
            copy(in, limit, sink, progress);
        } catch (NoSuchFileException e) {
            throw new DownloadFailure.Fatal("download-failed", "no such file: " + file,
                    List.of("check the registry path; the artifact should be at that location"), e);
        } catch (IOException e) {
            throw new DownloadFailure.Fatal("download-failed", "reading " + file + ": " + describe(e), List.of(), e);
        }
    }

    private static void copy(InputStream in, long limit, OutputStream sink, LongConsumer progress)
            throws IOException, DownloadFailure.Fatal {
        byte[] buf = new byte[BUFFER];
        long total = 0;
        int n;
        while ((n = in.read(buf)) >= 0) {
            if (total + n > limit) {
                throw tooLarge(limit, "more than " + limit + " bytes arrived");
            }
            try {
                sink.write(buf, 0, n);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            total += n;
            progress.accept(total);
        }
    }

    private static DownloadFailure.Fatal tooLarge(long limit, String what) {
        return new DownloadFailure.Fatal("artifact-too-large", what + ", the artifact's declared size is " + limit,
                List.of("the server serves a different file than the lockfile describes; do not install it"), null);
    }

    private static String describe(IOException e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    @Override
    public void close() {
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }
}
