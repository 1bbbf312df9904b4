package io.cocoatly.solver;

import io.cocoatly.model.PackageName;
import java.util.Objects;

/**
 * Where a root requirement was written, when the root stands for more than one manifest: in a
 * workspace, the member whose manifest declares it ({@code web} at {@code apps/web}). Data for the
 * explanation; {@link ExplanationText} decides how it reads.
 *
 * @param member the package whose manifest declares the requirement
 * @param path   that manifest's directory relative to the workspace root, {@code /}-separated
 */
public record RequirementOrigin(PackageName member, String path) {

    public RequirementOrigin {
        Objects.requireNonNull(member, "member");
        Objects.requireNonNull(path, "path");
    }

    /** {@code web (apps/web)}. */
    @Override
    public String toString() {
        return member + " (" + path + ")";
    }
}
