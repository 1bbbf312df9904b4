package io.cocoatly.registry.server;

import io.cocoatly.artifact.DigestAlgorithm;
import io.cocoatly.artifact.DigestSink;
import io.cocoatly.json.JsonCursor;
import io.cocoatly.json.StrictJson;
import io.cocoatly.model.Artifact;
import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.Dependency;
import io.cocoatly.model.ManifestMetadata;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Version;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the body of {@code PUT /api/v1/packages/new} in crates.io's framing: a 32-bit little-endian
 * length, that many bytes of JSON metadata, another length, that many bytes of {@code .tar.gz}, and
 * nothing after. The archive is streamed to a file while its size and every digest are computed, so
 * nothing the client computed is used and the archive is never held in memory.
 */
final class PublishBody {

    /** The most metadata accepted: it is a few hundred bytes in practice. */
    static final int MAX_METADATA_BYTES = 1 << 20;

    private static final String SOURCE = "publish metadata";
    private static final String CODE = "invalid-publish-metadata";

    private PublishBody() {
    }

    /**
     * Reads a whole body.
     *
     * @param in      the body, already limited to the server's size limit
     * @param archive the empty file to write the archive to
     * @throws ApiException 400 for bad framing or metadata
     */
    static Upload read(InputStream in, Path archive) throws IOException {
        long metadataLength = length(in, "metadata");
        if (metadataLength > MAX_METADATA_BYTES) {
            throw bad("the metadata is " + metadataLength + " bytes, at most " + MAX_METADATA_BYTES + " are accepted");
        }
        byte[] metadata = exactly(in, (int) metadataLength, "metadata");
        long archiveLength = length(in, "archive");
        long size;
        io.cocoatly.artifact.Checksums checksums;
        try (DigestSink sink = DigestSink.tee(EnumSet.allOf(DigestAlgorithm.class),
                new BufferedOutputStream(Files.newOutputStream(archive), 1 << 16))) {
            copy(in, sink, archiveLength);
            sink.flush();
            size = sink.size();
            checksums = sink.checksums();
        }
        if (in.read() != -1) {
            throw bad("the body goes on after the archive's " + archiveLength + " bytes");
        }
        return metadata(metadata, archive, size, checksums);
    }

    private static Upload metadata(byte[] bytes, Path archive, long size, io.cocoatly.artifact.Checksums checksums) {
        JsonCursor root = StrictJson.parse(bytes, SOURCE, CODE);
        PackageName name = PackageName.of(root.required("name").string());
        JsonCursor versionAt = root.required("version");
        Version version;
        try {
            version = Version.parse(versionAt.string());
        } catch (CocoatlyException e) {
            throw versionAt.error(e.getMessage());
        }
        List<Dependency> dependencies = new ArrayList<>();
        Optional<JsonCursor> deps = root.optional("dependencies");
        if (deps.isPresent()) {
            for (Map.Entry<String, JsonCursor> e : deps.get().entries()) {
                dependencies.add(Dependency.parse(e.getKey(), e.getValue().string()));
            }
        }
        JsonCursor sig = root.required("signature");
        Artifact.Signature signature = new Artifact.Signature(sig.required("key").string(), sig.required("ed25519").string());
        ManifestMetadata metadata = new ManifestMetadata(text(root, "description"), text(root, "license"),
                text(root, "repository"), words(root, "keywords"), words(root, "categories"));
        return new Upload(name, version, dependencies, signature, metadata, archive, size, checksums);
    }

    /** An optional string; {@code null} is the same as absent. */
    private static Optional<String> text(JsonCursor root, String key) {
        return root.optional(key).filter(d -> !d.isNull()).map(JsonCursor::string);
    }

    /** An optional array of strings; {@code null} is the same as absent, which is the same as empty. */
    private static List<String> words(JsonCursor root, String key) {
        return root.optional(key).filter(d -> !d.isNull()).map(a -> a.elements().stream().map(JsonCursor::string).toList())
                .orElse(List.of());
    }

    private static long length(InputStream in, String what) throws IOException {
        byte[] b = exactly(in, 4, what + " length");
        return (b[0] & 0xffL) | (b[1] & 0xffL) << 8 | (b[2] & 0xffL) << 16 | (b[3] & 0xffL) << 24;
    }

    private static byte[] exactly(InputStream in, int n, String what) throws IOException {
        byte[] bytes = in.readNBytes(n);
        if (bytes.length < n) {
            throw bad("the body ends in the " + what + ": " + bytes.length + " of " + n + " bytes");
        }
        return bytes;
    }

    private static void copy(InputStream in, OutputStream out, long n) throws IOException {
        byte[] buffer = new byte[1 << 16];
        long left = n;
        while (left > 0) {
            int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (read < 0) {
                throw bad("the body ends in the archive: " + (n - left) + " of " + n + " bytes");
            }
            out.write(buffer, 0, read);
            left -= read;
        }
    }

    private static ApiException bad(String detail) {
        return new ApiException(ApiException.Status.BAD_REQUEST, "invalid-publish-body", detail);
    }
}
