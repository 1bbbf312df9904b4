package io.cocoatly.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.cocoatly.artifact.Signatures;
import io.cocoatly.artifact.TrustedKeys;
import io.cocoatly.artifact.VerificationException;
import io.cocoatly.json.JsonArray;
import io.cocoatly.json.JsonCursor;
import io.cocoatly.json.JsonObject;
import io.cocoatly.json.StrictJson;
import io.cocoatly.model.Artifact;
import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.PackageId;
import io.cocoatly.model.Version;
import io.cocoatly.testkit.FakePackage.FakeVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A small stand-in for a registry's write API (docs/registry-protocol.md §2) on loopback, built on the
 * JDK's HTTP server, for the client's tests while the real server is written elsewhere. It checks
 * what a client sends as the real one must: the publish body's framing byte for byte (its own reader,
 * not the client's), the sha256 of the uploaded archive recomputed, the Ed25519 signature verified with
 * the publisher keys it was given, the bearer token; and it answers in the document's JSON shapes and
 * statuses. It records every request, and can be told to fail the next ones.
 *
 * <p>It serves {@code /registry.json} naming the API as {@code api/v1/} (or no API at all), and
 * nothing of the read protocol's index: tests of reading use a directory or {@link FileServer}.
 */
public final class FakeRegistryApi implements AutoCloseable {

    static {
        // The JDK server stalls 40 ms on every answer without it (Nagle against delayed ACKs).
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    /** When every release published here is said to have been published. */
    public static final String PUBLISHED_AT = "2026-12-03T12:00:00Z";

    /** The login that the one valid token belongs to. */
    public static final String USER = "alice";

    private static final int DROP = -1;

    /** One request as it arrived. */
    public record Recorded(String method, String target, Optional<String> authorization, byte[] body) {
    }

    private final TrustedKeys publisherKeys;
    private final String token;
    private final boolean hasApi;
    private final HttpServer server;
    private final ExecutorService pool = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "fake-registry-api");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, FakePackage> packages = new TreeMap<>();
    private final Map<String, byte[]> archives = new TreeMap<>();
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();
    private final Queue<Answer> failures = new ArrayDeque<>();
    private volatile boolean readsNeedToken;

    /**
     * Starts serving on a free loopback port.
     *
     * @param publisherKeys the keys whose signatures publishing accepts
     * @param token         the one token that is valid (all scopes, user {@value #USER})
     * @param hasApi        whether {@code registry.json} names the API
     * @throws IOException if no port can be bound
     */
    public FakeRegistryApi(TrustedKeys publisherKeys, String token, boolean hasApi) throws IOException {
        this.publisherKeys = publisherKeys;
        this.token = token;
        this.hasApi = hasApi;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(pool);
        server.createContext("/", this::handle);
        server.start();
    }

    /** The registry's base URL, {@code http://127.0.0.1:<port>/}. */
    public URI registryUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    /** The API's base URL, the registry's plus {@code api/v1/}. */
    public URI apiUrl() {
        return registryUrl().resolve("api/v1/");
    }

    /** Gives a package added with {@link #addPackage} the rest of §2.5's metadata; null is unknown. */
    public synchronized void describe(String name, String license, String repository, List<String> keywords,
                                      List<String> categories) {
        FakePackage p = packages.get(name);
        p.license = license;
        p.repository = repository;
        p.keywords = List.copyOf(keywords);
        p.categories = List.copyOf(categories);
    }

    /** Adds a package that exists before the test, owned by {@code owners}; a null description is unknown. */
    public synchronized void addPackage(String name, String description, List<String> owners, long downloads) {
        packages.put(name, new FakePackage(description, owners, downloads));
    }

    /** Adds a version of a package added before, with its dependencies (name to requirement). */
    public synchronized void addVersion(String name, String version, boolean yanked, long downloads,
                                        Map<String, String> dependencies) {
        packages.get(name).versions.put(Version.parse(version), new FakeVersion(yanked, downloads, dependencies));
    }

    /** Answers the next API request with {@code status} and {@code detail}, before looking at it. */
    public synchronized void failNext(int status, String detail) {
        failures.add(error(status, detail));
    }

