package io.cocoatly.registry;

import io.cocoatly.json.JsonCursor;
import io.cocoatly.json.StrictJson;
import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.ErrorKind;
import io.cocoatly.model.InvalidFileException;
import io.cocoatly.model.Manifest;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Version;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a project's {@code cocoatly.json}: name, version, dependencies, dev-dependencies and the
 * optional metadata (docs/formats.md, "Manifest"). Unlike index files, a manifest is written by hand,
 * so an unknown key is an error (with a "did you mean" hint) rather than silently ignored.
 */
public final class Manifests {

    /** The conventional file name of a manifest. */
    public static final String FILE_NAME = "cocoatly.json";

    private static final String CODE = "invalid-manifest";
    /** The keys a manifest may have, in the order {@code init} writes them and docs/formats.md lists them. */
    static final List<String> KEYS = List.of("name", "version", "description", "license", "repository", "keywords",
            "categories", "dependencies", "dev-dependencies");
    private static final Set<String> KNOWN = Set.copyOf(KEYS);

    private Manifests() {
    }

    /**
     * Reads and validates a manifest file.
     *
     * @throws CocoatlyException with code {@code manifest-not-found} if the file does not exist, or
     *     {@code manifest-unreadable} if it cannot be read
     * @throws InvalidFileException if it is malformed
     */
    public static Manifest read(Path file) {
        return parse(bytes(file), file);
    }

    /** The bytes of {@code file}, with {@link #read}'s errors. */
    static byte[] bytes(Path file) {
        try {
            return SmallFiles.read(file);
        } catch (NoSuchFileException e) {
            throw new CocoatlyException(ErrorKind.INVALID_INPUT, "manifest-not-found", "no manifest at `" + file + "`",
                    List.of("run cocoatly in a project directory, one that has a `" + FILE_NAME + "`"));
        } catch (IOException e) {
            throw new CocoatlyException(ErrorKind.FAILED, "manifest-unreadable", "cannot read `" + file + "`: " + e.getMessage(),
                    List.of(), e);
        }
    }

    /**
     * Validates a manifest given as text.
     *
     * @param file named in error messages
     * @throws InvalidFileException if it is malformed
     */
    public static Manifest parse(String json, Path file) {
        return parse(json.getBytes(StandardCharsets.UTF_8), file);
    }

    private static Manifest parse(byte[] bytes, Path file) {
        JsonCursor root = StrictJson.parse(bytes, file, CODE, Fields.EMPTY_FILE_HINT);
        Optional<JsonCursor> workspace = root.optional(Workspaces.KEY);
        if (workspace.isPresent()) {
            // Said before the unknown-key check, whose "did you mean" would only confuse here.
            throw workspace.get().error("this is a workspace root, not a package's manifest",
                    "run the command on one member: `--manifest MEMBER/" + FILE_NAME + "`");
        }
        return ofPackage(root);
    }

    /** The package manifest {@code root} holds (no {@code workspace} section: the caller checked). */
    static Manifest ofPackage(JsonCursor root) {
        root.rejectUnknownKeys(KNOWN);
        return fromCursor(root);
    }

    /**
     * The root package of a workspace root given as text (docs/workspaces.md): its package keys read as
     * any manifest's, the {@code workspace} section left to {@link Workspaces#read}. What
     * {@code cocoatly add} and {@code remove} edit in a workspace whose root has a package of its own.
     *
     * @param file named in error messages
     * @throws InvalidFileException if it is malformed, or has no package of its own ({@code name}
     *     and {@code version} are required)
     */
    public static Manifest parseRootPackage(String json, Path file) {
        JsonCursor root = StrictJson.parse(json.getBytes(StandardCharsets.UTF_8), file, CODE, Fields.EMPTY_FILE_HINT);
        root.rejectUnknownKeys(Workspaces.ROOT_KEYS);
        return fromCursor(root);
    }

    /** The manifest {@code root} holds, its keys already checked by the caller. */
    static Manifest fromCursor(JsonCursor root) {
        PackageName name = Fields.packageName(root.required("name"));
        Version version = Fields.version(root.required("version"));
        // A dependency on the project's own name is kept: the solver treats it as satisfied by the
        // project's own version, like any other package with one version (docs/formats.md).
        var dependencies = root.optional("dependencies").map(Fields::dependencies).orElse(List.of());
        var devDependencies = root.optional("dev-dependencies").map(Fields::dependencies).orElse(List.of());
        // One requirement per name: with a name in both lists it would be unclear whether
        // `install --production` needs the package, and which range wins.
        Set<PackageName> regular = new HashSet<>();
        dependencies.forEach(d -> regular.add(d.name()));
        for (Map.Entry<String, JsonCursor> dev : root.optional("dev-dependencies").map(JsonCursor::entries).orElse(List.of())) {
            if (regular.contains(PackageName.of(dev.getKey()))) {
                throw dev.getValue().error("`" + dev.getKey() + "` is also in `dependencies`",
                        "keep it in one of the two: `dependencies` if the package needs it at run time");
            }
        }
        return new Manifest(name, version, dependencies, devDependencies, MetadataFields.read(root));
    }
}
