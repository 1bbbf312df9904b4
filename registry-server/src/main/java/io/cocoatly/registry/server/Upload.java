package io.cocoatly.registry.server;

import io.cocoatly.artifact.Checksums;
import io.cocoatly.model.Artifact;
import io.cocoatly.model.Dependency;
import io.cocoatly.model.ManifestMetadata;
import io.cocoatly.model.PackageId;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Version;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A publish request as received: the client's metadata, and the archive in a scratch file of the
 * backend's with the size and digests the server computed itself as it arrived (nothing the client
 * computed is trusted, docs/registry-protocol.md §2.1).
 *
 * @param name         the package, from the metadata
 * @param version      the version, from the metadata
 * @param dependencies the dependencies, from the metadata
 * @param signature    the publisher's signature over name + version + sha256
 * @param metadata     description, license, repository, keywords and categories, as given (checked by
 *                     {@link UploadCheck#metadata})
 * @param archive      the received {@code .tar.gz}, in a file from {@link RegistryBackend#newUploadFile()}
 * @param size         its size as received
 * @param checksums    every digest, computed as it arrived
 */
public record Upload(PackageName name, Version version, List<Dependency> dependencies, Artifact.Signature signature,
                     ManifestMetadata metadata, Path archive, long size, Checksums checksums) {

    /** Copies the list; checks the fields are present. */
    public Upload {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        dependencies = List.copyOf(dependencies);
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(archive, "archive");
        Objects.requireNonNull(checksums, "checksums");
    }

    /** The description, if given. */
    public Optional<String> description() {
        return metadata.description();
    }

    /** The package id being published. */
    public PackageId id() {
        return new PackageId(name, version);
    }
}