    /**
     * Makes the next API request get no answer at all: the server reads it whole, then closes the
     * connection, as a server that dies while acting on it does.
     */
    public synchronized void dropNext() {
        failures.add(new Answer(DROP, JsonObject.create()));
    }

    /** Makes reads answer 401 without the token too, as a private registry does. */
    public void requireTokenForReads() {
        readsNeedToken = true;
    }

    /** Every request so far, in order. */
    public List<Recorded> requests() {
        return List.copyOf(requests);
    }

    /** The archive published for {@code name@version}, byte for byte as it arrived. */
    public synchronized Optional<byte[]> archive(String name, String version) {
        return Optional.ofNullable(archives.get(name + "@" + version)).map(byte[]::clone);
    }

    /** Whether a version is yanked now; empty if there is no such version. */
    public synchronized Optional<Boolean> yanked(String name, String version) {
        return Optional.ofNullable(packages.get(name)).map(p -> p.versions.get(Version.parse(version))).map(v -> v.yanked);
    }

    /** The owners of a package now. */
    public synchronized List<String> owners(String name) {
        return List.copyOf(packages.get(name).owners);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = readAll(exchange.getRequestBody());
            String target = exchange.getRequestURI().toString();
            requests.add(new Recorded(exchange.getRequestMethod(), target,
                    Optional.ofNullable(exchange.getRequestHeaders().getFirst("Authorization")), body));
            Answer answer = answer(exchange.getRequestMethod(), exchange.getRequestURI(),
                    exchange.getRequestHeaders().getFirst("Authorization"), body);
            if (answer.status == DROP) {
                // Closing an exchange that sent no headers makes the JDK server close the connection.
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            if (answer.status == 401) {
                exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
            }
            byte[] bytes = answer.json.canonicalBytes();
            exchange.sendResponseHeaders(answer.status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private synchronized Answer answer(String method, URI uri, String authorization, byte[] body) {
        String path = uri.getRawPath();
        if (path.equals("/registry.json")) {
            JsonObject registry = JsonObject.create().put("format", 1).put("name", "fake");
            if (hasApi) {
                registry.put("api", "api/v1/");
            }
            return new Answer(200, registry);
        }
        if (!path.startsWith("/api/v1/")) {
            return error(404, "no such file: " + path);
        }
        if (!failures.isEmpty()) {
            return failures.poll();
        }
        boolean authorized = ("Bearer " + token).equals(authorization);
        boolean write = !method.equals("GET");
        if ((write || readsNeedToken) && !authorized) {
            return error(401, authorization == null ? "this needs a token" : "unknown, expired or revoked token");
        }
        String[] parts = path.substring("/api/v1/".length()).split("/", -1);
        try {
            if (parts.length == 2 && parts[0].equals("packages") && parts[1].equals("new") && method.equals("PUT")) {
                return publish(body);
            }
            if (parts.length == 1 && parts[0].equals("packages") && method.equals("GET")) {
                return search(query(uri));
            }
            FakePackage pkg = parts.length >= 2 && parts[0].equals("packages") ? packages.get(parts[1]) : null;
            if (pkg == null) {
                return error(404, "no package `" + (parts.length >= 2 ? parts[1] : path) + "`");
            }
            if (parts.length == 2 && method.equals("GET")) {
                return new Answer(200, pkg.info(parts[1]));
            }
            if (parts.length == 3 && parts[2].equals("owners")) {
                return owners(pkg, method, body);
            }
            if (parts.length == 4 && (parts[3].equals("yank") || parts[3].equals("unyank"))) {
                FakeVersion v = pkg.versions.get(Version.parse(parts[2]));
                if (v == null) {
                    return error(404, "no version " + parts[2] + " of " + parts[1]);
                }
                if (!method.equals(parts[3].equals("yank") ? "DELETE" : "PUT")) {
                    return error(405, method + " is not allowed here");
                }
                v.yanked = parts[3].equals("yank");
                return new Answer(200, JsonObject.create().put("ok", true));
            }
            return error(405, method + " " + path + " is not part of the API");
        } catch (CocoatlyException e) {
            return error(400, e.getMessage());
        }
    }

    private Answer publish(byte[] body) {
        PublishFrame frame;
        try {
            frame = PublishFrame.read(body);
        } catch (IllegalArgumentException e) {
            return error(400, "body framing: " + e.getMessage());
        }
        byte[] json = frame.json();
        byte[] archive = frame.archive();
        JsonCursor meta = StrictJson.parse(json, "publish metadata", "bad-request");
        String name = meta.required("name").string();
        Version version = Version.parse(meta.required("version").string());
        Map<String, String> deps = new TreeMap<>();
        meta.required("dependencies").entries().forEach(e -> deps.put(e.getKey(), e.getValue().string()));
        JsonCursor sig = meta.required("signature");
        Artifact.Signature signature = new Artifact.Signature(sig.required("key").string(), sig.required("ed25519").string());
        String sha256 = sha256(archive);
        try {
            Signatures.verify(new PackageId(io.cocoatly.model.PackageName.of(name), version), sha256, signature,
                    publisherKeys);
        } catch (VerificationException e) {
            return error(422, "signature: " + e.getMessage());
        }
        FakePackage pkg = packages.computeIfAbsent(name, n -> new FakePackage(null, List.of(USER), -1));
        if (pkg.versions.containsKey(version)) {
            return error(409, "version " + version + " of " + name + " exists already");
        }
        pkg.versions.put(version, new FakeVersion(false, -1, deps));
        archives.put(name + "@" + version, archive);
        JsonObject release = JsonObject.create();
        JsonObject entry = release.putObject("release").put("version", version.toString());
        JsonObject d = entry.putObject("dependencies");
        deps.forEach(d::put);
        JsonObject artifact = entry.putObject("artifact").put("url", "artifacts/" + name + "/" + name + "-" + version
                + ".tar.gz").put("size", archive.length);
        artifact.putObject("checksums").put("sha256", sha256);
        artifact.putObject("signature").put("key", signature.key()).put("ed25519", signature.ed25519());
        return new Answer(200, release);
    }

    private Answer search(Map<String, String> query) {
        String term = query.getOrDefault("q", "").toLowerCase(java.util.Locale.ROOT);
        int page = Integer.parseInt(query.getOrDefault("page", "1"));
        int perPage = Integer.parseInt(query.getOrDefault("per_page", "20"));
        List<String> found = new ArrayList<>(packages.keySet().stream().filter(n -> n.contains(term)).toList());
        found.sort(Comparator.comparing((String n) -> !n.equals(term)).thenComparing(n -> n));
        JsonObject root = JsonObject.create();
        JsonArray list = root.putArray("packages");
        found.stream().skip((long) (page - 1) * perPage).limit(perPage).forEach(n -> {
            FakePackage p = packages.get(n);
            JsonObject hit = list.addObject().put("name", n);
            p.newest().ifPresent(v -> hit.put("newest_version", v.toString()));
            if (p.description != null) {
                hit.put("description", p.description);
            }
            if (p.downloads >= 0) {
                hit.put("downloads", p.downloads);
            }
        });
        root.putObject("meta").put("total", found.size());
        return new Answer(200, root);
    }

    private Answer owners(FakePackage pkg, String method, byte[] body) {
        if (!method.equals("GET")) {
            List<String> users = new ArrayList<>();
            StrictJson.parse(body, "owners request", "bad-request").required("users").elements()
                    .forEach(u -> users.add(u.string()));
            List<String> now = new ArrayList<>(pkg.owners);
            if (method.equals("PUT")) {
                users.stream().filter(u -> !now.contains(u)).forEach(now::add);
            } else {
                now.removeAll(users);
                if (now.isEmpty()) {
                    return error(409, "the last owner cannot be removed");
                }
            }
            pkg.owners = now;
            return new Answer(200, JsonObject.create().put("ok", true));
        }
        JsonObject root = JsonObject.create();
        JsonArray users = root.putArray("users");
        pkg.owners.forEach(o -> users.addObject().put("login", o));
        return new Answer(200, root);
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> query = new LinkedHashMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                int eq = pair.indexOf('=');
                query.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return query;
    }

    private static Answer error(int status, String detail) {
        JsonObject root = JsonObject.create();
        root.putArray("errors").addObject().put("detail", detail);
        return new Answer(status, root);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }

    private record Answer(int status, JsonObject json) {
    }
}
