package io.cocoatly.installer;

import io.cocoatly.config.Config;
import io.cocoatly.config.Home;
import io.cocoatly.json.AtomicFiles;
import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.ErrorKind;
import io.cocoatly.model.InvalidFileException;
import io.cocoatly.model.PackageId;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Version;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cleans up after an interrupted run, before anything else touches the home, deleting only what
 * Cocoatly itself creates: everything in {@code <home>/tmp} (the home carries its
 * {@link Home#MARKER}), temp files of {@code state.json}, staging entries of the install directory
 * by their exact names, and {@code <install_dir>/<name>/<version>} directories that
 * {@code state.json} does not record (a package renamed into place just before a crash whose commit
 * never happened). A copy that a reinstall moved aside ({@code .cocoatly-replaced-<name>@<version>-*})
 * is put back when the recorded directory no longer matches {@code state.json} and the copy does: that
 * closes the reinstall window of {@link CommitStep}.
 *
 * <p>Before touching anything it checks that the install directory is Cocoatly's
 * ({@link #INSTALL_DIR_MARKER}, see {@code docs/config.md} for the adoption rule) and that every
 * recorded {@code install_path} is {@code <install_dir>/<name>/<version>}. It never follows a symbolic
 * link. A leftover that cannot be deleted is reported in {@link Report#skipped()} and left; the
 * command goes on, since staging names are never reused.
 */
public final class HomeRecovery {

    /** Prefix of Cocoatly's own entries inside the install directory (same filesystem as the packages). */
    public static final String STAGING_PREFIX = ".cocoatly-";

    /** The file that marks a directory as a Cocoatly install directory. */
    public static final String INSTALL_DIR_MARKER = ".cocoatly-packages";

    /** Prefix of a package directory a reinstall moved aside; {@code <name>@<version>-<8 hex>} follows. */
    static final String REPLACED_PREFIX = STAGING_PREFIX + "replaced-";

    /** Prefix of a staging directory; {@code <name>-<version>-<8 hex>} follows. */
    static final String STAGE_PREFIX = STAGING_PREFIX + "stage-";

    /** Prefix of a directory recovery moves out of the way before deleting it; {@code <8 hex>} follows. */
    static final String DISCARD_PREFIX = STAGING_PREFIX + "discard-";

    private static final Pattern REPLACED = Pattern.compile(Pattern.quote(REPLACED_PREFIX) + "(?:([^@/]+)@(.+)-)?[0-9a-f]{8}");
    private static final Pattern STAGED = Pattern.compile(Pattern.quote(STAGE_PREFIX) + ".+-[0-9a-f]{8}");
    private static final Pattern DISCARDED = Pattern.compile(Pattern.quote(DISCARD_PREFIX) + "[0-9a-f]{8}");
    private static final String MARKER_TEXT = "This directory holds packages installed by Cocoatly, which creates and deletes"
            + " directories in it; see docs/config.md.\n";

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
        /** @throws NullPointerException if an argument is null */
        public Removed {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(kind, "kind");
        }
    }

    /**
     * A leftover that could not be deleted and was left where it is.
     *
     * @param reason why, e.g. {@code permission denied}
     */
    public record Skipped(Path path, Kind kind, String reason) {
        /** @throws NullPointerException if an argument is null */
        public Skipped {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(reason, "reason");
        }

        /** {@code cannot remove `<path>` left by an interrupted run: permission denied; skipped it} */
        public String message() {
            return "cannot remove `" + path + "` left by an interrupted run: " + reason + "; skipped it (remove it by hand)";
        }
    }

    /**
     * What {@link #recover} did, each list sorted by path; all empty after a clean exit.
     *
     * @param removed  leftovers deleted
     * @param restored recorded package directories put back from the copy an interrupted reinstall
     *                 moved aside
     * @param skipped  leftovers that could not be deleted
     */
    public record Report(List<Removed> removed, List<Path> restored, List<Skipped> skipped) {
        /** Copies and sorts the lists. */
        public Report {
            removed = removed.stream().sorted(Comparator.comparing(Removed::path)).toList();
            restored = restored.stream().sorted().toList();
            skipped = skipped.stream().sorted(Comparator.comparing(Skipped::path)).toList();
        }

        /** A report of removals only (as an external installer sends it). */
        public Report(List<Removed> removed) {
            this(removed, List.of(), List.of());
        }

        /** Whether recovery found nothing at all. */
        public boolean isEmpty() {
            return removed.isEmpty() && restored.isEmpty() && skipped.isEmpty();
        }
    }

    /** Deletes a tree; the tests replace it to make a leftover undeletable even for root. */
    @FunctionalInterface
    interface Deleter {
        Deleter TREE = path -> {
            try {
                PackageFiles.deleteTree(path);
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        };

        void delete(Path path) throws IOException;
    }

    private final Deleter deleter;
    private final List<Removed> removed = new ArrayList<>();
    private final List<Path> restored = new ArrayList<>();
    private final List<Skipped> skipped = new ArrayList<>();

    private HomeRecovery(Deleter deleter) {
        this.deleter = deleter;
    }

    /**
     * Removes the leftovers of interrupted runs and puts back what an interrupted reinstall moved aside.
     *
     * @param lock  proof that the caller holds the home's lock; no other run can be mid-way
     * @param state the committed state, read under the same lock
     * @throws IllegalStateException if {@code lock} is not a held lock of {@code home}
     * @throws InvalidFileException code {@code invalid-state} if a recorded {@code install_path} is not
     *     {@code <install_dir>/<name>/<version>}
     * @throws CocoatlyException code {@code not-an-install-dir} if the install directory has files but
     *     is not Cocoatly's; {@code recovery-failed} (naming the path and the reason) if a directory
     *     cannot be read or a moved-aside copy cannot be put back
     */
    public static Report recover(Home home, Config config, State state, InstallLock lock) {
        return recover(home, config, state, lock, Deleter.TREE);
    }

    static Report recover(Home home, Config config, State state, InstallLock lock, Deleter deleter) {
        if (!lock.isHeld() || !lock.lockFile().equals(home.lockFile())) {
            throw new IllegalStateException("recover() needs the held lock of " + home.root());
        }
        Path installDir = config.storage().installDir().toAbsolutePath().normalize();
        checkInstallPaths(home, installDir, state);
        claimInstallDir(home, installDir, state);
        HomeRecovery recovery = new HomeRecovery(deleter);
        recovery.clearTmp(home.tmpDir());
        recovery.removeTempFiles(home.root(), home.stateFile());
        recovery.cleanInstallDir(installDir, state);
        return new Report(recovery.removed, recovery.restored, recovery.skipped);
    }

    /**
     * Refuses a state that records a package anywhere but {@code <install_dir>/<name>/<version>}: acting
     * on it (replacing, deleting) would touch files that are not Cocoatly's.
     */
    static void checkInstallPaths(Home home, Path installDir, State state) {
        Optional<Path> realDir = realPath(installDir);
        List<StatePackage> packages = state.packages();
        for (int i = 0; i < packages.size(); i++) {
            StatePackage p = packages.get(i);
            Path recorded = p.installPath().normalize();
            Path relative = Path.of(p.name().value(), p.version().toString());
            if (recorded.equals(installDir.resolve(relative))
                    || realDir.isPresent() && recorded.equals(realDir.get().resolve(relative))) {
                continue;
            }
            // A home reached through another spelling (a symbolic link) of the same directory.
            Path parent = recorded.getParent() == null ? null : recorded.getParent().getParent();
            if (parent != null && recorded.endsWith(relative) && realDir.isPresent()
                    && realPath(parent).equals(realDir)) {
                continue;
            }
            throw new InvalidFileException(StateStore.INVALID, home.stateFile(), "$.packages[" + i + "].install_path",
                    "`" + p.id() + "` is recorded at `" + p.installPath() + "`, outside its place in the install directory: `"
                    + installDir.resolve(relative) + "`", List.of("nothing was changed; state.json is written by Cocoatly"
                    + " and must not be edited by hand", "if `storage.install_dir` was changed, set it back"));
        }
    }

    /**
     * Makes sure the install directory is Cocoatly's before anything in it is deleted: a new or empty
     * one is marked; an unmarked one with files is adopted when it is the home's own
     * {@code packages/}, when {@code state.json} records packages in it (an installation of an earlier
     * Cocoatly) or when it holds only Cocoatly's staging entries; anything else is refused.
     */
    static void claimInstallDir(Home home, Path installDir, State state) {
        Path marker = installDir.resolve(INSTALL_DIR_MARKER);
        try {
            if (Files.isRegularFile(marker, LinkOption.NOFOLLOW_LINKS)) {
                return;
            }
            Files.createDirectories(installDir);
            List<Path> entries = list(installDir);
            boolean ours = entries.isEmpty() || installDir.equals(home.packagesDir()) || !state.packages().isEmpty()
                    || entries.stream().allMatch(e -> e.getFileName().toString().startsWith(STAGING_PREFIX));
            if (!ours) {
                throw new CocoatlyException(ErrorKind.INVALID_INPUT, "not-an-install-dir", "not a Cocoatly install directory: `"
                        + installDir + "` has files and no `" + INSTALL_DIR_MARKER + "`", List.of("point"
                        + " `storage.install_dir` (or the request's `install_dir`) at an empty or new directory",
                        "if it holds only packages Cocoatly installed, create the file `" + marker + "` and run the command"
                        + " again"));
            }
            Files.writeString(marker, MARKER_TEXT);
        } catch (IOException e) {
            throw new CocoatlyException(ErrorKind.FAILED, "install-dir-unwritable", "cannot prepare the install directory `"
                    + installDir + "`: " + reason(e), List.of("check the permissions of `storage.install_dir`"), e);
        }
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

    private void cleanInstallDir(Path installDir, State state) {
        // The recorded packages as `<name>/<version>`: checkInstallPaths made sure each is recorded
        // exactly there, so one set lookup per directory replaces comparing paths (linear in both).
        Set<String> recorded = new HashSet<>();
        Set<String> recordedNames = new HashSet<>();
        for (StatePackage p : state.packages()) {
            recorded.add(p.name().value() + "/" + p.version());
            recordedNames.add(p.name().value());
        }
        for (Path entry : list(installDir)) {
            String name = entry.getFileName().toString();
            Matcher replaced = REPLACED.matcher(name);
            if (replaced.matches()) {
                restoreOrRemove(entry, replaced, state);
            } else if (STAGED.matcher(name).matches() || DISCARDED.matcher(name).matches()) {
                remove(entry, Kind.STAGING);
            } else if (PackageName.problem(name) == null && Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                removeUnrecordedVersions(entry, name, recorded, recordedNames.contains(name));
            }
        }
    }

    // A copy a reinstall moved aside goes back when the recorded directory does not match the state
    // (the kill came before the commit, with the new copy in place or none) and the copy does.
    private void restoreOrRemove(Path aside, Matcher name, State state) {
        Optional<StatePackage> recorded = Optional.empty();
        if (name.group(1) != null && PackageName.problem(name.group(1)) == null && Version.isValid(name.group(2))) {
            recorded = state.find(new PackageId(PackageName.of(name.group(1)), Version.parse(name.group(2))));
        }
        if (recorded.isEmpty() || !Files.isDirectory(aside, LinkOption.NOFOLLOW_LINKS)
                || InstalledFiles.check(recorded.get()).ok() || !InstalledFiles.check(at(recorded.get(), aside)).ok()) {
            remove(aside, Kind.STAGING);
            return;
        }
        Path target = recorded.get().installPath();
        try {
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                // Out of the way first: a rename works even where deleting the new copy would not.
                Path discard = aside.resolveSibling(DISCARD_PREFIX + UUID.randomUUID().toString().substring(0, 8));
                Files.move(target, discard, StandardCopyOption.ATOMIC_MOVE);
                remove(discard, Kind.STAGING);
            }
            Files.createDirectories(target.getParent());
            Files.move(aside, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new CocoatlyException(ErrorKind.FAILED, "recovery-failed", "cannot put back `" + recorded.get().id()
                    + "` from `" + aside + "` to `" + target + "`, where an interrupted reinstall left it: " + reason(e),
                    List.of("fix the cause, then run the command again; the copy in `" + aside + "` is the recorded one"), e);
        }
        restored.add(target);
    }

    private static StatePackage at(StatePackage p, Path dir) {
        return new StatePackage(p.id(), p.source(), p.digest(), dir, p.files(), p.installedAt(), p.dependencies());
    }

    private void removeUnrecordedVersions(Path packageDir, String name, Set<String> recorded, boolean nameRecorded) {
        boolean keptAny = false;
        for (Path entry : list(packageDir)) {
            String version = entry.getFileName().toString();
            if (Version.isValid(version) && !recorded.contains(name + "/" + version)) {
                if (!remove(entry, Kind.UNRECORDED_INSTALL)) {
                    keptAny = true;
                }
            } else {
                keptAny = true;
            }
        }
        if (!keptAny && !nameRecorded) {
            remove(packageDir, Kind.UNRECORDED_INSTALL);
        }
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
            throw new CocoatlyException(ErrorKind.FAILED, "recovery-failed", "cannot read `" + dir + "` to clean up after an"
                    + " interrupted run: " + reason(e), List.of("fix the cause (permissions?), then run the command again"), e);
        }
        entries.sort(Comparator.naturalOrder());
        return entries;
    }

    // A link is deleted, never what it points to (see PackageFiles.deleteTree). What cannot be
    // deleted is reported and left: staging names are never reused, so it is in nobody's way.
    private boolean remove(Path path, Kind kind) {
        try {
            deleter.delete(path);
        } catch (IOException e) {
            skipped.add(new Skipped(path, kind, reason(e)));
            return false;
        }
        removed.add(new Removed(path, kind));
        return true;
    }

    /** Why an I/O operation failed, in words: {@code permission denied}, {@code no space left on device}. */
    static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof DirectoryNotEmptyException) {
            return "directory not empty";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof FileSystemException && ((FileSystemException) e).getReason() != null) {
            String reason = ((FileSystemException) e).getReason();
            return reason.isEmpty() ? reason : Character.toLowerCase(reason.charAt(0)) + reason.substring(1);
        }
        return String.valueOf(e.getMessage());
    }
}
