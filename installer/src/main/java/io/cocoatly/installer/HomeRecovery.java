package io.cocoatly.installer;

import io.cocoatly.config.Home;
import io.cocoatly.config.Config;
import io.cocoatly.json.AtomicFiles;
import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.ErrorKind;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Version;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Cleans up after an interrupted run, before anything else touches the home: staging directories
 * and temp files in {@code <home>/tmp}, temp files of {@code state.json}, {@code .cocoatly-*}
 * staging entries in the install directory, and {@code <install_dir>/<name>/<version>} directories
 * that {@code state.json} does not record (an extraction renamed into place just before a crash,
 * whose commit never happened). It never follows a symbolic link and never touches anything outside
 * the home and the install directory.
 */
public final class HomeRecovery {

    /** Prefix of staging entries inside the install directory (same filesystem as the packages). */
    public static final String STAGING_PREFIX = ".cocoatly-";

    /** Why something was removed. */
    public enum Kind {
        /** A staging directory or file of an interrupted run. */
        STAGING,
        /** A temp file of an interrupted atomic write. */
        TEMP_FILE,
        /** An installed directory the state does not record. */
        UNRECORDED_INSTALL
    }

    /** One removed file or directory (with everything under it). */
    public record Removed(Path path, Kind kind) {
        public Removed {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(kind, "kind");
        }
    }

    /** What {@link #recover} removed, sorted by path; empty after a clean exit. */
    public record Report(List<Removed> removed) {
        public Report {
            removed = removed.stream().sorted(Comparator.comparing(Removed::path)).toList();
        }

        public boolean isEmpty() {
            return removed.isEmpty();
        }
    }

    private final List<Removed> removed = new ArrayList<>();

    private HomeRecovery() {
    }

    /**
     * Removes the leftovers of interrupted runs.
     *
     * @param lock  proof that the caller holds the home's lock; no other run can be mid-way
     * @param state the committed state, read under the same lock
     * @throws IllegalStateException if {@code lock} is not a held lock of {@code home}
     * @throws CocoatlyException code {@code recovery-failed} if something cannot be removed
     */
    public static Report recover(Home home, Config config, State state, InstallLock lock) {
        if (!lock.isHeld() || !lock.lockFile().equals(home.lockFile())) {
            throw new IllegalStateException("recover() needs the held lock of " + home.root());
        }
        HomeRecovery recovery = new HomeRecovery();
        recovery.clearTmp(home.tmpDir());
        recovery.removeTempFiles(home.root(), home.stateFile());
        recovery.removeUnrecorded(config.storage().installDir(), state);
        return new Report(recovery.removed);
    }

    private void clearTmp(Path tmp) {
        for (Path entry : list(tmp)) {
            remove(entry, Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS) ? Kind.STAGING : Kind.TEMP_FILE);
        }
    }

    private void removeTempFiles(Path dir, Path target) {
        for (Path entry : list(dir)) {
            if (AtomicFiles.isTempFileOf(entry, target) && Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) {
                remove(entry, Kind.TEMP_FILE);
            }
        }
    }

    private void removeUnrecorded(Path installDir, State state) {
        // Both spellings of each recorded path: a home reached through a symbolic link must not
        // make the packages recorded under its real path look unrecorded.
        Set<Path> recorded = new HashSet<>();
        for (StatePackage p : state.packages()) {
            recorded.add(p.installPath().normalize());
            realPath(p.installPath()).ifPresent(recorded::add);
        }
        for (Path entry : list(installDir)) {
            String name = entry.getFileName().toString();
            if (name.startsWith(STAGING_PREFIX)) {
                remove(entry, Kind.STAGING);
            } else if (PackageName.problem(name) == null && Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                removeUnrecordedVersions(entry, recorded);
            }
        }
    }

    private void removeUnrecordedVersions(Path packageDir, Set<Path> recorded) {
        boolean keptAny = false;
        for (Path entry : list(packageDir)) {
            if (Version.isValid(entry.getFileName().toString()) && !isRecorded(entry, recorded)) {
                remove(entry, Kind.UNRECORDED_INSTALL);
            } else {
                keptAny = true;
            }
        }
        if (!keptAny && !isRecorded(packageDir, recorded)) {
            remove(packageDir, Kind.UNRECORDED_INSTALL);
        }
    }

    // Recorded itself, or holding something recorded.
    private static boolean isRecorded(Path path, Set<Path> recorded) {
        List<Path> spellings = new ArrayList<>();
        spellings.add(path.toAbsolutePath().normalize());
        realPath(path).ifPresent(spellings::add);
        return recorded.stream().anyMatch(r -> spellings.stream().anyMatch(r::startsWith));
    }

    private static Optional<Path> realPath(Path path) {
        try {
            return Optional.of(path.toRealPath());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static List<Path> list(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            stream.forEach(entries::add);
        } catch (IOException e) {
            throw failed(dir, e);
        }
        entries.sort(Comparator.naturalOrder());
        return entries;
    }

    // A link is deleted, never what it points to (see PackageFiles.deleteTree).
    private void remove(Path path, Kind kind) {
        try {
            PackageFiles.deleteTree(path);
        } catch (UncheckedIOException e) {
            throw failed(path, e.getCause());
        }
        removed.add(new Removed(path, kind));
    }

    private static CocoatlyException failed(Path path, IOException e) {
        return new CocoatlyException(ErrorKind.FAILED, "recovery-failed", "cannot clean up `" + path + "` left by an interrupted run: "
                + e.getMessage(), List.of("remove it by hand, then run the command again"), e);
    }
}
