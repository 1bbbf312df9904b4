package io.cocoatly.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import picocli.CommandLine;

/**
 * The training run of {@code bin/cocoatly}'s AppCDS archive: every command once, in one JVM, so that
 * the class list the launcher records ({@code -XX:DumpLoadedClassList}) and dumps into
 * {@code cli/target/cocoatly.jsa} holds what each command loads, whichever runs first after a build
 * (docs/performance-startup.md).
 *
 * <p>Each command runs in-process through {@link Cli#run}, with output discarded, in a scratch
 * directory that is deleted afterwards: a home and a copy of the demo project of its own, the sample
 * registry only read, and publishing into a scratch registry. Nothing outside the scratch directory is
 * written and no network is used. Without {@code testdata/} only the commands that need no data run
 * ({@code --help} of every command, {@code --version}, {@code semver}, {@code keygen}, {@code init},
 * {@code config}, {@code cache}, {@code completion}, {@code plugins list} and three failing runs).
 *
 * <p>What the training leaves out costs more than its own classes: a class missing from the archive
 * is looked for on the class path jar by jar, each jar opened on the way (docs/performance-startup.md,
 * "classes the archive left out"). {@code LauncherProcessTest} checks some commands against that.
 */
public final class CdsTraining {

    private CdsTraining() {
    }

    /**
     * Runs the training; the one argument is the checkout's {@code testdata} directory (it may be
     * missing). Exits 0 even if a command failed: a smaller archive is still a correct one.
     */
    public static void main(String[] args) throws IOException {
        Main.context(); // what every run loads before Cli.run: Main, Console.detect and its method reference
        Path scratch = Files.createTempDirectory("cocoatly-cds-");
        try {
            for (Run run : train(Path.of(args.length > 0 ? args[0] : "testdata"), scratch)) {
                if (run.exitCode() != run.expected()) {
                    System.err.println("cocoatly: training run `" + String.join(" ", run.args()) + "` ended with "
                            + run.exitCode());
                }
            }
        } finally {
            delete(scratch);
        }
        System.exit(0);
    }

    /** One command of the training, the exit code it should end with, and the one it ended with. */
    record Run(List<String> args, int expected, int exitCode) {
    }

