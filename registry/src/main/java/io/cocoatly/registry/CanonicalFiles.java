package io.cocoatly.registry;

import io.cocoatly.model.PackageListing;
import io.cocoatly.model.PackageName;
import java.util.Collection;
import java.util.List;

/**
 * The canonical bytes of a registry's files, for whoever keeps a registry somewhere other than a
 * directory (a database) and must serve exactly what a directory registry with the same packages
 * serves: the same listing always gives the same bytes (docs/formats.md).
 */
public final class CanonicalFiles {

    private CanonicalFiles() {
    }

    /** {@code index/<name>.json} for this listing: releases sorted by version, keys in their fixed order. */
    public static byte[] index(PackageListing listing) {
        return IndexWriter.index(listing);
    }

    /** {@code names.json} for these package names (sorted and deduplicated here). */
    public static byte[] names(Collection<PackageName> names) {
        return NamesFile.write(List.copyOf(names));
    }

    /** A new registry's {@code registry.json}: its format and name. */
    public static byte[] registry(String name) {
        return IndexWriter.registry(name);
    }
}
