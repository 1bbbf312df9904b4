package io.cocoatly.registry.server;

import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.ErrorKind;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * {@code cocoatly registry serve}: a registry served over HTTP by docs/registry-protocol.md, on
 * Jetty 12 core, from a directory or from any {@link RegistryFiles} (a database). Paths under {@code /api/v1/} go to the write API,
 * everything else to the static read protocol. Every answered request is reported to the
 * {@link AccessLog}.
 *
 * <pre>{@code
 * try (RegistryServer server = RegistryServer.start(dir, ServerOptions.defaults(), AccessLog.NONE)) {
 *     URI base = server.url(); // http://127.0.0.1:40123/
 * }
 * }</pre>
 */
public final class RegistryServer implements AutoCloseable {

    private final Server server;
    private final URI url;

    private RegistryServer(Server server, URI url) {
        this.server = server;
        this.url = url;
    }

    /**
     * Serves the registry directory {@code dir} with a {@link DirectoryBackend} over it.
     *
     * @throws CocoatlyException {@code registry-not-found} if {@code dir} is no registry,
     *                           {@code serve-failed} if the address cannot be bound
     */
    public static RegistryServer start(Path dir, ServerOptions options, AccessLog log) {
        return start(dir, new DirectoryBackend(dir), options, log);
    }

    /**
     * Serves the static files of {@code dir} and the write API of {@code backend}.
     *
     * @throws CocoatlyException {@code registry-not-found} if {@code dir} does not exist,
     *                           {@code serve-failed} if the address cannot be bound
     */
    public static RegistryServer start(Path dir, RegistryBackend backend, ServerOptions options, AccessLog log) {
        DirectoryFiles files;
        try {
            files = new DirectoryFiles(dir);
        } catch (IOException e) {
            throw new CocoatlyException(ErrorKind.INVALID_INPUT, "registry-not-found", "cannot read registry `" + dir + "`: " + e,
                    List.of("create one with `cocoatly registry init " + dir + " --name NAME`"), e);
        }
        return serve(files, backend, options, log);
    }

    /**
     * Serves the read protocol from {@code files} and the write API of {@code backend}: a registry
     * kept in a database, with artifacts on disk or in an object store. Clients see the same paths,
     * headers and ETags as from a directory with the same files; artifacts may also be redirects.
     * When {@code files} or {@code backend} throws {@link ApiException.Status#SERVICE_UNAVAILABLE}
     * the request is answered 503 with {@code Retry-After}; any other exception from them is a 500
     * whose details go to {@link AccessLog#fault}.
     *
     * @throws CocoatlyException {@code serve-failed} if the address cannot be bound
     */
    public static RegistryServer start(RegistryFiles files, RegistryBackend backend, ServerOptions options, AccessLog log) {
        return serve(new RegistryFilesSource(files), backend, options, log);
    }

    private static RegistryServer serve(FileSource source, RegistryBackend backend, ServerOptions options, AccessLog log) {
        QueuedThreadPool threads = new QueuedThreadPool(options.maxThreads());
        threads.setName("registry-serve");
        Server server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(options.bindAddress());
        connector.setPort(options.port());
        server.addConnector(connector);
        server.setHandler(new Router(new StaticFiles(source, options.indexMaxAge(), log),
                new ApiHandler(backend, options.maxBodyBytes(), log), new ReadAccess(source), backend, log));
        server.setRequestLog((request, response) -> log.log(new AccessLog.Entry(request.getMethod(),
                printable(request.getHttpURI().getPath()), response.getStatus(), Response.getContentBytesWritten(response),
                (System.nanoTime() - request.getBeginNanoTime()) / 1e6)));
        try {
            server.start();
        } catch (Exception e) {
            try {
                server.stop();
            } catch (Exception suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new CocoatlyException(ErrorKind.FAILED, "serve-failed", "cannot listen on " + options.bindAddress() + ":"
                    + options.port() + ": " + e.getMessage(),
                    List.of("pick another port with --port, or 0 for any free one"), e);
        }
        String host = options.bindAddress().contains(":") ? "[" + options.bindAddress() + "]" : options.bindAddress();
        return new RegistryServer(server, URI.create("http://" + host + ":" + connector.getLocalPort() + "/"));
    }

    /** The base URL the registry is served at, ending in {@code /}, with the port actually bound. */
    public URI url() {
        return url;
    }

    /** Stops listening, lets requests in progress finish for a moment, and frees the threads. */
    public void stop() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new CocoatlyException(ErrorKind.FAILED, "serve-failed", "the server did not stop cleanly: " + e.getMessage(),
                    List.of(), e);
        }
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    /** A request path as logged: control and non-ASCII characters escaped, so a log line is one line. */
    private static String printable(String path) {
        if (path == null) {
            return "-";
        }
        StringBuilder s = new StringBuilder();
        for (char c : path.toCharArray()) {
            s.append(c < 0x21 || c > 0x7e ? String.format("\\x%02x", (int) c) : String.valueOf(c));
        }
        return s.toString();
    }

    /**
     * Sends {@code /api/v1/...} to the API and everything else to the static files, after checking
     * the token of every request when {@code registry.json} says {@code auth_required}.
     */
    private static final class Router extends Handler.Abstract {
        private final StaticFiles files;
        private final ApiHandler api;
        private final ReadAccess access;
        private final RegistryBackend backend;
        private final AccessLog log;

        Router(StaticFiles files, ApiHandler api, ReadAccess access, RegistryBackend backend, AccessLog log) {
            this.files = files;
            this.api = api;
            this.access = access;
            this.backend = backend;
            this.log = log;
            installBean(files);
            installBean(api);
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            try {
                if (access.required()) {
                    ReadAccess.caller(request, backend);
                }
            } catch (RuntimeException e) {
                // A refused token, or a store that cannot say whether one is needed (503).
                Replies.discardBody(request);
                Replies.failure(response, callback, e, log);
                return true;
            }
            String path = request.getHttpURI().getPath();
            return path != null && path.startsWith(ApiHandler.PREFIX) ? api.handle(request, response, callback)
                    : files.handle(request, response, callback);
        }
    }
}
