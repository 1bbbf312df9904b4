package io.cocoatly.project;

import io.cocoatly.json.AtomicFiles;
import io.cocoatly.json.FileModes;
import io.cocoatly.json.JsonObject;
import io.cocoatly.lockfile.Lockfile;
import io.cocoatly.lockfile.LockfileReader;
import io.cocoatly.lockfile.LockfileWriter;
import io.cocoatly.model.Dependency;
import io.cocoatly.model.Manifest;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Version;
import io.cocoatly.registry.Manifests;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The global installation's requirements: {@code <home>/global.json}, a manifest in the
 * {@code cocoatly.json} format naming what the user installed with {@code cocoatly install NAME},
 * and its lockfile {@code <home>/global-lock.json}, whose versions are preferred on the next resolve
 * so installing one package moves no other.
 */
public final class GlobalManifest {

    public static final String FILE_NAME = "global.json";
    public static final String LOCK_NAME = "global-lock.json";

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

    /** Writes both files atomically (each: temp file, then rename). */
    public static void write(Path home, Manifest manifest, Optional<Lockfile> lockfile) {
        JsonObject json = JsonObject.create();
        json.put("name", manifest.name().value());
        json.put("version", manifest.version().toString());
        JsonObject deps = json.putObject("dependencies");
        manifest.dependencies().forEach(d -> deps.put(d.name().value(), d.requirement()));
        Path file = home.resolve(FILE_NAME);
        try {
            // Shared, as a project's cocoatly.json would be: it names packages, nothing secret.
            AtomicFiles.write(file, json.canonicalBytes(), FileModes.shared());
        } catch (IOException e) {
            throw new io.cocoatly.model.CocoatlyException(io.cocoatly.model.ErrorKind.FAILED, "global-write-failed", "cannot write `" + file + "`: "
                    + e.getMessage(), List.of("check the permissions of the Cocoatly home"), e);
        }
        if (lockfile.isPresent()) {
            LockfileWriter.write(lockfile.get(), home.resolve(LOCK_NAME));
        }
    }
}
