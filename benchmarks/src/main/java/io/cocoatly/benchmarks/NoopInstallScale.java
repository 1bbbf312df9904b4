package io.cocoatly.benchmarks;

import io.cocoatly.config.Home;
import io.cocoatly.installer.State;
import io.cocoatly.installer.StateFileEntry;
import io.cocoatly.installer.StatePackage;
import io.cocoatly.installer.StateStore;
import io.cocoatly.lockfile.LockedPackage;
import io.cocoatly.lockfile.LockfileWriter;
import io.cocoatly.model.PackageId;
import io.cocoatly.testkit.TestRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * A no-op install against 100, 1,000 and 10,000 installed packages: how the lock, recovery's scan
 * of the install directory, reading {@code state.json} and planning grow with the installation. The
 * installed state is generated directly (a {@code state.json}, each package's directory with two
 * files, and a lockfile listing exactly those packages without artifacts), not installed package by
 * package. Each measurement is {@link InstallBenchmark}'s {@code --no-op} mode in a fresh JVM, timed
 * from {@code main}'s first line, so JVM start is excluded.
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.cocoatly.benchmarks.NoopInstallScale WORK_DIR [runs]
 * [sizes...]}; prints each run and the median per size. {@code -Dcocoatly.noop.classpath=JAR} runs the
 * measured installs from another build (to compare with an earlier version). See
 * {@code docs/performance-install.md}.
 */
public final class NoopInstallScale {

    private NoopInstallScale() {
    }

    /** Runs the measurement; the class comment gives the arguments. */
    public static void main(String[] args) throws Exception {
        Path work = Path.of(args.length > 0 ? args[0] : "target/noop-scale");
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        List<Integer> sizes = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            sizes.add(Integer.parseInt(args[i]));
        }
        if (sizes.isEmpty()) {
            sizes = List.of(100, 1_000, 10_000);
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // -Dcocoatly.noop.classpath=<an older build's jar> measures that build on the same generated homes.
        String classpath = System.getProperty("cocoatly.noop.classpath", System.getProperty("java.class.path"));
        for (int size : sizes) {
            Path dir = work.resolve("n" + size);
            Path lockfile = generate(dir, size);
            List<Long> millis = new ArrayList<>();
            for (int run = 0; run < runs; run++) {
                Process p = new ProcessBuilder(java, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp",
                        classpath, InstallBenchmark.class.getName(), "--no-op",
                        dir.resolve("home").toString(), dir.toUri().toString(), lockfile.toString())
                        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                if (p.waitFor() != 0 || !out.endsWith(" true")) {
                    throw new IllegalStateException("not a no-op install at " + size + " packages: " + out);
                }
                millis.add(Long.parseLong(out.split(" ")[0]));
            }
            System.out.println(size + " packages: runs " + millis + " ms, median " + median(millis) + " ms");
        }
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    // A home with `size` packages installed and recorded, and the lockfile that describes them.
    private static Path generate(Path dir, int size) throws IOException {
        Home home = new Home(dir.resolve("home")).create();
        Path lockfile = dir.resolve("cocoatly-lock.json");
        if (Files.exists(lockfile)) {
            return lockfile;
        }
        List<StatePackage> packages = new ArrayList<>();
        List<LockedPackage> locked = new ArrayList<>();
        Instant now = Instant.parse("2026-12-01T00:00:00Z");
        for (int i = 0; i < size; i++) {
            PackageId id = PackageId.of(String.format("pkg%05d", i), "1.0.0");
            Path root = home.packagesDir().resolve(id.name().value()).resolve("1.0.0");
            Files.createDirectories(root.resolve("lib"));
            String text = id + "\n";
            Files.writeString(root.resolve("README"), text);
            packages.add(new StatePackage(id, "bench", Optional.empty(), root, List.of(
                    new StateFileEntry.Regular("README", text.length(), 0644, sha256(text)),
                    new StateFileEntry.Directory("lib", 0755)), now));
            locked.add(new LockedPackage(id, "bench", Optional.empty(), List.of()));
        }
        StateStore.write(home, new State(packages));
        LockfileWriter.write(TestRegistry.lockfile(locked), lockfile);
        return lockfile;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
