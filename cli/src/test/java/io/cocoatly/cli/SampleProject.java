package io.cocoatly.cli;

import io.cocoatly.artifact.Ed25519PublicKey;
import io.cocoatly.lockfile.LockedPackage;
import io.cocoatly.lockfile.Lockfile;
import io.cocoatly.lockfile.LockfileReader;
import io.cocoatly.lockfile.LockfileWriter;
import io.cocoatly.model.Artifact;
import io.cocoatly.model.PackageId;
import io.cocoatly.testkit.GoldenFile;
import io.cocoatly.testkit.TestRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * The demo project over a copy of the signed sample registry, in a temp dir, with a Cocoatly home
 * that trusts the sample key and names no registry: the registry is only where a test passes it.
 * The copy can be moved, served or stripped of its index without touching {@code testdata/}.
 */
final class SampleProject {

    private static final Path TESTDATA = GoldenFile.repo().resolve("testdata");

    private final Path dir;

    private SampleProject(Path dir) {
        this.dir = dir;
    }

    static SampleProject in(Path dir) {
        try {
            copyTree(TESTDATA.resolve("registry"), dir.resolve("registry"));
            Files.createDirectories(dir.resolve("app"));
            Files.copy(TESTDATA.resolve("demo/cocoatly.json"), dir.resolve("app/cocoatly.json"));
            Files.createDirectories(dir.resolve("home"));
            String key = Ed25519PublicKey.read(TESTDATA.resolve("keys/sample.pub")).base64();
            InstallFixture.trust(dir.resolve("home"), key);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new SampleProject(dir);
    }

    Path registry() {
        return dir.resolve("registry");
    }

    Path project() {
        return dir.resolve("app");
    }

    Path lockfilePath() {
        return project().resolve(Lockfile.FILE_NAME);
    }

    Path stateFile() {
        return project().resolve(".cocoatly/state.json");
    }

    /** Runs the CLI in the project with only the home set: no registry unless {@code args} name one. */
    CliRunner.Result run(String... args) {
        return runIn(project(), args);
    }

    /** Runs the CLI as {@link #run} does, in {@code cwd}: a subdirectory of the project, or elsewhere. */
    CliRunner.Result runIn(Path cwd, String... args) {
        return new CliRunner(cwd, Map.of("COLUMNS", "100", "COCOATLY_HOME", dir.resolve("home").toString(),
                "HOME", dir.toString())).run(args);
    }

    Lockfile lockfile() {
        return LockfileReader.read(lockfilePath());
    }

    /**
     * Rewrites the lockfile with its packages changed by {@code edit}, as a person editing it would:
     * still a valid lockfile (the install order follows the edited dependencies), only no longer
     * what the registry says.
     */
    void editPackages(UnaryOperator<List<LockedPackage>> edit) {
        Lockfile l = lockfile();
        List<LockedPackage> packages = edit.apply(l.packages());
        List<List<PackageId>> order = TestRegistry.lockfile(packages).installOrder();
        LockfileWriter.write(new Lockfile(l.format(), l.manifest(), l.resolver(), l.sources(), packages, order),
                lockfilePath());
    }

    /** Rewrites the lockfile as format 1 wrote it: no sources, artifact URLs relative to the registry. */
    void downgradeToFormat1() {
        Lockfile l = lockfile();
        List<LockedPackage> relative = l.packages().stream().map(p -> {
            String base = l.source(p.source()).orElseThrow().url().toString();
            return new LockedPackage(p.id(), p.source(), p.artifact().map(a -> new Artifact(
                    a.url().substring(base.length()), a.size(), a.checksums(), a.signature())), p.dependencies());
        }).toList();
        LockfileWriter.write(Lockfile.format1(l.manifest(), l.resolver(), relative, l.installOrder()), lockfilePath());
    }

    /** The package named {@code name} in {@code packages}. */
    static LockedPackage named(List<LockedPackage> packages, String name) {
        return packages.stream().filter(p -> p.name().value().equals(name)).findFirst().orElseThrow();
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
    }

    static void deleteTree(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
