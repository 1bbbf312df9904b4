package io.cocoatly.project;

import io.cocoatly.json.Typos;
import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.Dependency;
import io.cocoatly.model.ErrorKind;
import io.cocoatly.model.Manifest;
import io.cocoatly.model.PackageIndex;
import io.cocoatly.model.PackageName;
import java.util.ArrayList;
import java.util.List;

/**
 * A manifest that names a package the registry has never heard of is a mistake in the input (a
 * typo, the wrong registry), not a question with a negative answer: it is refused before solving,
 * with the closest name the registry does have.
 */
public final class KnownPackages {

    private KnownPackages() {
    }

    /**
     * Checks that every package {@code manifest} depends on (dev-dependencies included) is in {@code index}.
     *
     * @throws CocoatlyException {@link ErrorKind#INVALID_INPUT} with code {@code unknown-package}
     *     naming the first unknown package (in the manifest's order) and the closest known name
     */
    public static void require(Manifest manifest, PackageIndex index) {
        require(manifest, index, java.util.Set.of());
    }

    /**
     * As {@link #require(Manifest, PackageIndex)}, with the packages named {@code local} known too: a
     * workspace root's own package, which is no package of any index but what its members may depend on.
     */
    static void require(Manifest manifest, PackageIndex index, java.util.Set<PackageName> local) {
        for (Dependency d : manifest.allDependencies()) {
            if (local.contains(d.name()) || index.find(d.name()).isPresent()) {
                continue;
            }
            throw new CocoatlyException(ErrorKind.INVALID_INPUT, "unknown-package", "`" + manifest.id()
                    + "` depends on `" + d.name() + "`, which is not in registry `" + index.name() + "`",
                    hints(d.name(), known(index)));
        }
    }

    /**
     * The error for a package the registry does not have, asked for by name (e.g. {@code cocoatly info}).
     *
     * @param registry the registry as the message names it
     * @param known    the names the registry has, or some of them, for the "did you mean" hint
     * @return an {@link ErrorKind#INVALID_INPUT} exception with code {@code unknown-package}
     */
    public static CocoatlyException unknown(PackageName name, String registry, List<String> known, Throwable cause) {
        return new CocoatlyException(ErrorKind.INVALID_INPUT, "unknown-package", "no package `" + name
                + "` in registry `" + registry + "`", hints(name, known), cause);
    }

    /** The names {@code index} can list cheaply, or none. */
    public static List<String> known(PackageIndex index) {
        return index.listNames().orElse(List.of()).stream().map(PackageName::value).toList();
    }

    private static List<String> hints(PackageName name, List<String> known) {
        List<String> hints = new ArrayList<>();
        Typos.closest(name.value(), known).ifPresent(n -> hints.add("did you mean `" + n + "`?"));
        hints.add("check the name, or pass `--registry` for the registry that has `" + name + "`");
        return hints;
    }
}
