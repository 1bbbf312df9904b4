package io.cocoatly.project;

import io.cocoatly.json.AtomicFiles;
import io.cocoatly.json.FileModes;
import io.cocoatly.json.JsonArray;
import io.cocoatly.json.JsonCursor;
import io.cocoatly.json.JsonObject;
import io.cocoatly.json.StrictJson;
import io.cocoatly.lockfile.Lockfile;
import io.cocoatly.lockfile.LockfileReader;
import io.cocoatly.lockfile.LockfileWriter;
import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.Dependency;
import io.cocoatly.model.ErrorKind;
import io.cocoatly.model.Manifest;
import io.cocoatly.model.PackageId;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Version;
import io.cocoatly.registry.Manifests;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The global installation's requirements: {@code <home>/global.json}, a manifest in the
 * {@code cocoatly.json} format naming what the user installed with {@code cocoatly install NAME},
 * and its lockfile {@code <home>/global-lock.json}, whose versions are preferred on the next resolve
 * so installing one package moves no other.
 *
 * <p>Both are kept in step with {@code state.json} through a journal, {@code <home>/global-journal.json}
 * (see {@code docs/config.md}): under the home's lock, a global change writes the journal
 * ({@link #prepare}: the new files, and the packages the state will record) just before the state is
 * committed, and completes it ({@link #complete}) just after. A run killed in between leaves the
 * journal; {@link #recover}, under the lock at the start of the next global change, completes it if
 * the state records exactly those packages (the commit happened) and discards it otherwise.
 */
public final class GlobalManifest {

    public static final String FILE_NAME = "global.json";
    public static final String LOCK_NAME = "global-lock.json";
    /** The journal of a global change whose files are not written yet. */
    public static final String JOURNAL_NAME = "global-journal.json";

    /** What {@link #recover} did with a journal left by an interrupted change. */
    public enum Recovery {
        /** There was no journal. */
        NONE,
        /** The state records the journal's packages: its files were written. */
        COMPLETED,
        /** The state does not: the change never committed, and the journal was deleted. */
        DISCARDED
    }

    private static final int JOURNAL_FORMAT = 1;
    private static final String INVALID_JOURNAL = "invalid-global-journal";

    private GlobalManifest() {
    }

    /** @param home the home directory holding {@code global.json} */
    public static Manifest read(Path home) {
        Path file = home.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            return new Manifest(PackageName.of("global"), Version.parse("0.0.0"), List.of());
        }
        return Manifests.read(file);
    }

    public static Optional<Lockfile> lockfile(Path home) {
        Path file = home.resolve(LOCK_NAME);
        return Files.exists(file) ? Optional.of(LockfileReader.read(file)) : Optional.empty();
    }

    /** The manifest with {@code dependency} added, replacing a requirement on the same package. */
    public static Manifest with(Manifest m, Dependency dependency) {
        List<Dependency> deps = new ArrayList<>(m.dependencies());
        deps.removeIf(d -> d.name().equals(dependency.name()));
        deps.add(dependency);
        return new Manifest(m.name(), m.version(), deps);
    }

    public static Manifest without(Manifest m, PackageName name) {
        List<Dependency> deps = new ArrayList<>(m.dependencies());
        deps.removeIf(d -> d.name().equals(name));
        return new Manifest(m.name(), m.version(), deps);
    }

    /**
     * Writes both files atomically (each: temp file, then rename). Not a global change by itself:
     * under the lock, a change uses {@link #prepare} and {@link #complete} instead.
     */
    public static void write(Path home, Manifest manifest, Optional<Lockfile> lockfile) {
        writeFile(home.resolve(FILE_NAME), manifestBytes(manifest));
        if (lockfile.isPresent()) {
            LockfileWriter.write(lockfile.get(), home.resolve(LOCK_NAME));
        }
    }

    /**
     * Journals a global change, just before its state is committed: {@code manifest} and
     * {@code lockfile} (empty: keep the current {@code global-lock.json}) are to be written once the
     * state records exactly {@code installed}. Call only under the home's lock.
     *
     * @throws CocoatlyException code {@code global-write-failed} if the journal cannot be written
     *     (nothing is committed then)
     */
    public static void prepare(Path home, Manifest manifest, Optional<Lockfile> lockfile, List<PackageId> installed) {
        JsonObject journal = JsonObject.create();
        journal.put("journal", JOURNAL_FORMAT);
        JsonArray ids = journal.putArray("installed");
        installed.stream().sorted().forEach(id -> ids.add(id.toString()));
        journal.put(FILE_NAME, new String(manifestBytes(manifest), StandardCharsets.UTF_8));
        if (lockfile.isPresent()) {
            journal.put(LOCK_NAME, new String(LockfileWriter.toBytes(lockfile.get()), StandardCharsets.UTF_8));
        } else {
            journal.putNull(LOCK_NAME);
        }
        writeFile(home.resolve(JOURNAL_NAME), journal.canonicalBytes());
    }

    /**
     * Completes the journaled change right after its commit: writes the journal's files, then
     * deletes the journal. Idempotent, so a run killed half-way is completed again by {@link #recover}.
     * Does nothing without a journal.
     */
    public static void complete(Path home) {
        Path file = home.resolve(JOURNAL_NAME);
        if (!Files.exists(file)) {
            return;
        }
        Journal journal = Journal.read(file);
        writeFile(home.resolve(FILE_NAME), journal.manifest);
        if (journal.lockfile.isPresent()) {
            writeFile(home.resolve(LOCK_NAME), journal.lockfile.get());
        }
        delete(file);
    }

    /**
     * Finishes what an interrupted global change left, under the home's lock before the next one
     * reads {@code global.json}: completes a journal whose packages are exactly {@code installed}
     * (the state committed), else deletes it (it never committed); and deletes the temp files of
     * this class's atomic writes ({@code .global.json.*.tmp}, {@code .global-lock.json.*.tmp},
     * {@code .global-journal.json.*.tmp}), by their exact pattern.
     *
     * @param installed the packages {@code state.json} records
     */
    public static Recovery recover(Path home, List<PackageId> installed) {
        for (Path temp : tempFiles(home)) {
            delete(temp);
        }
        Path file = home.resolve(JOURNAL_NAME);
        if (!Files.exists(file)) {
            return Recovery.NONE;
        }
        if (Journal.read(file).installed.equals(new TreeSet<>(installed))) {
            complete(home);
            return Recovery.COMPLETED;
        }
        delete(file);
        return Recovery.DISCARDED;
    }

    private static List<Path> tempFiles(Path home) {
        List<Path> found = new ArrayList<>();
        if (!Files.isDirectory(home)) {
            return found;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(home)) {
            for (Path entry : entries) {
                boolean ours = AtomicFiles.isTempFileOf(entry, home.resolve(FILE_NAME))
                        || AtomicFiles.isTempFileOf(entry, home.resolve(LOCK_NAME))
                        || AtomicFiles.isTempFileOf(entry, home.resolve(JOURNAL_NAME));
                if (ours && Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) {
                    found.add(entry);
                }
            }
        } catch (IOException e) {
            throw new CocoatlyException(ErrorKind.FAILED, "recovery-failed", "cannot list `" + home + "`: " + e.getMessage(),
                    List.of("check the permissions of the Cocoatly home"), e);
        }
        return found;
    }

    private static byte[] manifestBytes(Manifest manifest) {
        JsonObject json = JsonObject.create();
        json.put("name", manifest.name().value());
        json.put("version", manifest.version().toString());
        JsonObject deps = json.putObject("dependencies");
        manifest.dependencies().forEach(d -> deps.put(d.name().value(), d.requirement()));
        return json.canonicalBytes();
    }

    private static void writeFile(Path file, byte[] bytes) {
        try {
            // Shared, as a project's cocoatly.json would be: it names packages, nothing secret.
            AtomicFiles.write(file, bytes, FileModes.shared());
        } catch (IOException e) {
            throw new CocoatlyException(ErrorKind.FAILED, "global-write-failed", "cannot write `" + file + "`: "
                    + e.getMessage(), List.of("check the permissions of the Cocoatly home"), e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new CocoatlyException(ErrorKind.FAILED, "recovery-failed", "cannot remove `" + file + "` left by an interrupted"
                    + " run: " + e.getMessage(), List.of("remove it by hand, then run the command again"), e);
        }
    }

    /** A journal as read back: the packages its commit records and the bytes of the files to write. */
    private record Journal(Set<PackageId> installed, byte[] manifest, Optional<byte[]> lockfile) {

        static Journal read(Path file) {
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(file);
            } catch (IOException e) {
                throw new CocoatlyException(ErrorKind.FAILED, "state-unreadable", "cannot read `" + file + "`: " + e.getMessage(),
                        List.of(), e);
            }
            JsonCursor root = StrictJson.parse(bytes, file, INVALID_JOURNAL);
            root.rejectUnknownKeys(Set.of("journal", "installed", FILE_NAME, LOCK_NAME));
            JsonCursor format = root.required("journal");
            if (format.integer() != JOURNAL_FORMAT) {
                throw format.error("unsupported journal format: " + format.integer(),
                        "it was written by another Cocoatly; finish the change with it, or delete `" + file + "`");
            }
            Set<PackageId> installed = new TreeSet<>();
            for (JsonCursor id : root.required("installed").elements()) {
                String text = id.string();
                int at = text.lastIndexOf('@');
                if (at <= 0) {
                    throw id.error("expected `name@version`: `" + text + "`");
                }
                installed.add(PackageId.of(text.substring(0, at), text.substring(at + 1)));
            }
            byte[] manifest = root.required(FILE_NAME).string().getBytes(StandardCharsets.UTF_8);
            JsonCursor lockAt = root.required(LOCK_NAME);
            Optional<byte[]> lockfile = lockAt.isNull() ? Optional.empty()
                    : Optional.of(lockAt.string().getBytes(StandardCharsets.UTF_8));
            return new Journal(installed, manifest, lockfile);
        }
    }
}
