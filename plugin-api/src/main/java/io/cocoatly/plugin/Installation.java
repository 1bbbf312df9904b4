package io.cocoatly.plugin;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The installation an operation changes.
 *
 * @param kind       the home's global installation, or a project's
 * @param root       the home for {@link Kind#GLOBAL}, the project's directory (where its
 *                   {@code cocoatly.json} is) for {@link Kind#PROJECT}; absolute
 * @param installDir where its packages' files go, {@code <installDir>/<name>/<version>}; absolute
 */
public record Installation(Kind kind, Path root, Path installDir) {

    /** Which installation. */
    public enum Kind {
        /** The home's own ({@code cocoatly install NAME}, {@code state.json} in the home). */
        GLOBAL,
        /** A project's ({@code <project>/.cocoatly/}). */
        PROJECT
    }

    public Installation {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(installDir, "installDir");
        if (!root.isAbsolute() || !installDir.isAbsolute()) {
            throw new IllegalArgumentException("an installation's paths are absolute: " + root + ", " + installDir);
        }
    }
}
