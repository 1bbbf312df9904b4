package io.cocoatly.registry.server;

import io.cocoatly.model.PackageId;
import java.io.IOException;

/**
 * Where {@link StaticFiles} finds the read protocol's files: a registry directory
 * ({@link DirectoryFiles}) or any {@link RegistryFiles} ({@link RegistryFilesSource}). The source
 * answers what a path holds; the HTTP side (paths, methods, conditional requests, compression,
 * headers) is {@link StaticFiles}'s alone, so both sources are served alike.
 */
interface FileSource {

    /**
     * The entry at a registry-relative path, asked on every request: a source answers from its
     * cache while the file is unchanged.
     *
     * @param relative one of the protocol's paths, already checked by {@link StaticFiles#relative}
     * @return null if there is no such file
     * @throws ApiException {@link ApiException.Status#SERVICE_UNAVAILABLE} when the store cannot be reached
     */
    FileEntry find(String relative) throws IOException;

    /** Reports a counted download ({@link FileEntry#counted()}); see {@link RegistryFiles#downloaded}. */
    void downloaded(PackageId id, String clientAddress, String userAgent);
}
