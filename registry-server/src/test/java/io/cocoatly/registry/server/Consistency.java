package io.cocoatly.registry.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cocoatly.artifact.Checksums;
import io.cocoatly.artifact.DigestAlgorithm;
import io.cocoatly.model.Artifact;
import io.cocoatly.model.PackageListing;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Release;
import io.cocoatly.registry.FileRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The invariant publishing keeps whatever happens: every index entry's archive is there, with its digest. */
final class Consistency {

    private Consistency() {
    }

    /** Checks the invariant for every package of the registry; returns the versions of {@code name} listed. */
    static List<String> check(Path registry, String name) {
        FileRegistry reg = FileRegistry.open(registry);
        for (PackageName pn : reg.packageNames()) {
            PackageListing listing = reg.find(pn).orElseThrow();
            for (Release r : listing.releases()) {
                Artifact a = r.artifact().orElseThrow();
                Path file = registry.resolve(a.url());
                assertTrue(Files.isRegularFile(file), r.id() + " is in the index but its archive is missing");
                assertEquals(a.checksums().get("sha256"), Checksums.of(file, Set.of(DigestAlgorithm.SHA256))
                        .get(DigestAlgorithm.SHA256).orElseThrow(), r.id() + "'s archive is not the one indexed");
            }
        }
        List<String> versions = new ArrayList<>();
        reg.find(PackageName.of(name)).ifPresent(l -> l.releases().forEach(r -> versions.add(r.version().toString())));
        return versions;
    }
}
