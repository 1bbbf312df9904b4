package io.cocoatly.registry;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where a registry's files come from, by path relative to the registry root ({@code registry.json},
 * {@code index/http.json}). Parsing never touches the file system directly, so the same reader can
 * serve a directory today and HTTP later.
 *
 * <p>Callers only pass paths built from validated package names, so a source never sees {@code ..}
 * or an absolute path; implementations still refuse them.
 */
interface RegistrySource {

    /** The file as error messages name it. */
    Path describe(String relativePath);

    /**
     * The whole file, or empty if it does not exist.
     *
     * @throws io.cocoatly.model.CocoatlyException with code {@code registry-unreadable} if it exists
     *     but cannot be read
     */
    Optional<byte[]> read(String relativePath);

    /**
     * The names of the regular files directly inside a directory, in no particular order; empty if
     * the directory does not exist.
     *
     * @throws io.cocoatly.model.CocoatlyException with code {@code registry-unreadable}
     */
    List<String> list(String relativeDirectory);
}
