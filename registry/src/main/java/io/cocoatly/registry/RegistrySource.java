package io.cocoatly.registry;

import java.net.URI;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Where a registry's files come from, by path relative to the registry root ({@code registry.json},
 * {@code index/http.json}): a directory today, HTTP later. Parsing never touches the file system or
 * the network directly, so one reader serves every source. Open one with {@link RegistrySources#open};
 * read it as a registry with {@link FileRegistry#open(RegistrySource)}.
 *
 * <p>Callers only pass paths built from validated package names, so a source never sees {@code ..}
 * or an absolute path; implementations still refuse them.
 */
public interface RegistrySource {

    /**
     * The file as error messages name it: a path for a directory, a URL for a remote registry;
     * {@code describe("")} names the registry itself.
     */
    String describe(String relativePath);

    /**
     * Where the registry is, as an absolute URL ending in {@code /} (a directory as
     * {@code file:///srv/registry/}), so that relative artifact URLs resolve inside it. Lockfiles
     * record it as the source's location.
     */
    URI location();

    /**
     * The whole file, or empty if it does not exist.
     *
     * @throws io.cocoatly.model.CocoatlyException with code {@code registry-unreadable} if it exists
     *     but cannot be read
     */
    Optional<byte[]> read(String relativePath);

    /**
     * The names of the regular files directly inside a directory, in no particular order (an empty
     * list if the directory does not exist), or {@link Optional#empty()} if this source cannot list
     * directories at all. A directory on disk lists; a registry over HTTP cannot (HTTP has no
     * directory listing) and returns empty, and then {@link FileRegistry#packageNames()} reads the
     * registry's {@code names.json} instead (docs/registry-protocol.md, "names.json").
     *
     * @throws io.cocoatly.model.CocoatlyException with code {@code registry-unreadable}
     */
    Optional<List<String>> list(String relativeDirectory);

    /**
     * A hint that {@link #read} will soon be asked for these files: a remote source starts fetching
     * them in the background, so that a resolve waits for about as many round trips as the dependency
     * graph is deep rather than one per package. Never fails and never blocks; a directory ignores it.
     *
     * @param relativePaths files under the registry root, built from validated names
     */
    default void prefetch(Collection<String> relativePaths) {
    }
}
