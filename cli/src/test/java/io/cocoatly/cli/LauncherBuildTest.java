package io.cocoatly.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cocoatly.testkit.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/cocoatly}'s build check, in real processes on a checkout laid out in a temporary
 * directory: the real launcher, a {@code pom.xml} and a module source, and a built jar. The launcher
 * rebuilds when the output is missing or a source is newer than the jar, and only then. Maven is
 * never run: {@code COCOATLY_MVN} points at a script that records its arguments and working
 * directory, and {@code JAVA} at one that records the command it was given, so a test takes
 * milliseconds and cannot rebuild the real checkout.
 */
class LauncherBuildTest {

    private static final Instant BUILT = Instant.now().minus(1, ChronoUnit.HOURS);

    @TempDir
    Path dir;

    private Path root;
    private Path jar;
    private Path source;

    @BeforeEach
    void layOutABuiltCheckout() throws IOException {
        root = dir.resolve("checkout");
        Path launcher = root.resolve("bin/cocoatly");
        Files.createDirectories(launcher.getParent());
        Files.copy(TestData.path("bin/cocoatly"), launcher);
        executable(launcher);
        source = root.resolve("model/src/main/java/io/cocoatly/model/Version.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, "class Version {}\n");
        Files.writeString(root.resolve("pom.xml"), "<project/>\n");
        Files.writeString(root.resolve("model/pom.xml"), "<project/>\n");
        Files.createDirectories(root.resolve("cli/target/lib"));
        jar = Files.writeString(root.resolve("cli/target/cocoatly.jar"), "");
        // Sources written before the build; their directories too (adding or removing a file
        // changes a directory's time, and the launcher looks at both).
        try (Stream<Path> walk = Files.walk(root.resolve("model"))) {
            for (Path p : Stream.concat(walk, Stream.of(root.resolve("pom.xml"))).toList()) {
                Files.setLastModifiedTime(p, FileTime.from(BUILT.minus(1, ChronoUnit.HOURS)));
            }
        }
        Files.setLastModifiedTime(jar, FileTime.from(BUILT));
        script(dir.resolve("mvn"), "echo \"$PWD $*\" >> \"" + dir.resolve("mvn.log") + "\"\n");
        script(dir.resolve("java"), "echo \"$*\" >> \"" + dir.resolve("java.log") + "\"\n");
    }

    @Test
    void anUntouchedCheckoutIsNotRebuilt() throws Exception {
        Run run = launch(Map.of(), "--version");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("", run.err());
        assertFalse(Files.exists(dir.resolve("mvn.log")), "Maven ran on an untouched checkout");
        assertTrue(read("java.log").strip().endsWith("io.cocoatly.cli.Main --version"), () -> read("java.log"));
        // The build's command descriptions are named to the run (CommandModel.DIRECTORY).
        assertTrue(read("java.log").contains("-D" + CommandModel.DIRECTORY + "=" + root.resolve("cli/target/cocoatly-model")
                + " -cp "), () -> read("java.log"));
    }

    @Test
    void aSourceNewerThanTheJarIsRebuiltOnceThenTheCommandRuns() throws Exception {
        Files.setLastModifiedTime(source, FileTime.from(Instant.now()));
        Run run = launch(Map.of(), "--version");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("cocoatly: model/src/main/java/io/cocoatly/model/Version.java is newer than the build; building it first"
                + " (mvn -q -DskipTests package) ...\n", run.err());
        assertEquals(root + " -B -q -DskipTests package\n", read("mvn.log"));
        assertTrue(read("java.log").strip().endsWith("io.cocoatly.cli.Main --version"), () -> read("java.log"));

        // The build is current now, even though (as Maven does for an unchanged module) the fake
        // build left the jar as it was: the launcher touched it.
        Run again = launch(Map.of(), "--version");
        assertEquals("", again.err());
        assertEquals(1, read("mvn.log").lines().count(), "built twice");
    }

    @Test
    void aNewerPomIsRebuilt() throws Exception {
        Files.setLastModifiedTime(root.resolve("model/pom.xml"), FileTime.from(Instant.now()));
        Run run = launch(Map.of(), "--version");
        assertEquals("cocoatly: model/pom.xml is newer than the build; building it first (mvn -q -DskipTests package) ...\n",
                run.err());
        assertEquals(1, read("mvn.log").lines().count());
    }

    @Test
    void aMissingJarIsBuilt() throws Exception {
        Files.delete(jar);
        Run run = launch(Map.of(), "--version");
        assertEquals("cocoatly: build output missing; building it first (mvn -q -DskipTests package) ...\n", run.err());
        assertEquals(1, read("mvn.log").lines().count());
    }

    @Test
    void aGivenClassPathIsNeverRebuilt() throws Exception {
        Files.setLastModifiedTime(source, FileTime.from(Instant.now()));
        Files.delete(jar);
        Run run = launch(Map.of("COCOATLY_CLASSPATH", "elsewhere.jar"), "--version");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("", run.err());
        assertFalse(Files.exists(dir.resolve("mvn.log")), "Maven ran although COCOATLY_CLASSPATH was set");
        assertTrue(read("java.log").contains("-cp elsewhere.jar io.cocoatly.cli.Main --version"), () -> read("java.log"));
        assertFalse(read("java.log").contains(CommandModel.DIRECTORY), "descriptions of the build named for another class path");
    }

    @Test
    void aFailedBuildStopsTheLauncherWithMavensExitCode() throws Exception {
        script(dir.resolve("mvn"), "echo 'BUILD FAILURE' >&2\nexit 3\n");
        Files.setLastModifiedTime(source, FileTime.from(Instant.now()));
        Run run = launch(Map.of(), "--version");
        assertEquals(3, run.exitCode());
        assertTrue(run.err().endsWith("BUILD FAILURE\n"), run.err());
        assertFalse(Files.exists(dir.resolve("java.log")), "the command ran on a failed build");
        assertEquals(BUILT, Files.getLastModifiedTime(jar).toInstant(), "a failed build must stay stale");
    }

    /**
     * The JVM flags of a short command, with and without the start-up archive (docs/performance-startup.md):
     * no perf-data file, the archive mapped where it was dumped for, not relocated, and huge pages where
     * the kernel offers them; {@code registry serve}, which runs for hours, keeps its own options.
     */
    @Test
    void shortCommandsRunWithoutPerfDataAndTheServerWithItsOwnOptions() throws Exception {
        // A java that "records" an archive: it writes the class list and the archive it is asked for.
        script(dir.resolve("java"), "for a; do case $a in -XX:DumpLoadedClassList=*) echo x > \"${a#*=}\" ;;"
                + " -XX:SharedArchiveFile=*.tmp) echo x > \"${a#*=}\" ;; esac; done\n"
                + "echo \"$*\" >> \"" + dir.resolve("java.log") + "\"\n");
        assertEquals(0, launch(Map.of("COCOATLY_CDS", "1"), "--version").exitCode());
        String withArchive = last(read("java.log"));
        assertTrue(withArchive.contains("-XX:SharedArchiveFile=" + root.resolve("cli/target/cocoatly.jsa") + " "),
                withArchive);
        assertTrue(withArchive.contains(" -XX:-UsePerfData "), withArchive);
        assertTrue(withArchive.contains(" -XX:+UnlockDiagnosticVMOptions -XX:ArchiveRelocationMode=0 "), withArchive);

        assertEquals(0, launch(Map.of(), "--version").exitCode());
        String without = last(read("java.log"));
        assertFalse(without.contains("SharedArchiveFile") || without.contains("ArchiveRelocationMode"), without);
        assertTrue(without.contains(" -XX:-UsePerfData "), without);

        assertEquals(0, launch(Map.of("COCOATLY_CDS", "1"), "registry", "serve").exitCode());
        String serve = last(read("java.log"));
        assertTrue(serve.startsWith("-XX:+UseParallelGC "), serve);
        assertFalse(serve.contains("UsePerfData"), serve);

        // Huge pages for the heap exactly where this machine's kernel offers them, and never to the server.
        Path thp = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");
        String mode = Files.isReadable(thp) ? Files.readString(thp) : "";
        boolean offered = mode.contains("[always]") || mode.contains("[madvise]");
        assertEquals(offered, withArchive.contains(" -XX:+UseTransparentHugePages "), () -> mode + withArchive);
        assertEquals(offered, without.contains(" -XX:+UseTransparentHugePages "), () -> mode + without);
        assertFalse(serve.contains("UseTransparentHugePages"), serve);
    }

    /**
     * The launcher names the checkout by cutting its own path where it can (a process less, see
     * bin/cocoatly) and through the shell otherwise: every way of calling it must give the same
     * class path, since the archive was recorded for that exact text.
     */
    @Test
    void theCheckoutIsFoundHoweverTheLauncherIsCalled() throws Exception {
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere/deeper"));
        Files.createSymbolicLink(elsewhere.resolve("direct"), root.resolve("bin/cocoatly"));
        Files.createSymbolicLink(elsewhere.resolve("relative"), Path.of("../../checkout/bin/cocoatly"));
        Files.createSymbolicLink(dir.resolve("chained"), Path.of("elsewhere/deeper/relative"));
        String expected = " -cp " + jar + ":" + root.resolve("cli/target/lib") + "/* io.cocoatly.cli.Main --version";
        List<List<String>> calls = List.of(
                List.of(root.resolve("bin/cocoatly").toString()),
                List.of(root + "/bin/../bin/cocoatly"),
                List.of(root + "/./bin/cocoatly"),
                List.of("checkout/bin/cocoatly"),
                List.of("sh", "cocoatly"),
                List.of(elsewhere.resolve("direct").toString()),
                List.of(elsewhere.resolve("relative").toString()),
                List.of("./chained"));
        for (List<String> call : calls) {
            ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(call));
            pb.command().add("--version");
            // `sh cocoatly` runs from bin/, every other call from the temporary directory.
            pb.directory(call.get(0).equals("sh") ? root.resolve("bin").toFile() : dir.toFile());
            Run run = launch(pb, Map.of());
            assertEquals(0, run.exitCode(), () -> call + ": " + run.err());
            assertTrue(last(read("java.log")).endsWith(expected), () -> call + " ran " + last(read("java.log")));
        }
        assertFalse(Files.exists(dir.resolve("mvn.log")), "a way of calling it made the build look stale");
    }

