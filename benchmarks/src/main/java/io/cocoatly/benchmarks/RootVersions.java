package io.cocoatly.benchmarks;

import io.cocoatly.model.PackageId;
import io.cocoatly.model.PackageIndex;
import io.cocoatly.model.Release;
import java.util.ArrayList;
import java.util.List;

/**
 * The all-versions set: every version of each root crate that is not yanked, in the roots' order and
 * each listing's. {@link ResolveSpeed}'s (b) and {@link Interleaved}'s {@code --versions} resolve
 * these; a class of its own, so that {@link InterleavedRunner} borrowed by a build older than it
 * finds it in this jar.
 */
final class RootVersions {

    private RootVersions() {
    }

    /** Every version not yanked of each of {@code roots}, which {@code index} must have. */
    static List<PackageId> of(PackageIndex index, List<PackageId> roots) {
        List<PackageId> versions = new ArrayList<>();
        for (PackageId root : roots) {
            for (Release release : index.find(root.name()).orElseThrow().releases()) {
                if (!release.yanked()) {
                    versions.add(release.id());
                }
            }
        }
        return versions;
    }
}
