package io.cocoatly.cli;

import io.cocoatly.artifact.ArchiveException;
import io.cocoatly.artifact.ArchivePacker;
import io.cocoatly.artifact.Checksums;
import io.cocoatly.artifact.DigestAlgorithm;
import io.cocoatly.artifact.DigestSink;
import io.cocoatly.artifact.Ed25519SigningKey;
import io.cocoatly.artifact.Signatures;
import io.cocoatly.model.Artifact;
import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.ErrorKind;
import io.cocoatly.model.Manifest;
import io.cocoatly.model.Release;
import io.cocoatly.registry.Manifests;
import io.cocoatly.registry.RegistryEditor;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cocoatly publish}: packs, hashes and signs a package directory and adds it to a registry. */
@Command(name = "publish",
        mixinStandardHelpOptions = true,
        description = {
            "Pack, hash, sign and add a package version to a registry directory.",
            "PATH is a directory with its cocoatly.json. Packs a reproducible .tar.gz into",
            "artifacts/NAME/NAME-VERSION.tar.gz, computes its sha256, blake3 and sha512, signs",
            "name + version + sha256 with KEYFILE, and adds the version with its dependencies to",
            "index/NAME.json. Left out of the archive: names starting with `.`, and the registry",
            "directory and KEYFILE if they are inside PATH.",
            "A published version never changes: publishing it again is refused and changes nothing."},
        footer = {"",
            "Examples:",
            "  cocoatly registry init ./registry --name team",
            "  cocoatly publish . --registry ./registry --key ~/.cocoatly-keys/cocoatly.key",
            "  cocoatly publish packages/http --registry /srv/registry --key signing.key --json",
            "",
            "Exit codes: 0 published, 2 invalid usage, invalid cocoatly.json or no registry at DIR,",
            "4 the version exists already, the key cannot be used, or writing failed.",
            "See docs/publishing.md."})
final class PublishCommand implements Callable<Integer> {

    private static final EnumSet<DigestAlgorithm> DIGESTS = EnumSet.allOf(DigestAlgorithm.class);

    private final Context context;

    @Parameters(index = "0", paramLabel = "PATH", description = "The package directory; it holds cocoatly.json.")
    String path;

    @Option(names = "--registry", required = true, paramLabel = "DIR",
            description = "The registry directory (made with `cocoatly registry init`).")
    String registry;

    @Option(names = "--key", required = true, paramLabel = "KEYFILE",
            description = "The private key file written by `cocoatly keygen` (cocoatly.key).")
    String key;

    @Option(names = "--json", description = "Print the JSON envelope: data = the published release.")
    boolean json;

    PublishCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Path dir = context.path(path);
        Manifest manifest = readManifest(dir);
        Path keyFile = context.path(key);
        Path registryDir = context.path(registry);
        Ed25519SigningKey signingKey = Ed25519SigningKey.read(keyFile);
        Release release;
        String registryName;
        try (RegistryEditor editor = openRegistry(registryDir)) {
            registryName = editor.name();
            // Checked before packing so a refused version costs nothing, and again (under the same
            // lock) by addRelease, which is what guarantees it.
            editor.requireNew(manifest.id());
            Path archive = editor.newTempFile();
            try {
                release = pack(dir, Set.of(registryDir, keyFile), manifest, signingKey, archive);
                editor.addRelease(release, archive);
            } finally {
                deleteQuietly(archive);
            }
        }
        report(release, registryName);
        return ExitCodes.OK;
    }

    private static Manifest readManifest(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new CocoatlyException(ErrorKind.INVALID_INPUT, "invalid-package-path", "not a package directory: `" + dir + "`",
                    List.of("PATH is the directory that holds the package's `" + Manifests.FILE_NAME + "`"));
        }
        Path file = dir.resolve(Manifests.FILE_NAME);
        if (!Files.isRegularFile(file)) {
            throw new CocoatlyException(ErrorKind.INVALID_INPUT, "invalid-package-path", "no `" + Manifests.FILE_NAME + "` in `" + dir + "`",
                    List.of("a package directory needs a manifest: {\"name\": ..., \"version\": ..., \"dependencies\": {...}}"));
        }
        return Manifests.read(file);
    }

    private static RegistryEditor openRegistry(Path dir) {
        try {
            return RegistryEditor.open(dir);
        } catch (CocoatlyException e) {
            if (!e.code().equals("registry-not-found")) {
                throw e;
            }
            List<String> hints = new ArrayList<>(e.hints());
            hints.add("create one with `cocoatly registry init " + dir + " --name NAME`");
            throw new CocoatlyException(e.kind(), e.code(), e.getMessage(), hints, e);
        }
    }

    /** Packs {@code dir} into {@code archive}, hashing it as it is written, and signs the result. */
    private static Release pack(Path dir, Set<Path> leaveOut, Manifest manifest, Ed25519SigningKey signingKey,
            Path archive) {
        Checksums checksums;
        long size;
        Path staging = createStaging();
        try {
            PackageFiles.stage(dir, staging, leaveOut);
            try (DigestSink sink = DigestSink.tee(DIGESTS,
                    new BufferedOutputStream(Files.newOutputStream(archive), 1 << 16))) {
                ArchivePacker.pack(staging, sink);
                sink.flush();
                checksums = sink.checksums();
                size = sink.size();
            }
        } catch (ArchiveException e) {
            // The packer only saw the staging copy; name the directory the user gave instead.
            throw new CocoatlyException(e.kind(), e.code(), e.getMessage().replace(staging.toString(), dir.toString()),
                    e.hints(), e);
        } catch (IOException e) {
            throw writeFailed(archive, e);
        } finally {
            PackageFiles.delete(staging);
        }
        String sha256 = checksums.get(DigestAlgorithm.SHA256).orElseThrow();
        Artifact.Signature signature = Signatures.sign(signingKey, manifest.id(), sha256);
        Artifact artifact = new Artifact(RegistryEditor.artifactPath(manifest.id()), size, checksums.toMap(),
                Optional.of(signature));
        return new Release(manifest.id(), manifest.dependencies(), false, Optional.of(artifact));
    }

    private static Path createStaging() {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        try {
            return Files.createTempDirectory(tmp, "cocoatly-publish-");
        } catch (IOException e) {
            throw writeFailed(tmp, e);
        }
    }

    private static CocoatlyException writeFailed(Path where, IOException e) {
        return new CocoatlyException(ErrorKind.FAILED, "publish-failed", "cannot write `" + where + "`: " + e.getMessage(),
                List.of("check free space and permissions; nothing was added to the registry"), e);
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // A stray `.publish-*.part` under artifacts/ is never read; it only costs space.
            return;
        }
    }

    private void report(Release release, String registryName) {
        Artifact artifact = release.artifact().orElseThrow();
        Artifact.Signature signature = artifact.signature().orElseThrow();
        if (json) {
            Map<String, Object> sig = new LinkedHashMap<>();
            sig.put("key", signature.key());
            sig.put("ed25519", signature.ed25519());
            Map<String, Object> art = new LinkedHashMap<>();
            art.put("url", artifact.url());
            art.put("size", artifact.size());
            art.put("checksums", artifact.checksums());
            art.put("signature", sig);
            Map<String, Object> deps = new LinkedHashMap<>();
            release.dependencies().forEach(d -> deps.put(d.name().value(), d.requirement()));
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("registry", registryName);
            data.put("name", release.name().value());
            data.put("version", release.version().toString());
            data.put("dependencies", deps);
            data.put("artifact", art);
            Json.write(context.out(), Envelope.success(data));
            return;
        }
        context.out().println("published " + release.id() + " to registry `" + registryName + "`");
        context.out().println("  artifact: " + artifact.url() + " (" + artifact.size() + " bytes)");
        context.out().println("  sha256: " + artifact.checksums().get("sha256"));
        context.out().println("  signed by: " + signature.key());
        context.out().flush();
    }
}
