package io.cocoatly.registry.http;

import io.cocoatly.json.JsonArray;
import io.cocoatly.json.JsonObject;
import io.cocoatly.model.Artifact;
import io.cocoatly.model.Dependency;
import io.cocoatly.model.ManifestMetadata;
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
 * @param metadata     description, license, repository, keywords and categories, as the manifest gives them
 */
public record PublishMetadata(PackageId id, List<Dependency> dependencies, Artifact.Signature signature,
                              ManifestMetadata metadata) {

    /** Checks and copies the values. */
    public PublishMetadata {
        Objects.requireNonNull(id, "id");
        dependencies = List.copyOf(dependencies);
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(metadata, "metadata");
    }

    /** The JSON document, as UTF-8 bytes. */
    byte[] json() {
        JsonObject root = JsonObject.create()
                .put("name", id.name().value())
                .put("version", id.version().toString());
        JsonObject deps = root.putObject("dependencies");
        dependencies.forEach(d -> deps.put(d.name().value(), d.requirement()));
        root.putObject("signature").put("key", signature.key()).put("ed25519", signature.ed25519());
        // What the manifest leaves out is left out here too: the server then keeps what it had.
        metadata.description().ifPresent(d -> root.put("description", d));
        metadata.license().ifPresent(l -> root.put("license", l));
        metadata.repository().ifPresent(r -> root.put("repository", r));
        if (!metadata.keywords().isEmpty()) {
            JsonArray keywords = root.putArray("keywords");
            metadata.keywords().forEach(keywords::add);
        }
        if (!metadata.categories().isEmpty()) {
            JsonArray categories = root.putArray("categories");
            metadata.categories().forEach(categories::add);
        }
        return root.canonicalBytes();
    }
}