    /**
     * The start-up archive is recorded again when a jar of the build is newer than it, or when the
     * library directory is (a jar added or removed), and only then.
     */
    @Test
    void theArchiveIsRecordedAgainWhenAJarOrTheLibraryChanges() throws Exception {
        script(dir.resolve("java"), "for a; do case $a in -XX:DumpLoadedClassList=*) echo x > \"${a#*=}\" ;;"
                + " -XX:SharedArchiveFile=*.tmp) echo x > \"${a#*=}\" ;; esac; done\n"
                + "echo \"$*\" >> \"" + dir.resolve("java.log") + "\"\n");
        Path lib = root.resolve("cli/target/lib");
        Path library = Files.writeString(lib.resolve("library.jar"), "");
        Files.setLastModifiedTime(library, FileTime.from(BUILT));
        Files.setLastModifiedTime(lib, FileTime.from(BUILT));
        Path archive = root.resolve("cli/target/cocoatly.jsa");
        Map<String, String> cds = Map.of("COCOATLY_CDS", "1");

        assertEquals(0, launch(Map.of("COCOATLY_CDS", "1"), "--version").exitCode());
        assertEquals(1, recordings());
        assertEquals(0, launch(cds, "--version").exitCode());
        assertEquals(1, recordings(), "an archive newer than every jar was recorded again");
        assertTrue(last(read("java.log")).contains("-XX:SharedArchiveFile=" + archive + " "), () -> read("java.log"));

        Instant recorded = Files.getLastModifiedTime(archive).toInstant();
        Files.setLastModifiedTime(library, FileTime.from(recorded.plusSeconds(2)));
        assertEquals(0, launch(cds, "--version").exitCode());
        assertEquals(2, recordings(), "a library jar newer than the archive");
        Files.setLastModifiedTime(library, FileTime.from(BUILT)); // each case alone below

        recorded = Files.getLastModifiedTime(archive).toInstant();
        Files.setLastModifiedTime(lib, FileTime.from(recorded.plusSeconds(2)));
        assertEquals(0, launch(cds, "--version").exitCode());
        assertEquals(3, recordings(), "the library directory newer than the archive");
        Files.setLastModifiedTime(lib, FileTime.from(BUILT));

        recorded = Files.getLastModifiedTime(archive).toInstant();
        Files.setLastModifiedTime(jar, FileTime.from(recorded.plusSeconds(2)));
        assertEquals(0, launch(cds, "--version").exitCode());
        assertEquals(4, recordings(), "cocoatly.jar newer than the archive");
        Files.setLastModifiedTime(jar, FileTime.from(BUILT));
        assertEquals(0, launch(cds, "--version").exitCode());
        assertEquals(4, recordings(), "recorded again with every jar older than the archive");
    }