    /** Runs every training command in {@code scratch} (an empty directory) and returns what each ended with. */
    static List<Run> train(Path testdata, Path scratch) throws IOException {
        Path home = Files.createDirectories(scratch.resolve("home"));
        Path project = Files.createDirectories(scratch.resolve("demo"));
        Map<String, String> env = Map.of("COCOATLY_HOME", home.toString(), "HOME", scratch.toString());
        List<Run> runs = new ArrayList<>();
        Trainer t = (expected, cwd, args) -> runs.add(new Run(List.of(args), expected, Cli.run(new Context(
                new PrintWriter(Writer.nullWriter()), new PrintWriter(Writer.nullWriter()),
                new ByteArrayInputStream(new byte[0]), env, cwd, false), args)));

        t.run(scratch);
        t.run(scratch, "--help");
        t.run(scratch, "--version");
        for (Class<?> command : CocoatlyCommand.SUBCOMMANDS) {
            t.run(scratch, command.getAnnotation(CommandLine.Command.class).name(), "--help");
        }
        t.run(scratch, "semver", "-r", "^1.2", "1.1.0", "1.2.0", "2.0.0");
        t.run(scratch, "semver", "--json", "-r", "^1.2", "1.2.0");
        t.run(scratch, "keygen", "--out", scratch.resolve("keys").toString());
        // The everyday commands that need no registry, each once on the scratch home: a class left out
        // of the archive is looked for jar by jar, opening each on the way.
        t.run(scratch, "init", "--name", "training", scratch.resolve("new").toString());
        t.run(scratch, "config", "list");
        t.run(scratch, "config", "set", "network.timeout_seconds", "30");
        t.run(scratch, "config", "get", "network.timeout_seconds");
        t.run(scratch, "config", "unset", "network.timeout_seconds");
        t.run(scratch, "cache", "info");
        t.run(scratch, "cache", "clean");
        t.run(scratch, "completion", "bash");
        t.run(scratch, "plugins", "list");
        // Mistakes are answered as fast: a mistyped command and a mistyped option (usage errors, exit 2).
        t.run(2, scratch, "instal");
        t.run(2, scratch, "semver", "--rnage", "^1");
        // And a failing command's typed error (exit codes, rendering): here, no project to resolve.
        t.run(2, scratch, "resolve", "--registry", scratch.resolve("missing").toString());

        Path registry = testdata.resolve("registry");
        if (!Files.isDirectory(registry) || !Files.isRegularFile(testdata.resolve("demo/cocoatly.json"))) {
            return runs;
        }
        Files.writeString(home.resolve("config.json"), "{\"security\": {\"trusted_keys\": [\""
                + testdata.resolve("keys/sample.pub").toAbsolutePath().toString().replace("\\", "\\\\") + "\"]}}\n");
        Files.copy(testdata.resolve("demo/cocoatly.json"), project.resolve("cocoatly.json"));
        String r = registry.toAbsolutePath().toString();
        t.run(project, "resolve", "--registry", r);
        t.run(project, "resolve", "--json", "--registry", r);
        // Explaining a selection runs the SAT solver, which nothing above needs: without this run sat4j's
        // classes were left out, and the first command to solve searched the jars for each of them.
        t.run(project, "resolve", "--explain", "--registry", r);
        t.run(project, "why", "tls", "--registry", r);
        t.run(project, "lock", "--registry", r);
        t.run(project, "lock", "--check", "--registry", r);
        t.run(project, "tree");
        t.run(project, "outdated", "--registry", r);
        t.run(project, "update", "--registry", r);
        t.run(project, "install", "--registry", r);
        t.run(project, "install", "--locked", "--registry", r);
        t.run(project, "install", "--locked", "--json", "--registry", r);
        t.run(project, "list");
        t.run(project, "verify");
        t.run(project, "add", "rand", "--registry", r);
        t.run(project, "remove", "rand", "--registry", r);
        t.run(scratch, "install", "itoa@^1.0", "--registry", r);
        t.run(scratch, "uninstall", "itoa");
        t.run(1, scratch, "check", "--registry", r); // the sample registry holds uninstallable versions
        t.run(1, scratch, "check", "--json", "--registry", r);
        // `--option=value`: picocli matches the attached form with classes the separate form never
        // loads, and a class missing from the archive is looked for jar by jar (60 ms on `check`).
        t.run(1, scratch, "check", "--multiple-versions=one-per-package", "--json", "--registry=" + r);
        t.run(scratch, "search", "http", "--registry", r);
        t.run(scratch, "info", "http", "--registry", r);

        // A workspace of two members over the same registry: what its lock, check and install load.
        Path workspace = Files.createDirectories(scratch.resolve("workspace"));
        Files.writeString(workspace.resolve("cocoatly.json"), "{\"workspace\": {\"members\": [\"packages/*\"]}}\n");
        Files.writeString(Files.createDirectories(workspace.resolve("packages/lib")).resolve("cocoatly.json"),
                "{\"name\": \"lib\", \"version\": \"0.1.0\", \"dependencies\": {\"json\": \"^1.0\", \"log\": \"^0.4\"}}\n");
        Files.writeString(Files.createDirectories(workspace.resolve("packages/app")).resolve("cocoatly.json"),
                "{\"name\": \"app\", \"version\": \"0.1.0\", \"dependencies\": {\"lib\": \"^0.1\", \"http\": \"^1.0\"}}\n");
        t.run(workspace, "lock", "--registry", r);
        t.run(workspace, "lock", "--check", "--registry", r);
        t.run(workspace.resolve("packages/app"), "tree");
        t.run(workspace, "install", "--locked", "--registry", r);

        String published = scratch.resolve("registry").toString();
        t.run(scratch, "registry", "init", published, "--name", "training");
        t.run(scratch, "publish", testdata.resolve("packages/itoa-1.0.0").toAbsolutePath().toString(),
                "--registry", published, "--key", scratch.resolve("keys/cocoatly.key").toString());
        t.run(scratch, "yank", "itoa@1.0.0", "--registry", published);
        return runs;
    }

    /** Runs one command in a working directory. */
    private interface Trainer {
        void run(int expected, Path cwd, String... args);

        default void run(Path cwd, String... args) {
            run(0, cwd, args);
        }
    }

    /** Deletes {@code dir} and everything under it, as far as it can: it is a scratch directory. */
    private static void delete(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            // Left for the system's temporary-file cleaning; the archive does not depend on it.
        }
    }
}
