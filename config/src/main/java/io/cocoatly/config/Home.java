package io.cocoatly.config;

import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.ErrorKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

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

    public Home {
        Objects.requireNonNull(root, "root");
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

    /**
     * Creates the home and its {@code tmp/} directory if missing.
     *
     * @throws CocoatlyException with code {@code home-unwritable} if they cannot be created
     */
    public Home create() {
        try {
            Files.createDirectories(tmpDir());
        } catch (IOException e) {
            throw new CocoatlyException(ErrorKind.FAILED, "home-unwritable", "cannot create the Cocoatly home `" + root + "`: " + e.getMessage(),
                    List.of("set `" + ENV + "` to a writable directory"), e);
        }
        return this;
    }
}
