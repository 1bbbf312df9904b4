package io.cocoatly.lockfile;

import io.cocoatly.json.ArtifactJson;
import io.cocoatly.json.AtomicFiles;
import io.cocoatly.json.FileModes;
import io.cocoatly.json.JsonArray;
import io.cocoatly.json.JsonObject;
import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.ErrorKind;
import io.cocoatly.model.PackageId;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes lockfiles byte-for-byte reproducibly: keys in the documented fixed order, sources sorted by
 * name, packages by name then version, two-space indent, {@code \n} line ends and a trailing
 * newline. The same {@link Lockfile} always gives the same bytes. A lockfile is written in its own
 * format: {@code sources} only from format 2 on, so a format-1 lockfile read and written back keeps
 * its bytes ({@code lock} builds a new, format-2 lockfile instead).
 */
public final class LockfileWriter {

    private LockfileWriter() {
    }

    /** The exact bytes of {@code lockfile} as UTF-8 JSON. */
    public static byte[] toBytes(Lockfile lockfile) {
        JsonObject root = JsonObject.create();
        root.put("lockfile", lockfile.format());
        JsonObject manifest = root.putObject("manifest");
        manifest.put("name", lockfile.manifest().name().value());
        manifest.put("version", lockfile.manifest().version().toString());
        manifest.put("requirements-digest", lockfile.manifest().requirementsDigest());
        if (!lockfile.manifest().members().isEmpty()) {
            // Only for a workspace, so every other lockfile keeps the bytes it always had.
            JsonArray members = manifest.putArray("members");
            for (ManifestInfo.Member m : lockfile.manifest().members()) {
                JsonObject member = members.addObject().put("name", m.name().value())
                        .put("version", m.version().toString()).put("path", m.path());
                m.requirements().ifPresent(r -> {
                    // `dependencies` always, so that a member without any still says so; `dev-dependencies`
                    // only when it has some, as a package's `dev` mark is written only when true.
                    JsonObject deps = member.putObject("dependencies");
                    r.dependencies().forEach((name, requirement) -> deps.put(name.value(), requirement));
                    if (!r.devDependencies().isEmpty()) {
                        JsonObject dev = member.putObject("dev-dependencies");
                        r.devDependencies().forEach((name, requirement) -> dev.put(name.value(), requirement));
                    }
                });
            }
        }
        JsonObject resolver = root.putObject("resolver");
        resolver.put("optimal", lockfile.resolver().optimal());
        JsonObject objective = resolver.putObject("objective");
        for (ResolverInfo.Objective o : lockfile.resolver().objective()) {
            objective.put(o.level(), o.value());
        }
        resolver.put("multiple-versions", lockfile.resolver().multipleVersions().fileText());
        if (lockfile.format() >= 2) {
            JsonArray sources = root.putArray("sources");
            for (LockedSource s : lockfile.sources()) {
                sources.addObject().put("name", s.name()).put("url", s.url().toString());
            }
        }
        JsonArray packages = root.putArray("packages");
        for (LockedPackage p : lockfile.packages()) {
            writePackage(packages.addObject(), p);
        }
        JsonArray order = root.putArray("install-order");
        for (List<PackageId> group : lockfile.installOrder()) {
            ids(order.addArray(), group);
        }
        return root.canonicalBytes();
    }

    /**
     * Writes {@code lockfile} to {@code file} atomically: readers see the old file or the new one,
     * never a mix, and a failed write leaves the old file as it was and no temp file behind.
     *
     * @throws CocoatlyException with code {@code lockfile-write-failed} if the file cannot be written
     */
    public static void write(Lockfile lockfile, Path file) {
        try {
            // Shared: the lockfile is committed, read by CI and by other users of the project.
            AtomicFiles.write(file, toBytes(lockfile), FileModes.shared());
        } catch (IOException e) {
            throw new CocoatlyException(ErrorKind.FAILED, "lockfile-write-failed", "cannot write `" + file + "`: " + describe(e),
                    List.of("check that the directory exists and is writable"), e);
        }
    }

    private static String describe(IOException e) {
        String name = e.getClass().getSimpleName().replace("Exception", "").replaceAll("([a-z])([A-Z])", "$1 $2")
                .toLowerCase(java.util.Locale.ROOT);
        return e.getMessage() == null ? name : name + " (" + e.getMessage() + ")";
    }

    private static void writePackage(JsonObject node, LockedPackage p) {
        node.put("name", p.name().value());
        node.put("version", p.version().toString());
        node.put("source", p.source());
        if (p.dev()) {
            // Only when true, so a lockfile without dev-dependencies keeps the bytes it always had.
            node.put("dev", true);
        }
        p.artifact().ifPresent(a -> ArtifactJson.write(node.putObject("artifact"), a));
        ids(node.putArray("dependencies"), p.dependencies());
    }

    private static void ids(JsonArray array, List<PackageId> ids) {
        for (PackageId id : ids) {
            array.add(id.toString());
        }
    }
}
