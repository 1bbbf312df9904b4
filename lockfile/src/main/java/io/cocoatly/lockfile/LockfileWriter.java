package io.cocoatly.lockfile;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cocoatly.model.Artifact;
import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.PackageId;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Writes lockfiles byte-for-byte reproducibly: keys in the documented fixed order, packages sorted by
 * name then version, two-space indent, {@code \n} line ends and a trailing newline. The same
 * {@link Lockfile} always gives the same bytes.
 */
public final class LockfileWriter {

    private LockfileWriter() {
    }

    /** The exact bytes of {@code lockfile} as UTF-8 JSON. */
    public static byte[] toBytes(Lockfile lockfile) {
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("lockfile", Lockfile.FORMAT);
        ObjectNode manifest = root.putObject("manifest");
        manifest.put("name", lockfile.manifest().name().value());
        manifest.put("version", lockfile.manifest().version().toString());
        manifest.put("requirements-digest", lockfile.manifest().requirementsDigest());
        ObjectNode resolver = root.putObject("resolver");
        resolver.put("optimal", lockfile.resolver().optimal());
        ObjectNode objective = resolver.putObject("objective");
        for (ResolverInfo.Objective o : lockfile.resolver().objective()) {
            objective.put(o.level(), o.value());
        }
        resolver.put("multiple-versions", lockfile.resolver().multipleVersions().text());
        ArrayNode packages = root.putArray("packages");
        for (LockedPackage p : lockfile.packages()) {
            writePackage(packages.addObject(), p);
        }
        ArrayNode order = root.putArray("install-order");
        for (List<PackageId> group : lockfile.installOrder()) {
            ids(order.addArray(), group);
        }
        return Json.canonical(root);
    }

    /**
     * Writes {@code lockfile} to {@code file} atomically: readers see the old file or the new one,
     * never a mix, and a failed write leaves the old file as it was and no temp file behind.
     *
     * @throws CocoatlyException with code {@code lockfile-write-failed} if the file cannot be written
     */
    public static void write(Lockfile lockfile, Path file) {
        try {
            AtomicFile.write(file, toBytes(lockfile));
        } catch (IOException e) {
            throw new CocoatlyException("lockfile-write-failed", "cannot write `" + file + "`: " + describe(e),
                    List.of("check that the directory exists and is writable"), e);
        }
    }

    private static String describe(IOException e) {
        String name = e.getClass().getSimpleName().replace("Exception", "").replaceAll("([a-z])([A-Z])", "$1 $2")
                .toLowerCase(java.util.Locale.ROOT);
        return e.getMessage() == null ? name : name + " (" + e.getMessage() + ")";
    }

    private static void writePackage(ObjectNode node, LockedPackage p) {
        node.put("name", p.name().value());
        node.put("version", p.version().toString());
        node.put("source", p.source());
        p.artifact().ifPresent(a -> writeArtifact(node.putObject("artifact"), a));
        ids(node.putArray("dependencies"), p.dependencies());
    }

    private static void writeArtifact(ObjectNode node, Artifact a) {
        node.put("url", a.url());
        node.put("size", a.size());
        ObjectNode checksums = node.putObject("checksums");
        // Artifact keeps checksums in a sorted map: blake3, sha256, sha512.
        for (Map.Entry<String, String> e : a.checksums().entrySet()) {
            checksums.put(e.getKey(), e.getValue());
        }
        a.signature().ifPresent(s -> {
            ObjectNode signature = node.putObject("signature");
            signature.put("key", s.key());
            signature.put("ed25519", s.ed25519());
        });
    }

    private static void ids(ArrayNode array, List<PackageId> ids) {
        for (PackageId id : ids) {
            array.add(id.toString());
        }
    }
}
