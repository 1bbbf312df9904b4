package io.cocoatly.config;

import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.ErrorKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The Cocoatly home: {@code $COCOATLY_HOME} if set, else {@code ~/.cocoatly}. Its layout:
 * {@code config.json}, {@code state.json}, {@code cocoatly.lock}, {@code plugins/},
 * {@code packages/} (default install dir), {@code cache/} (default cache dir) and {@code tmp/} (the
 * staging area cleared by {@link HomeRecovery}).
 *
 * @param root absolute and normalised
 */
public record Home(Path root) {

    /** The environment variable that moves the home. */
    public static final String ENV = "COCOATLY_HOME";

    /** The hint for a file in the home (or an installer message) that holds no JSON value at all. */
    public static final String EMPTY_FILE_HINT = "write a JSON object, e.g. {}";

    /** The file that marks a directory as a Cocoatly home, written when Cocoatly creates or adopts it. */
    public static final String MARKER = ".cocoatly-home";

    // Every name Cocoatly itself puts in a home (the paths below are built from them); an unmarked home
    // whose entries are all among these, or that has a file only Cocoatly writes (state.json,
    // cocoatly.lock), is adopted: it was made by an earlier Cocoatly (before the marker) or by a command
    // that wrote in it before any command marked it. The marker itself is listed because another
    // process may be creating the same new home.
    private static final String CREDENTIALS = "credentials.json";
    private static final String DAEMON = "daemon";
    private static final String REGISTRY_DATABASE = "registry-db";
    private static final String REGISTRY_ARTIFACTS = "registry-artifacts";
    private static final String KEYS = "keys";
    private static final Set<String> LAYOUT = Set.of("config.json", "state.json", "cocoatly.lock", "plugins", "packages",
            "cache", "tmp", "global.json", "global-lock.json", "global-journal.json", CREDENTIALS, DAEMON,
            REGISTRY_DATABASE, REGISTRY_ARTIFACTS, KEYS, MARKER);
    private static final Set<String> WRITTEN_BY_COCOATLY = Set.of("state.json", "cocoatly.lock");
    private static final String MARKER_TEXT = "This directory is a Cocoatly home: Cocoatly creates, changes and deletes"
            + " files in it. See docs/config.md.\n";

    /**
     * @throws IllegalArgumentException if {@code root} is empty (which would mean the working directory)
     *     or contains a NUL character
     */
    public Home {
        Objects.requireNonNull(root, "root");
        if (root.toString().isEmpty() || root.toString().indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a home must be a non-empty path without NUL characters: `" + root + "`");
        }
        root = root.toAbsolutePath().normalize();
    }

    /**
     * The home for this environment. The caller passes the environment (the CLI its {@code Context}'s,
     * tests their own), so nothing here reads process-wide state.
     *
     * @param env      the environment variables; {@code COCOATLY_HOME} wins when set and not empty
     * @param userHome the user's home directory, used when {@code COCOATLY_HOME} is not set
     */
    public static Home locate(Map<String, String> env, Path userHome) {
        String override = env.get(ENV);
        if (override != null && !override.isBlank()) {
            return new Home(Path.of(override));
        }
        if (userHome == null) {
            throw new CocoatlyException(ErrorKind.FAILED, "no-home", "cannot find the Cocoatly home: `" + ENV + "` is not set and the user"
                    + " home directory is unknown", List.of("set `" + ENV + "` to a directory Cocoatly may use"));
        }
        return new Home(userHome.resolve(".cocoatly"));
    }

    public Path configFile() {
        return root.resolve("config.json");
    }

    public Path stateFile() {
        return root.resolve("state.json");
    }

    /** The file whose OS lock {@link InstallLock} holds; it also records the holder's pid. */
    public Path lockFile() {
        return root.resolve("cocoatly.lock");
    }

    public Path pluginsDir() {
        return root.resolve("plugins");
    }

