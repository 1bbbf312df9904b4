package io.cocoatly.installer;

import io.cocoatly.model.PackageId;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Small hand-made states for tests. */
final class StateSamples {

    private StateSamples() {
    }

    static StatePackage pkg(Path installDir, String name, String version, StateFileEntry... files) {
        return new StatePackage(PackageId.of(name, version), "sample", Optional.of("sha256:" + "0f".repeat(32)),
                installDir.resolve(name).resolve(version), List.of(files), Instant.parse("2026-11-24T00:12:00Z"));
    }

    static State two(Path installDir) {
        return new State(List.of(
                pkg(installDir, "tls", "2.1.0",
                        new StateFileEntry.Regular("lib/tls.so", 4096, 0755, "a1".repeat(32)),
                        new StateFileEntry.Directory("lib", 0755),
                        new StateFileEntry.Symlink("lib/tls.so.2", "tls.so"),
                        new StateFileEntry.Regular("README", 12, 0644, "b2".repeat(32))),
                new StatePackage(PackageId.of("http", "2.0.1-rc.1"), "https://r.example", Optional.empty(),
                        installDir.resolve("http/2.0.1-rc.1"), List.of(), Instant.parse("2026-11-24T00:12:01.5Z"))));
    }
}
