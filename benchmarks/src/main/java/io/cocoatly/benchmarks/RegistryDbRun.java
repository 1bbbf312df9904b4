package io.cocoatly.benchmarks;

import io.cocoatly.artifact.ArchivePacker;
import io.cocoatly.artifact.Checksums;
import io.cocoatly.artifact.DigestAlgorithm;
import io.cocoatly.artifact.Ed25519SigningKey;
import io.cocoatly.artifact.Signatures;
import io.cocoatly.model.Artifact;
import io.cocoatly.model.PackageId;
import io.cocoatly.model.PackageListing;
import io.cocoatly.registry.RegistryEditor;
import io.cocoatly.registry.db.DatabaseSettings;
import io.cocoatly.registry.db.EmbeddedDatabase;
import io.cocoatly.registry.db.FileArtifactStore;
import io.cocoatly.registry.db.RegistryDatabase;
import io.cocoatly.registry.server.AccessLog;
import io.cocoatly.registry.server.DirectoryBackend;
import io.cocoatly.registry.server.RegistryBackend;
import io.cocoatly.registry.server.RegistryServer;
import io.cocoatly.registry.server.Scope;
import io.cocoatly.registry.server.ServerOptions;
import io.cocoatly.testkit.TestRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The database registry's write and search figures of docs/performance-registry.md, through HTTP
 * on loopback against a real {@link RegistryServer}:
 *
 * <ul>
 *   <li>{@code publish WORK [PUBLISHERS] [VERSIONS]}: PUBLISHERS concurrent publishers (8), each
 *       publishing VERSIONS (25) versions of its own package, into a PostgreSQL registry and into a
 *       directory registry in the same run; versions per second and the ratio. Bodies (packed,
 *       signed, framed) are built before the clock starts.</li>
 *   <li>{@code search WORK}: the whole crates.io 2019 index imported into PostgreSQL, then 2,000
 *       searches of four kinds (exact names, 3-letter prefixes, names with two letters swapped,
 *       one-word queries), one at a time; p50 and p99 per kind.</li>
 * </ul>
 */
public final class RegistryDbRun {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private RegistryDbRun() {
    }

    /** See the class comment. */
    public static void main(String[] args) throws Exception {
        if (args.length < 2 || !Set.of("publish", "search").contains(args[0])) {
            System.err.println("usage: RegistryDbRun publish WORK [PUBLISHERS] [VERSIONS] | search WORK");
            System.exit(2);
        }
        Path work = Path.of(args[1]).toAbsolutePath();
        if (Files.exists(work)) {
            throw new IllegalArgumentException(work + " exists; give a new directory");
        }
        if (args[0].equals("publish")) {
            publish(work, args.length > 2 ? Integer.parseInt(args[2]) : 8, args.length > 3 ? Integer.parseInt(args[3]) : 25);
        } else {
            search(work);
        }
    }

    private static void publish(Path work, int publishers, int versions) throws Exception {
        System.out.printf("%d publishers x %d versions, each of its own package, over HTTP on loopback (%d cores)%n",
                publishers, versions, Runtime.getRuntime().availableProcessors());
        double dir;
        Path dirRegistry = work.resolve("dir-registry");
        RegistryEditor.init(dirRegistry, "bench");
        DirectoryBackend directory = new DirectoryBackend(dirRegistry);
        try (RegistryServer server = RegistryServer.start(dirRegistry, directory, ServerOptions.defaults(), AccessLog.NONE)) {
            dir = publishAll(work.resolve("dir-bodies"), directory, server.url(), publishers, versions);
        }
        System.out.printf("directory registry:  %.1f versions/s%n", dir);
        double db;
        try (EmbeddedDatabase postgres = EmbeddedDatabase.start(work.resolve("pg"))) {
            EmbeddedDatabase.Urls urls = postgres.database("bench");
            try (RegistryDatabase registry = RegistryDatabase.open(DatabaseSettings.of(urls.server()),
                    new FileArtifactStore(work.resolve("artifacts")))) {
                registry.describeIfNew("bench");
                try (RegistryServer server = RegistryServer.start(registry.files(), registry.backend(), ServerOptions.defaults(),
                        AccessLog.NONE)) {
                    db = publishAll(work.resolve("db-bodies"), registry.backend(), server.url(), publishers, versions);
                }
            }
        }
        System.out.printf("PostgreSQL registry: %.1f versions/s (%.2fx the directory)%n", db, db / dir);
    }

