package io.cocoatly.registry.db;

import io.cocoatly.artifact.ArchivePacker;
import io.cocoatly.artifact.Checksums;
import io.cocoatly.artifact.DigestAlgorithm;
import io.cocoatly.artifact.Ed25519SigningKey;
import io.cocoatly.artifact.Signatures;
import io.cocoatly.model.Artifact;
import io.cocoatly.model.Dependency;
import io.cocoatly.model.ManifestMetadata;
import io.cocoatly.model.PackageId;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Version;
import io.cocoatly.registry.server.RegistryBackend;
import io.cocoatly.registry.server.Upload;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;

/**
 * Publish requests as the server receives them, for the write branch's tests: a real packed archive
 * (deterministic, so two backends get the same bytes), signed, in an upload file of the backend's,
 * with the size and digests computed from the file as {@code PublishBody} does.
 */
final class WriteTestUploads {

    private final Path dir;

    WriteTestUploads(Path dir) {
        this.dir = dir;
    }

    /** The archive of a package directory with {@code cocoatly.json} (name, version, dependencies) and a README. */
    byte[] archive(String name, String version, Map<String, String> deps) {
        try {
            Path src = Files.createTempDirectory(dir, "src-");
            String dependencies = deps.entrySet().stream().map(e -> "\"" + e.getKey() + "\": \"" + e.getValue() + "\"")
                    .collect(Collectors.joining(", ", "{", "}"));
            Files.writeString(src.resolve("cocoatly.json"), "{\"name\": \"" + name + "\", \"version\": \"" + version
                    + "\", \"dependencies\": " + dependencies + "}\n");
            Files.writeString(src.resolve("README.md"), "# " + name + " " + version + "\n");
            Path archive = dir.resolve("archive-" + System.nanoTime() + ".tar.gz");
            ArchivePacker.pack(src, archive);
            return Files.readAllBytes(archive);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A signed upload of a fresh archive of {@code name@version}. */
    Upload upload(RegistryBackend backend, Ed25519SigningKey key, String name, String version) {
        return upload(backend, key, name, version, Map.of(), Optional.of("the " + name + " package"));
    }

    /** A signed upload of a fresh archive, with dependencies and a description. */
    Upload upload(RegistryBackend backend, Ed25519SigningKey key, String name, String version, Map<String, String> deps,
                  Optional<String> description) {
        byte[] archive = archive(name, version, deps);
        return upload(backend, archive, sign(key, name, version, archive), name, version, deps, description);
    }

    /** A signed upload of a fresh archive without dependencies, with {@code metadata}. */
    Upload upload(RegistryBackend backend, Ed25519SigningKey key, String name, String version, ManifestMetadata metadata) {
        byte[] archive = archive(name, version, Map.of());
        return upload(backend, archive, sign(key, name, version, archive), name, version, Map.of(), metadata);
    }

    /** An upload of exactly {@code archive} with {@code signature}, whatever they hold. */
    Upload upload(RegistryBackend backend, byte[] archive, Artifact.Signature signature, String name, String version,
                  Map<String, String> deps, Optional<String> description) {
        return upload(backend, archive, signature, name, version, deps,
                new ManifestMetadata(description, Optional.empty(), Optional.empty(), List.of(), List.of()));
    }

    /** An upload of exactly {@code archive} with {@code signature} and {@code metadata}, whatever they hold. */
    Upload upload(RegistryBackend backend, byte[] archive, Artifact.Signature signature, String name, String version,
                  Map<String, String> deps, ManifestMetadata metadata) {
        try {
            Path file = backend.newUploadFile();
            Files.write(file, archive);
            Checksums checksums = Checksums.of(file, EnumSet.allOf(DigestAlgorithm.class));
            List<Dependency> dependencies = new ArrayList<>();
            new TreeMap<>(deps).forEach((n, r) -> dependencies.add(Dependency.parse(n, r)));
            return new Upload(PackageName.of(name), Version.parse(version), dependencies, signature, metadata, file,
                    archive.length, checksums);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The publisher's signature over name + version + sha256 of {@code archive}. */
    Artifact.Signature sign(Ed25519SigningKey key, String name, String version, byte[] archive) {
        try {
            Path tmp = Files.createTempFile(dir, "sign-", ".tar.gz");
            Files.write(tmp, archive);
            String sha256 = Checksums.of(tmp, Set.of(DigestAlgorithm.SHA256)).get(DigestAlgorithm.SHA256).orElseThrow();
            return Signatures.sign(key, PackageId.of(name, version), sha256);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A gzipped tar of one empty regular file named {@code name}, written by hand (ustar header), e.g. {@code ../evil.txt}. */
    static byte[] tarGz(String name) {
        byte[] header = new byte[512];
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(n, 0, header, 0, n.length);
        put(header, 100, "0000644");
        put(header, 108, "0000000");
        put(header, 116, "0000000");
        put(header, 124, "00000000000");
        put(header, 136, "00000000000");
        header[156] = '0';
        put(header, 257, "ustar");
        put(header, 263, "00");
        java.util.Arrays.fill(header, 148, 156, (byte) ' ');
        int sum = 0;
        for (byte b : header) {
            sum += b & 0xff;
        }
        put(header, 148, String.format("%06o", sum));
        header[154] = 0;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(header);
            gz.write(new byte[1024]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void put(byte[] header, int at, String text) {
        byte[] b = text.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, header, at, b.length);
    }
}
