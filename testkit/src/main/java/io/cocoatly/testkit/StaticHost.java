package io.cocoatly.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real HTTP server on loopback ({@code 127.0.0.1}, a free port) serving a registry directory as a
 * static host with caching does: strong {@code ETag}s (a digest of the bytes), {@code Last-Modified},
 * a configurable {@code Cache-Control}, and {@code 304} to a matching {@code If-None-Match}. What
 * the registry client's tests need to see and to break:
 * <ul>
 *   <li>it counts requests per path and keeps a log line per request
 *       ({@code GET /index/a.json 200}, with {@code token} when an {@code Authorization} came);</li>
 *   <li>it measures concurrency as data, not time: the most requests in flight at once, and the
 *       number of <em>bursts</em> (times the in-flight count rose from 0), which is the number of
 *       sequential round trips a client made when each answer is held for a moment;</li>
 *   <li>faults per path: {@link Fault#ERROR_500}, {@link Fault#STALL}, {@link Fault#TRUNCATE},
 *       {@link Fault#CORRUPT}, {@link Fault#WRONG_ETAG}; {@link #dieAfter} drops every request
 *       after the n-th, as a server that died;</li>
 *   <li>a bearer token it requires ({@code 401} without it or with another) and one it refuses
 *       ({@code 403}).</li>
 * </ul>
 * Close it to stop it; stalled requests are released then.
 */
public final class StaticHost implements AutoCloseable {

    /** What a path's next answers do instead of serving the file. */
    public enum Fault {
        /** {@code 500 Internal Server Error}. */
        ERROR_500,
        /** Headers are sent, then nothing until the server is closed. */
        STALL,
        /** The announced length, then half the bytes, then the connection is closed. */
        TRUNCATE,
        /** A complete 200 whose body is not JSON. */
        CORRUPT,
        /** The file with a new random {@code ETag} each time, so no revalidation ever matches. */
        WRONG_ETAG
    }

    static {
        // The JDK server otherwise stalls 40 ms on every response with a body (Nagle + delayed ACK).
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    private final Path root;
    private final HttpServer server;
    private final ExecutorService pool = Executors.newFixedThreadPool(32, r -> {
        Thread t = new Thread(r, "registry-server");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, AtomicInteger> perPath = new ConcurrentHashMap<>();
    private final Map<String, Fault> faults = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> faultsLeft = new ConcurrentHashMap<>();
    private final List<String> log = new ArrayList<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final AtomicInteger bursts = new AtomicInteger();
    private final AtomicInteger total = new AtomicInteger();
    private final AtomicLong holdMillis = new AtomicLong();
    private volatile int dieAfter = Integer.MAX_VALUE;
    private volatile long bytesPerSecond;
    private volatile String cacheControl;
    private volatile String requiredToken;
    private volatile String refusedToken;

    private StaticHost(Path root) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
        server.setExecutor(pool);
        server.createContext("/", this::serve);
        server.start();
    }

    /**
     * Starts serving {@code root} without {@code Cache-Control} (so every command revalidates).
     *
     * @throws IOException if no loopback port can be bound
     */
    public static StaticHost of(Path root) throws IOException {
        return new StaticHost(root);
    }

    /** The root URL, ending in {@code /}. */
    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    /** Sends {@code value} as {@code Cache-Control} with every 200, 304 and 404 from now on; null for none. */
    public StaticHost cacheControl(String value) {
        this.cacheControl = value;
        return this;
    }

    /** Holds every answer this long before sending it, so that concurrent requests overlap. */
    public StaticHost holdEachAnswer(long millis) {
        holdMillis.set(millis);
        return this;
    }

    /**
     * Sends every body at about {@code bytesPerSecond} (in 4 KiB pieces), so that a download takes
     * long enough for its progress to be seen; 0 for full speed.
     */
    public StaticHost throttle(long bytesPerSecond) {
        this.bytesPerSecond = bytesPerSecond;
        return this;
    }

    /** From now on, answers 401 to every request without {@code Authorization: Bearer <token>}. */
    public StaticHost requireToken(String token) {
        this.requiredToken = token;
        return this;
    }

    /** From now on, answers 403 to a request bearing {@code token}: a token without the right to read. */
    public StaticHost refuseToken(String token) {
        this.refusedToken = token;
        return this;
    }

    /** The next {@code times} requests for {@code path} (e.g. {@code /index/a.json}) get {@code fault}. */
    public StaticHost fault(String path, Fault fault, int times) {
        faults.put(path, fault);
        faultsLeft.put(path, new AtomicInteger(times));
        return this;
    }

    /** Requests after the first {@code n} (counted from now on, whatever the path) are dropped unanswered. */
    public StaticHost dieAfter(int n) {
        this.dieAfter = total.get() + n;
        return this;
    }

    /** Requests answered for {@code path} so far. */
    public int requests(String path) {
        AtomicInteger n = perPath.get(path);
        return n == null ? 0 : n.get();
    }

    /** Requests received so far, whatever their fate. */
    public int requests() {
        return total.get();
    }

    /** One line per request in arrival order, e.g. {@code GET /index/a.json 304} or {@code ... 200 token}. */
    public List<String> log() {
        synchronized (log) {
            return List.copyOf(log);
        }
    }

    /** Forgets the counts and the log; the faults and settings stay. */
    public void resetCounts() {
        synchronized (log) {
            log.clear();
        }
        perPath.clear();
        maxInFlight.set(0);
        bursts.set(0);
    }

    /** The most requests that were in flight at once. */
    public int maxInFlight() {
        return maxInFlight.get();
    }

    /** How many times the in-flight count rose from 0: the client's sequential round trips. */
    public int bursts() {
        return bursts.get();
    }

    private void serve(HttpExchange exchange) throws IOException {
        int n = total.incrementAndGet();
        if (n > dieAfter) {
            // A dead server: the connection closes with no answer at all.
            exchange.close();
            return;
        }
        if (inFlight.getAndIncrement() == 0) {
            bursts.incrementAndGet();
        }
        maxInFlight.accumulateAndGet(inFlight.get(), Math::max);
        String path = exchange.getRequestURI().getPath();
        perPath.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        try (exchange) {
            hold();
            answer(exchange, path, auth);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private void hold() {
        long millis = holdMillis.get();
        if (millis > 0) {
            try {
                closed.await(millis, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private int answer(HttpExchange exchange, String path, String auth) throws IOException {
        String required = requiredToken;
        if (refusedToken != null && ("Bearer " + refusedToken).equals(auth)) {
            return empty(exchange, 403);
        }
        if (required != null && !("Bearer " + required).equals(auth)) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
            return empty(exchange, 401);
        }
        Optional<Fault> fault = takeFault(path);
        if (fault.isPresent() && fault.get() == Fault.ERROR_500) {
            return empty(exchange, 500);
        }
        Path file = root.resolve(path.substring(1)).normalize();
        if (!file.startsWith(root) || !Files.isRegularFile(file)) {
            cacheHeaders(exchange);
            return empty(exchange, 404);
        }
        byte[] bytes = Files.readAllBytes(file);
        String etag = fault.isPresent() && fault.get() == Fault.WRONG_ETAG
                ? "\"" + java.util.UUID.randomUUID() + "\"" : etag(bytes);
        exchange.getResponseHeaders().set("ETag", etag);
        exchange.getResponseHeaders().set("Last-Modified", HTTP_DATE.format(Files.getLastModifiedTime(file).toInstant()));
        cacheHeaders(exchange);
        if (fault.isEmpty() && etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
            return empty(exchange, 304);
        }
        if (fault.isPresent() && fault.get() == Fault.CORRUPT) {
            bytes = "<html>not json".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        send(exchange, 200, bytes.length == 0 ? -1 : bytes.length);
        OutputStream out = exchange.getResponseBody();
        if (fault.isPresent() && fault.get() == Fault.STALL) {
            out.flush();
            awaitClose();
            return 200;
        }
        if (fault.isPresent() && fault.get() == Fault.TRUNCATE) {
            out.write(bytes, 0, bytes.length / 2);
            out.flush();
            // Closing the exchange with bytes still owed drops the connection, as a crash does.
            return 200;
        }
        write(out, bytes);
        out.close();
        return 200;
    }

    private void write(OutputStream out, byte[] bytes) throws IOException {
        long rate = bytesPerSecond;
        if (rate <= 0) {
            out.write(bytes);
            return;
        }
        int piece = 4096;
        for (int at = 0; at < bytes.length; at += piece) {
            out.write(bytes, at, Math.min(piece, bytes.length - at));
            out.flush();
            try {
                if (closed.await(piece * 1000L / rate, TimeUnit.MILLISECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private Optional<Fault> takeFault(String path) {
        AtomicInteger left = faultsLeft.get(path);
        if (left == null || left.getAndDecrement() <= 0) {
            return Optional.empty();
        }
        return Optional.of(faults.get(path));
    }

    private void cacheHeaders(HttpExchange exchange) {
        String control = cacheControl;
        if (control != null) {
            exchange.getResponseHeaders().set("Cache-Control", control);
        }
    }

    private int empty(HttpExchange exchange, int status) throws IOException {
        send(exchange, status, -1);
        return status;
    }

    /**
     * Logs the request with its status, then sends the status line. Logged first: a client that has
     * its answer must find its request in {@link #log()} (logged after, a test reading the log as
     * soon as the client returns could miss the last line).
     */
    private void send(HttpExchange exchange, int status, long length) throws IOException {
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        synchronized (log) {
            log.add("GET " + exchange.getRequestURI().getPath() + " " + status + (auth == null ? "" : " token"));
        }
        exchange.sendResponseHeaders(status, length);
    }

    private void awaitClose() {
        try {
            closed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A strong tag: the first 16 hex digits of the bytes' SHA-256. */
    static String etag(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return "\"" + HexFormat.of().formatHex(digest, 0, 8) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** Stops the server at once, releasing stalled requests and dropping those under way. */
    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
        pool.shutdownNow();
    }
}
