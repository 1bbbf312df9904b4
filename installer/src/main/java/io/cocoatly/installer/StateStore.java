package io.cocoatly.installer;

import io.cocoatly.config.Home;
import io.cocoatly.json.AtomicFiles;
import io.cocoatly.json.FileModes;
import io.cocoatly.json.JsonArray;
import io.cocoatly.json.JsonCursor;
import io.cocoatly.json.JsonObject;
import io.cocoatly.json.StrictJson;
import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.ErrorKind;
import io.cocoatly.model.InvalidFileException;
import io.cocoatly.model.PackageId;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Version;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads and commits {@code <home>/state.json} (format in {@code docs/config.md}). Reading is strict
 * and all-or-nothing; writing is atomic (temp file, fsync, rename), the single commit point of an
 * install. Call {@link #write} only while holding the {@link InstallLock}.
 */
public final class StateStore {

    static final String INVALID = "invalid-state";
    private static final Set<String> ROOT_KEYS = Set.of("state", "packages");
    private static final Set<String> PACKAGE_KEYS = Set.of("name", "version", "source", "digest", "install_path", "dependencies",
            "installed_at", "files");
    private static final Set<String> FILE_KEYS = Set.of("path", "type", "size", "mode", "sha256", "target");
    /** A file's mode as written: four octal digits, like {@code 0644}. */
    private static final Pattern MODE = Pattern.compile("0[0-7]{3}");

    private StateStore() {
    }

    /**
     * The state of {@code home}; empty if there is no {@code state.json} yet.
     *
     * @throws CocoatlyException code {@code state-unreadable} if it cannot be read
     * @throws InvalidFileException code {@code unsupported-state} for a newer format,
     *     {@code invalid-state} if malformed
     */
    public static State read(Home home) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(home.stateFile());
        } catch (NoSuchFileException e) {
            return State.empty();
        } catch (IOException e) {
            throw new CocoatlyException(ErrorKind.FAILED, "state-unreadable", "cannot read `" + home.stateFile() + "`: " + IoFailures.reason(e),
                    List.of(), e);
        }
        return parse(bytes, home.stateFile());
    }

    /**
     * Commits {@code state} atomically: afterwards {@code state.json} holds exactly it; if this fails
     * the old file is intact and no temp file is left.
     *
     * @throws CocoatlyException code {@code state-write-failed}
     */
    public static void write(Home home, State state) {
        write(home, state, temp -> { });
    }

    static void write(Home home, State state, AtomicFiles.BeforeRename beforeRename) {
        try {
            // Owner-only, as it always was: the home's own bookkeeping, which nobody else needs to read.
            AtomicFiles.write(home.stateFile(), toBytes(state), FileModes.OWNER_ONLY, beforeRename);
        } catch (IOException e) {
            throw new CocoatlyException(ErrorKind.FAILED, "state-write-failed", "cannot write `" + home.stateFile() + "`: " + IoFailures.reason(e),
                    List.of("nothing was changed; check free space and permissions in `" + home.root() + "`"), e);
        }
    }

    /** The exact bytes {@link #write} commits. */
    public static byte[] toBytes(State state) {
        JsonObject root = JsonObject.create();
        root.put("state", State.FORMAT);
        JsonArray packages = root.putArray("packages");
        for (StatePackage p : state.packages()) {
            JsonObject node = packages.addObject();
            node.put("name", p.name().value());
            node.put("version", p.version().toString());
            node.put("source", p.source());
            node.put("digest", p.digest().orElse(null));
            node.put("install_path", p.installPath().toString());
            node.put("installed_at", p.installedAt().toString());
            JsonArray deps = node.putArray("dependencies");
            p.dependencies().forEach(d -> deps.add(d.toString()));
            JsonArray files = node.putArray("files");
            for (StateFileEntry f : p.files()) {
                writeFile(files.addObject(), f);
            }
        }
        return root.canonicalBytes();
    }

    private static void writeFile(JsonObject node, StateFileEntry f) {
        node.put("path", f.path());
        if (f instanceof StateFileEntry.Regular) {
            StateFileEntry.Regular r = (StateFileEntry.Regular) f;
            node.put("type", "file");
            node.put("size", r.size());
            node.put("mode", mode(r.mode()));
            node.put("sha256", r.sha256());
        } else if (f instanceof StateFileEntry.Symlink) {
            node.put("type", "symlink");
            node.put("target", ((StateFileEntry.Symlink) f).target());
        } else if (f instanceof StateFileEntry.Directory) {
            node.put("type", "dir");
            node.put("mode", mode(((StateFileEntry.Directory) f).mode()));
        } else {
            throw new AssertionError(f);
        }
    }

    private static String mode(int mode) {
        return String.format("%04o", mode);
    }

    /**
     * Validates a state given as bytes.
     *
     * @param file named in errors
     */
    public static State parse(byte[] bytes, Path file) {
        JsonCursor root = StrictJson.parse(bytes, file, INVALID, Home.EMPTY_FILE_HINT);
        JsonCursor formatAt = root.required("state");
        long format = formatAt.integer();
        if (format != State.FORMAT) {
            throw new InvalidFileException("unsupported-state", file, formatAt.path(), "unsupported state format: " + format
                    + " (this Cocoatly reads format " + State.FORMAT + ")", List.of(format > State.FORMAT
                    ? "this state was written by a newer Cocoatly; upgrade Cocoatly to manage these packages"
                    : "this state is from an unreleased Cocoatly; move `" + file + "` aside and reinstall"));
        }
        rejectUnknown(root, ROOT_KEYS);
        List<StatePackage> packages = new ArrayList<>();
        Set<PackageId> seen = new HashSet<>();
        for (JsonCursor at : root.required("packages").elements()) {
            StatePackage p = statePackage(at);
            if (!seen.add(p.id())) {
                throw at.error("`" + p.id() + "` is recorded twice");
            }
            packages.add(p);
        }
        return new State(packages);
    }

    private static StatePackage statePackage(JsonCursor at) {
        rejectUnknown(at, PACKAGE_KEYS);
        PackageName name = wrap(at.required("name"), c -> PackageName.of(c.string()));
        Version version = wrap(at.required("version"), c -> Version.parse(c.string()));
        JsonCursor sourceAt = at.required("source");
        String source = sourceAt.string();
        if (source.isEmpty()) {
            throw sourceAt.error("the source must not be empty");
        }
        JsonCursor digestAt = at.required("digest");
        Optional<String> digest = digestAt.isNull() ? Optional.empty() : Optional.of(digestAt.string());
        if (digest.isPresent() && !StatePackage.DIGEST.matcher(digest.get()).matches()) {
            throw digestAt.error("expected `<algorithm>:<lowercase hex>` with sha256, blake3 or sha512: `" + digest.get() + "`");
        }
        JsonCursor pathAt = at.required("install_path");
        Path installPath = wrap(pathAt, c -> Path.of(c.string()));
        if (!installPath.isAbsolute()) {
            throw pathAt.error("expected an absolute path: `" + installPath + "`");
        }
        JsonCursor timeAt = at.required("installed_at");
        Instant installedAt;
        try {
            installedAt = parseInstant(timeAt.string());
        } catch (DateTimeParseException e) {
            throw timeAt.error("expected an ISO-8601 UTC time like 2026-01-31T12:00:00Z: `" + timeAt.string() + "`");
        }
        List<StateFileEntry> files = new ArrayList<>();
        Set<String> paths = new HashSet<>();
        for (JsonCursor fileAt : at.required("files").elements()) {
            StateFileEntry entry = fileEntry(fileAt);
            if (!paths.add(entry.path())) {
                throw fileAt.error("`" + entry.path() + "` is listed twice");
            }
            files.add(entry);
        }
        List<PackageId> dependencies = new ArrayList<>();
        Optional<JsonCursor> depsAt = at.optional("dependencies");
        if (depsAt.isPresent()) {
            for (JsonCursor d : depsAt.get().elements()) {
                dependencies.add(wrap(d, c -> packageId(c.string())));
            }
        }
        return new StatePackage(new PackageId(name, version), source, digest, installPath, files, installedAt,
                dependencies);
    }

    private static PackageId packageId(String text) {
        int at = text.lastIndexOf('@');
        if (at <= 0) {
            throw new IllegalArgumentException("expected `name@version`: `" + text + "`");
        }
        return new PackageId(PackageName.of(text.substring(0, at)), Version.parse(text.substring(at + 1)));
    }

    private static StateFileEntry fileEntry(JsonCursor at) {
        rejectUnknown(at, FILE_KEYS);
        JsonCursor pathAt = at.required("path");
        String path = pathAt.string();
        String problem = StateFileEntry.pathProblem(path);
        if (problem != null) {
            throw pathAt.error(problem + ": `" + path + "`");
        }
        JsonCursor typeAt = at.required("type");
        String type = typeAt.string();
        switch (type) {
            case "file":
                return wrap(at, c -> new StateFileEntry.Regular(path, size(c.required("size")), mode(c.required("mode")),
                        sha256(c.required("sha256"))));
            case "symlink":
                return wrap(at.required("target"), c -> new StateFileEntry.Symlink(path, c.string()));
            case "dir":
                return new StateFileEntry.Directory(path, mode(at.required("mode")));
            default:
                throw typeAt.error("unknown file type: `" + type + "`", "expected `file`, `symlink` or `dir`");
        }
    }

    private static long size(JsonCursor at) {
        long size = at.integer();
        if (size < 0) {
            throw at.error("size must not be negative: " + size);
        }
        return size;
    }

    private static int mode(JsonCursor at) {
        String text = at.string();
        if (!MODE.matcher(text).matches()) {
            throw at.error("expected four octal digits like `0644`: `" + text + "`");
        }
        return Integer.parseInt(text, 8);
    }

    private static String sha256(JsonCursor at) {
        String hex = at.string();
        if (!StateFileEntry.Regular.SHA256.matcher(hex).matches()) {
            throw at.error("expected 64 lowercase hex digits: `" + hex + "`");
        }
        return hex;
    }

    private static void rejectUnknown(JsonCursor at, Set<String> known) {
        for (String key : at.keys()) {
            if (!known.contains(key)) {
                throw at.error("unknown key `" + key + "`", "state.json is written by Cocoatly; do not edit it by hand");
            }
        }
    }

    private interface Read<T> {
        T apply(JsonCursor at);
    }

    // Turns a model or JDK validation failure into an error at the value's JSON path.
    private static <T> T wrap(JsonCursor at, Read<T> read) {
        try {
            return read.apply(at);
        } catch (InvalidFileException e) {
            throw e;
        } catch (CocoatlyException | IllegalArgumentException e) {
            throw at.error(e.getMessage());
        }
    }

    /**
     * A UTC time as {@link Instant#toString} writes it ({@code 2026-01-31T12:00:00Z}, with 0 to 9 digits
     * of fraction), read without java.time's formatter: building that formatter (some 55 classes) was
     * most of the time a no-op install spent reading state.json. Any other text, and any field out of
     * range, goes to {@link Instant#parse}, which accepts or refuses it exactly as before.
     *
     * @throws DateTimeParseException as {@link Instant#parse} does
     */
    static Instant parseInstant(String text) {
        int n = text.length();
        if (n >= 20 && n <= 30 && n != 21 && text.charAt(4) == '-' && text.charAt(7) == '-' && text.charAt(10) == 'T'
                && text.charAt(13) == ':' && text.charAt(16) == ':' && text.charAt(n - 1) == 'Z'
                && (n == 20 || text.charAt(19) == '.')) {
            int year = digits(text, 0, 4);
            int month = digits(text, 5, 7);
            int day = digits(text, 8, 10);
            int hour = digits(text, 11, 13);
            int minute = digits(text, 14, 16);
            int second = digits(text, 17, 19);
            int fractionDigits = n == 20 ? 0 : n - 21;
            int fraction = fractionDigits == 0 ? 0 : digits(text, 20, n - 1);
            if (year >= 0 && month >= 0 && day >= 0 && hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59
                    && second >= 0 && second <= 59 && fraction >= 0) {
                for (int d = fractionDigits; d < 9; d++) {
                    fraction *= 10; // to nanoseconds
                }
                try {
                    long days = LocalDate.of(year, month, day).toEpochDay();
                    return Instant.ofEpochSecond(days * 86_400 + hour * 3_600 + minute * 60 + second, fraction);
                } catch (DateTimeException e) {
                    // A day the month does not have: Instant.parse says so below.
                }
            }
        }
        return Instant.parse(text);
    }

    /** The decimal number {@code text[from, to)} spells, or -1 if a character there is not a digit. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