    /** The default install directory ({@code storage.install_dir}). */
    public Path packagesDir() {
        return root.resolve("packages");
    }

    /** The default download cache ({@code cache.dir}). */
    public Path cacheDir() {
        return root.resolve("cache");
    }

    /** Staging area for downloads and temp files; everything in it is a leftover once no one holds the lock. */
    public Path tmpDir() {
        return root.resolve("tmp");
    }

    /** The registry tokens that {@code cocoatly login} keeps ({@link Credentials}). */
    public Path credentialsFile() {
        return root.resolve(CREDENTIALS);
    }

    /** Where {@code cocoatly keygen} writes a signing key pair and {@code cocoatly publish} reads it, by default. */
    public Path keysDir() {
        return root.resolve(KEYS);
    }

    /** Where the resident daemon writes its address and log. */
    public Path daemonDir() {
        return root.resolve(DAEMON);
    }

    /** The data directory of the embedded PostgreSQL that {@code cocoatly registry ... --db embedded} starts. */
    public Path registryDatabaseDir() {
        return root.resolve(REGISTRY_DATABASE);
    }

    /** The artifacts of a database registry served from this home, unless {@code --artifacts} puts them elsewhere. */
    public Path registryArtifactsDir() {
        return root.resolve(REGISTRY_ARTIFACTS);
    }

    /**
     * Creates the home and its {@code tmp/} directory if missing, and makes sure the home is
     * Cocoatly's before anything in it is changed or deleted: a new or empty directory is marked with
     * {@link #MARKER}; an unmarked one with files is adopted (marked) only if it looks like a home of an
     * earlier Cocoatly: it has {@code state.json} or {@code cocoatly.lock}, or it holds nothing but
     * the names of a home's layout ({@code config.json}, {@code packages/}, ...).
     *
     * @throws CocoatlyException code {@code not-a-home} (invalid input) for an unmarked directory with
     *     other files; {@code home-unwritable} if the home cannot be created or marked
     */
    public Home create() {
        try {
            Path marker = root.resolve(MARKER);
            if (!Files.isRegularFile(marker, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectories(root);
                if (!looksLikeAHome()) {
                    throw new CocoatlyException(ErrorKind.INVALID_INPUT, "not-a-home", "not a Cocoatly home: `" + root
                            + "` has files and no `" + MARKER + "`", List.of("point `" + ENV + "` at an empty or new"
                            + " directory", "if it is a Cocoatly home, create the file `" + marker + "` and run the"
                            + " command again"));
                }
                Files.writeString(marker, MARKER_TEXT);
            }
            Files.createDirectories(tmpDir());
        } catch (IOException e) {
            throw new CocoatlyException(ErrorKind.FAILED, "home-unwritable", "cannot create the Cocoatly home `" + root + "`: " + e.getMessage(),
                    List.of("set `" + ENV + "` to a writable directory"), e);
        }
        return this;
    }

    /**
     * Marks the home as {@link #create()} does where that accepts it (a new or empty directory, or one
     * that looks like a home of an earlier Cocoatly), and otherwise leaves it as it is: for what only
     * adds files of its own to the home and deletes nothing, such as a plugin's hook or command, which
     * must not fail because the user keeps files of theirs there (a plugin's settings) or because the
     * home cannot be written. Marked, the home is then taken as Cocoatly's by every later command.
     *
     * @return whether the home is marked now
     */
    public boolean markIfAdoptable() {
        try {
            create();
            return true;
        } catch (CocoatlyException e) {
            return false;
        }
    }

    private boolean looksLikeAHome() throws IOException {
        try (Stream<Path> entries = Files.list(root)) {
            List<String> names = entries.map(p -> p.getFileName().toString()).toList();
            return names.stream().anyMatch(n -> WRITTEN_BY_COCOATLY.contains(n) && Files.isRegularFile(root.resolve(n),
                    LinkOption.NOFOLLOW_LINKS)) || LAYOUT.containsAll(names);
        }
    }
}