    private long recordings() {
        return read("java.log").lines().filter(l -> l.contains("-XX:DumpLoadedClassList=")).count();
    }

    private static String last(String log) {
        List<String> lines = log.lines().toList();
        return lines.get(lines.size() - 1);
    }

    private record Run(int exitCode, String err) {
    }

    /** Runs the laid-out launcher with {@code args}, the fake Maven and java, and {@code extra} set. */
    private Run launch(Map<String, String> extra, String... args) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(root.resolve("bin/cocoatly").toString());
        pb.command().addAll(List.of(args));
        pb.directory(dir.toFile());
        return launch(pb, extra);
    }

    /** Runs {@code pb} (a call of the laid-out launcher) with the fake Maven and java, and {@code extra} set. */
    private Run launch(ProcessBuilder pb, Map<String, String> extra) throws Exception {
        pb.redirectError(dir.resolve("err").toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Map<String, String> env = pb.environment();
        env.remove("COCOATLY_CLASSPATH");
        env.remove("COCOATLY_JAVA_OPTS");
        env.remove("COCOATLY_MAIN");
        env.put("COCOATLY_CDS", "0"); // the archive's own path is LauncherProcessTest's
        env.put("COCOATLY_MVN", dir.resolve("mvn").toString());
        env.put("JAVA", dir.resolve("java").toString());
        env.putAll(extra);
        Process p = pb.start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the launcher did not end");
        return new Run(p.exitValue(), read("err"));
    }

    private String read(String name) {
        try {
            return Files.readString(dir.resolve(name));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void script(Path path, String body) throws IOException {
        Files.writeString(path, "#!/bin/sh\n" + body);
        executable(path);
    }

    private static void executable(Path path) throws IOException {
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