    /** Versions per second of {@code publishers} threads publishing {@code versions} each. */
    private static double publishAll(Path bodies, RegistryBackend backend, URI url, int publishers, int versions) throws Exception {
        List<String> tokens = new ArrayList<>();
        List<List<byte[]>> requests = new ArrayList<>();
        for (int p = 0; p < publishers; p++) {
            String login = "publisher" + p;
            Ed25519SigningKey key = TestRegistry.newKey(bodies.resolve("keys-" + p));
            backend.addUser(login, key.publicKey());
            tokens.add(backend.createToken(login, EnumSet.allOf(Scope.class), List.of("*"), Optional.empty()).text());
            List<byte[]> mine = new ArrayList<>();
            for (int v = 0; v < versions; v++) {
                mine.add(body(bodies, key, "pkg" + p, "1.0." + v));
            }
            requests.add(mine);
        }
        ExecutorService pool = Executors.newFixedThreadPool(publishers);
        try {
            long start = System.nanoTime();
            List<Future<?>> done = new ArrayList<>();
            for (int p = 0; p < publishers; p++) {
                int who = p;
                done.add(pool.submit(() -> {
                    for (byte[] request : requests.get(who)) {
                        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(url.resolve("api/v1/packages/new"))
                                .header("Authorization", "Bearer " + tokens.get(who))
                                .PUT(HttpRequest.BodyPublishers.ofByteArray(request)).build(), HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() != 200) {
                            throw new IllegalStateException("publish answered " + r.statusCode() + ": " + r.body());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            return publishers * versions / ((System.nanoTime() - start) / 1e9);
        } finally {
            pool.shutdownNow();
        }
    }

    private static void search(Path work) throws Exception {
        List<PackageListing> listings = new ArrayList<>();
        CratesIndex.open().parseAll(listings::add);
        int releases = CratesDatabase.writeRegistry(work.resolve("registry"), listings);
        System.out.printf("crates.io 2019: %d packages, %d versions%n", listings.size(), releases);
        try (EmbeddedDatabase postgres = EmbeddedDatabase.start(work.resolve("pg"))) {
            EmbeddedDatabase.Urls urls = postgres.database("crates");
            try (RegistryDatabase registry = RegistryDatabase.open(DatabaseSettings.of(urls.server()), new CratesDatabase.NoArtifacts())) {
                long start = System.nanoTime();
                registry.importDirectory(work.resolve("registry"), List.of());
                System.out.printf("imported in %.1f s%n", (System.nanoTime() - start) / 1e9);
                postgres.vacuumAnalyze("crates");
                try (RegistryServer server = RegistryServer.start(registry.files(), registry.backend(), ServerOptions.defaults(),
                        AccessLog.NONE)) {
                    Random random = new Random(20191110);
                    List<String> names = listings.stream().map(l -> l.name().value()).toList();
                    // Warm-up: the JIT, the pool, PostgreSQL's caches.
                    time(server.url(), sample(names, random, 200, s -> s));
                    System.out.printf("%-22s %10s %10s%n", "search (500 each)", "p50 ms", "p99 ms");
                    report("exact name", time(server.url(), sample(names, random, 500, s -> s)));
                    report("3-letter prefix", time(server.url(), sample(names, random, 500, s -> s.substring(0, Math.min(3, s.length())))));
                    report("two letters swapped", time(server.url(), sample(names, random, 500, RegistryDbRun::swapped)));
                    report("one word", time(server.url(), sample(names, random, 500, s -> s.split("[-_]")[0])));
                }
            }
        }
    }

    private static List<String> sample(List<String> names, Random random, int n, java.util.function.UnaryOperator<String> shape) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(shape.apply(names.get(random.nextInt(names.size()))));
        }
        return out;
    }

    private static String swapped(String name) {
        if (name.length() < 4) {
            return name;
        }
        char[] c = name.toCharArray();
        char t = c[1];
        c[1] = c[2];
        c[2] = t;
        return new String(c);
    }

    private static long[] time(URI url, List<String> queries) throws Exception {
        long[] nanos = new long[queries.size()];
        for (int i = 0; i < nanos.length; i++) {
            URI q = url.resolve("api/v1/packages?q=" + URLEncoder.encode(queries.get(i), StandardCharsets.UTF_8) + "&per_page=10");
            long start = System.nanoTime();
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(q).build(), HttpResponse.BodyHandlers.ofString());
            nanos[i] = System.nanoTime() - start;
            if (r.statusCode() != 200) {
                throw new IllegalStateException("search answered " + r.statusCode() + ": " + r.body());
            }
        }
        return nanos;
    }

    private static void report(String kind, long[] nanos) {
        System.out.printf("%-22s %10s %10s%n", kind, Percentiles.millis(Percentiles.median(nanos)),
                Percentiles.millis(Percentiles.of(nanos, 99)));
    }

    /** A signed, framed publish body (docs/registry-protocol.md §2.1) of a fresh archive. */
    private static byte[] body(Path dir, Ed25519SigningKey key, String name, String version) throws IOException {
        Path src = Files.createDirectories(dir.resolve(name + "-" + version));
        String manifest = "{\"name\": \"" + name + "\", \"version\": \"" + version + "\", \"dependencies\": {}}\n";
        Files.writeString(src.resolve("cocoatly.json"), manifest);
        Files.writeString(src.resolve("README.md"), "# " + name + " " + version + "\n");
        Path archive = dir.resolve(name + "-" + version + ".tar.gz");
        ArchivePacker.pack(src, archive);
        String sha256 = Checksums.of(archive, Set.of(DigestAlgorithm.SHA256)).get(DigestAlgorithm.SHA256).orElseThrow();
        Artifact.Signature sig = Signatures.sign(key, PackageId.of(name, version), sha256);
        String metadata = "{\"name\": \"" + name + "\", \"version\": \"" + version + "\", \"dependencies\": {}, \"signature\": "
                + "{\"key\": \"" + sig.key() + "\", \"ed25519\": \"" + sig.ed25519() + "\"}, \"description\": \"benchmark package\"}";
        byte[] meta = metadata.getBytes(StandardCharsets.UTF_8);
        byte[] bytes = Files.readAllBytes(archive);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(le(meta.length));
        out.writeBytes(meta);
        out.writeBytes(le(bytes.length));
        out.writeBytes(bytes);
        return out.toByteArray();
    }

    private static byte[] le(int n) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(n).array();
    }
}
