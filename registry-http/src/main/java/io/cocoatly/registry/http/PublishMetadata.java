package io.cocoatly.registry.http;

import io.cocoatly.json.JsonObject;
import io.cocoatly.model.Artifact;
import io.cocoatly.model.Dependency;
import io.cocoatly.model.PackageId;
import java.util.List;
import java.util.Objects;

/**
 * The JSON half of a publish request (docs/registry-protocol.md §2.1): what the client says about
 * the archive it uploads. The server trusts none of it blindly: it recomputes the digests and checks
 * the signature and the archive's own manifest against it.
 *
 * @param id           the package and version
 * @param dependencies as the package's manifest lists them
 * @param signature    the Ed25519 signature over name + version + sha256 of the archive
 */
public record PublishMetadata(PackageId id, List<Dependency> dependencies, Artifact.Signature signature) {

    /** Checks and copies the values. */
    public PublishMetadata {
        Objects.requireNonNull(id, "id");
        dependencies = List.copyOf(dependencies);
        Objects.requireNonNull(signature, "signature");
    }

    /** The JSON document, as UTF-8 bytes. */
    byte[] json() {
        JsonObject root = JsonObject.create()
                .put("name", id.name().value())
                .put("version", id.version().toString());
        JsonObject deps = root.putObject("dependencies");
        dependencies.forEach(d -> deps.put(d.name().value(), d.requirement()));
        root.putObject("signature").put("key", signature.key()).put("ed25519", signature.ed25519());
        return root.canonicalBytes();
    }
}
