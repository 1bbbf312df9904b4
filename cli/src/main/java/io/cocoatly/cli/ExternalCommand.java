package io.cocoatly.cli;

import io.cocoatly.config.Home;
import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.ErrorKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code cocoatly NAME ARGS…} for a NAME that is no built-in command, as git and cargo do it: an
 * executable {@code cocoatly-NAME} in {@code <home>/plugins/}, else in a directory of {@code PATH},
 * runs with ARGS, and its exit code is Cocoatly's. So a plugin can be written in any language.
 * It gets Cocoatly's environment plus {@code COCOATLY_HOME}, the home this run uses.
 *
 * <p>Only a name that could be a command is looked up ({@code [a-z0-9][a-z0-9-]*}), so no argument
 * becomes a path; a built-in command always wins over an executable of the same name.
 */
final class ExternalCommand {

    /** What an external command's executable is called before its name. */
    static final String PREFIX = "cocoatly-";

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");

    private ExternalCommand() {
    }

    /**
     * Runs the external command {@code args[0]} names, if it is one.
     *
     * @return its exit code, or empty when {@code args[0]} is an option, a built-in command, or no
     *     executable of that name is found (picocli then reports the unknown command)
     */
    static Optional<Integer> dispatch(Context context, String... args) {
        if (args.length == 0 || !NAME.matcher(args[0]).matches() || isBuiltIn(args[0])) {
            return Optional.empty();
        }
        Home home = CommandSettings.home(context);
        return find(context.env(), home, args[0]).map(exe -> run(context, home, exe,
                Arrays.asList(args).subList(1, args.length)));
    }

    /** Whether {@code name} is a built-in command's name or alias ({@link CocoatlyCommand#NAMES}). */
    static boolean isBuiltIn(String name) {
        return CocoatlyCommand.NAMES.containsKey(name);
    }

    /**
     * Every external command there is, by name, each with the executable that runs for it: those of
     * {@code <home>/plugins/}, then those of {@code PATH}'s directories in order, the first of a name
     * winning, built-in names left out (they never run). For {@code --help} and {@code plugins list}.
     */
    static Map<String, Path> all(Map<String, String> env, Home home) {
        Map<String, Path> found = new java.util.TreeMap<>();
        for (Path dir : directories(env, home)) {
            // Unsorted: a directory has each name once, and `found` orders them. Sorting every file of
            // /usr/bin was a tenth of `--help`'s time (docs/performance-startup.md).
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
                for (Path p : files) {
                    String file = p.getFileName().toString();
                    if (!file.startsWith(PREFIX)) {
                        continue;
                    }
                    String name = file.substring(PREFIX.length());
                    if (NAME.matcher(name).matches() && !isBuiltIn(name) && !found.containsKey(name)
                            && Files.isRegularFile(p) && Files.isExecutable(p)) {
                        found.put(name, p);
                    }
                }
            } catch (IOException | RuntimeException e) {
                // A missing or unreadable directory of PATH has no commands, as for the shell.
            }
        }
        return found;
    }

    private static List<Path> directories(Map<String, String> env, Home home) {
        List<Path> dirs = new ArrayList<>();
        dirs.add(home.pluginsDir());
        dirs.addAll(pathDirectories(env));
        return dirs;
    }

    /** The directories of {@code PATH} in {@code env}, in order, empty entries left out. */
    static List<Path> pathDirectories(Map<String, String> env) {
        List<Path> dirs = new ArrayList<>();
        for (String dir : env.getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty()) {
                dirs.add(Path.of(dir));
            }
        }
        return dirs;
    }

    /** {@code <home>/plugins/cocoatly-NAME}, else the first executable {@code cocoatly-NAME} on {@code PATH}. */
    static Optional<Path> find(Map<String, String> env, Home home, String name) {
        return directories(env, home).stream().map(d -> d.resolve(PREFIX + name))
                .filter(p -> Files.isRegularFile(p) && Files.isExecutable(p)).findFirst();
    }

    private static int run(Context context, Home home, Path exe, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(exe.toString());
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).directory(context.cwd().toFile());
        builder.environment().clear();
        builder.environment().putAll(context.env());
        builder.environment().put(Home.ENV, home.root().toString());
        // The real terminal is handed over as it is (a plugin may be interactive, or ask whether it
        // writes to a terminal); a run in-process (tests, embedders) is piped through its Context.
        boolean real = context.in() == System.in;
        if (real) {
            builder.inheritIO();
        }
        context.out().flush();
        context.err().flush();
        try {
            Process process = builder.start();
            if (real) {
                return process.waitFor();
            }
            Thread in = pump(() -> copy(context.in(), process.getOutputStream()));
            Thread out = pump(() -> copy(process.getInputStream(), context.out()));
            Thread err = pump(() -> copy(process.getErrorStream(), context.err()));
            int code = process.waitFor();
            out.join();
            err.join();
            in.interrupt();
            context.out().flush();
            context.err().flush();
            return code;
        } catch (IOException e) {
            throw new CocoatlyException(ErrorKind.FAILED, "external-command-failed", "cannot run `" + exe + "`: "
                    + e.getMessage(), List.of("check that it is an executable file"), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CocoatlyException(ErrorKind.FAILED, "external-command-failed", "interrupted while `" + exe
                    + "` ran", List.of());
        }
    }

    /** An I/O copy that may fail quietly: the other side closed (the command ended), nothing to report. */
    private interface Copy {
        void run() throws IOException;
    }

    private static Thread pump(Copy copy) {
        Thread t = new Thread(() -> {
            try {
                copy.run();
            } catch (IOException e) {
                // The process ended or closed its stream; what it wrote so far was copied.
            }
        }, "cocoatly-external-io");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void copy(InputStream from, OutputStream to) throws IOException {
        try (to) {
            from.transferTo(to);
        }
    }

    private static void copy(InputStream from, PrintWriter to) throws IOException {
        try (Reader reader = new InputStreamReader(from, StandardCharsets.UTF_8)) {
            char[] buffer = new char[8192];
            for (int n; (n = reader.read(buffer)) >= 0; ) {
                synchronized (to) {
                    to.write(buffer, 0, n);
                    to.flush();
                }
            }
        }
    }
}
