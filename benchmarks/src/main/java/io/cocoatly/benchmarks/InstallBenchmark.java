package io.cocoatly.benchmarks;

import com.sun.net.httpserver.HttpServer;
import io.cocoatly.artifact.ArchivePacker;
import io.cocoatly.artifact.Checksums;
import io.cocoatly.artifact.DigestAlgorithm;
import io.cocoatly.artifact.Ed25519Keys;
import io.cocoatly.artifact.Ed25519SigningKey;
import io.cocoatly.config.Home;
import io.cocoatly.installer.InstallListener;
import io.cocoatly.installer.InstallOutcome;
import io.cocoatly.installer.InstallRequest;
import io.cocoatly.installer.InstallSettings;
import io.cocoatly.installer.LocalInstaller;
import io.cocoatly.config.ConfigReader;
import io.cocoatly.artifact.Signatures;
import io.cocoatly.lockfile.LockedPackage;
import io.cocoatly.lockfile.Lockfile;
import io.cocoatly.lockfile.LockfileReader;
import io.cocoatly.lockfile.LockfileWriter;
import io.cocoatly.lockfile.ManifestInfo;
import io.cocoatly.lockfile.ResolverInfo;
import io.cocoatly.model.Artifact;
import io.cocoatly.model.PackageId;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Version;
import io.cocoatly.model.VersionPolicy;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Executors;

/**
 * Installs 200 packages (sizes drawn log-normally, a few MB in all) from a loopback HTTP server:
 * cold (empty cache and install root), warm (cache filled, empty install root) and no-op (everything
 * current), against the baseline {@code install-baseline.sh} (8 parallel {@code curl | tee
 * >(sha256sum) | tar -xz}) on the same server in the same run. Wall-clock, several rounds; prints
 * one line per measurement and the medians. Not JMH: each measurement is one whole install.
 *
 * <p>Usage: {@code java -cp ... io.cocoatly.benchmarks.InstallBenchmark [work-dir] [rounds]}. With
 * {@code --no-op HOME REGISTRY LOCKFILE} it instead times a single no-op install from {@code main}'s
 * entry, in a fresh JVM.
 */
public final class InstallBenchmark {

    private static final int PACKAGES = 200;

    private InstallBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 4 && args[0].equals("--no-op")) {
            long start = System.nanoTime();
            Home home = new Home(Path.of(args[1]));
            InstallOutcome o = new LocalInstaller(home, InstallSettings.from(ConfigReader.read(home))).apply(
                    new InstallRequest(LockfileReader.read(Path.of(args[3])), Optional.of(URI.create(args[2]))),
                    InstallListener.NONE);
            System.out.println((System.nanoTime() - start) / 1_000_000 + " " + o.plan().isNoOp());
            return;
        }
        Path work = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("cocoatly-install-bench");
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path registry = work.resolve("registry");
        Ed25519SigningKey key = Ed25519SigningKey.read(Ed25519Keys.generate(work.resolve("keys")).privateKeyFile());
        Lockfile lockfile = buildRegistry(registry, key, new Random(7));
        long total = lockfile.packages().stream().mapToLong(p -> p.artifact().get().size()).sum();
        System.out.printf(Locale.ROOT, "%d packages, %.2f MiB of artifacts%n", PACKAGES, total / 1048576.0);
        HttpServer server = serve(registry);
        URI root = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
        Path urls = work.resolve("urls.txt");
        StringBuilder list = new StringBuilder();
        for (LockedPackage p : lockfile.packages()) {
            list.append(p.name()).append(' ').append(root.resolve(p.artifact().get().url())).append('\n');
        }
        Files.writeString(urls, list);
        Path lockPath = work.resolve("cocoatly-lock.json");
        LockfileWriter.write(lockfile, lockPath);
        String config = "{\"security\": {\"trusted_keys\": [\"" + key.publicKey().base64() + "\"]}, \"cache\": {\"dir\": \""
                + work.resolve("cache") + "\"}}";
        List<Long> cold = new ArrayList<>();
        List<Long> warm = new ArrayList<>();
        List<Long> noOp = new ArrayList<>();
        List<Long> baseline = new ArrayList<>();
        List<Long> noOpFresh = new ArrayList<>();
        try {
            for (int r = 0; r < rounds; r++) {
                delete(work.resolve("cache"));
                cold.add(install(work, "cold" + r, config, lockfile, root));
                warm.add(install(work, "warm" + r, config, lockfile, root));
                long t = System.nanoTime();
                Home home = new Home(work.resolve("warm" + r));
                new LocalInstaller(home, InstallSettings.from(ConfigReader.read(home)))
                        .apply(new InstallRequest(lockfile, Optional.of(root)), InstallListener.NONE);
                noOp.add((System.nanoTime() - t) / 1_000_000);
                noOpFresh.add(freshJvmNoOp(work.resolve("warm" + r), root, lockPath));
                baseline.add(baseline(work, urls, "base" + r));
                System.out.printf(Locale.ROOT, "round %d: cold %d ms, warm %d ms, no-op %d ms (fresh JVM: %d ms),"
                        + " baseline %d ms%n", r, cold.get(r), warm.get(r), noOp.get(r), noOpFresh.get(r), baseline.get(r));
                delete(work.resolve("cold" + r));
                delete(work.resolve("warm" + r));
                delete(work.resolve("base" + r));
            }
        } finally {
            server.stop(0);
        }
        long c = median(cold);
        long b = median(baseline);
        System.out.printf(Locale.ROOT, "median: cold %d ms (%.1f MiB/s), warm %d ms, no-op %d ms, no-op in a fresh JVM"
                + " %d ms, baseline %d ms (%.1f MiB/s); cold throughput = %.2fx baseline%n", c, total / 1048576.0 / (c / 1000.0),
                median(warm), median(noOp), median(noOpFresh), b, total / 1048576.0 / (b / 1000.0), (double) b / c);
    }

    private static long install(Path work, String name, String config, Lockfile lockfile, URI root) throws IOException {
        Home home = new Home(work.resolve(name)).create();
        Files.writeString(home.configFile(), config);
        long t = System.nanoTime();
        new LocalInstaller(home, InstallSettings.from(ConfigReader.read(home)))
                .apply(new InstallRequest(lockfile, Optional.of(root)), InstallListener.NONE);
        return (System.nanoTime() - t) / 1_000_000;
    }

    private static long freshJvmNoOp(Path home, URI root, Path lockPath) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                InstallBenchmark.class.getName(), "--no-op", home.toString(), root.toString(), lockPath.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        p.waitFor();
        if (!out.endsWith(" true")) {
            throw new IllegalStateException("the fresh-JVM install was not a no-op: " + out);
        }
        return Long.parseLong(out.split(" ")[0]);
    }

    private static long baseline(Path work, Path urls, String name) throws IOException, InterruptedException {
        Path script = Path.of(System.getProperty("cocoatly.repo", ".")).resolve("benchmarks/install-baseline.sh");
        Process p = new ProcessBuilder("bash", script.toString(), urls.toString(), work.resolve(name).toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("baseline failed: " + out);
        }
        return Long.parseLong(out);
    }

    // Sizes log-normal around 8 KiB (a few packages of several hundred KiB), half text, half noise,
    // so gzip behaves as on real packages.
    private static Lockfile buildRegistry(Path registry, Ed25519SigningKey key, Random random) throws IOException {
        List<LockedPackage> packages = new ArrayList<>();
        List<List<PackageId>> order = new ArrayList<>();
        for (int i = 0; i < PACKAGES; i++) {
            String name = String.format(Locale.ROOT, "pkg%03d", i);
            PackageId id = new PackageId(PackageName.of(name), Version.parse("1.0.0"));
            Path tree = registry.resolve("src").resolve(name);
            int files = 1 + random.nextInt(8);
            for (int f = 0; f < files; f++) {
                long size = Math.min(2_000_000, (long) Math.exp(Math.log(8192) + 1.3 * random.nextGaussian()) / files);
                byte[] bytes = new byte[(int) Math.max(1, size)];
                for (int k = 0; k < bytes.length; k++) {
                    bytes[k] = k % 2 == 0 ? (byte) ('a' + random.nextInt(16)) : (byte) random.nextInt(256);
                }
                Path p = tree.resolve(f % 2 == 0 ? "lib" : "share").resolve("file" + f);
                Files.createDirectories(p.getParent());
                Files.write(p, bytes);
            }
            String url = "artifacts/" + name + "-1.0.0.tar.gz";
            Path archive = registry.resolve(url);
            Files.createDirectories(archive.getParent());
            ArchivePacker.pack(tree, archive);
            Checksums sums = Checksums.of(archive, EnumSet.of(DigestAlgorithm.SHA256));
            Artifact.Signature sig = Signatures.sign(key, id, sums.get(DigestAlgorithm.SHA256).get());
            packages.add(new LockedPackage(id, "bench", Optional.of(new Artifact(url, Files.size(archive), sums.toMap(),
                    Optional.of(sig))), List.of()));
            order.add(List.of(id));
        }
        return Lockfile.format1(new ManifestInfo(PackageName.of("bench"), Version.parse("0.1.0"), "sha256:" + "0".repeat(64)),
                new ResolverInfo(true, List.of(), VersionPolicy.ONE_PER_PACKAGE), packages, order);
    }

    private static HttpServer serve(Path root) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
        server.setExecutor(Executors.newFixedThreadPool(16, r -> {
            Thread t = new Thread(r, "bench-http");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", exchange -> {
            try (exchange) {
                Path file = root.resolve(exchange.getRequestURI().getPath().substring(1)).normalize();
                if (!file.startsWith(root) || !Files.isRegularFile(file)) {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
                byte[] bytes = Files.readAllBytes(file);
                exchange.sendResponseHeaders(200, bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        });
        server.start();
        return server;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
