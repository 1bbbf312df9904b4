package io.cocoatly.cli;

import io.cocoatly.artifact.Ed25519SigningKey;
import io.cocoatly.model.Artifact;
import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.ErrorKind;
import io.cocoatly.model.Manifest;
import io.cocoatly.model.ManifestMetadata;
import io.cocoatly.model.Release;
import io.cocoatly.registry.FileRegistry;
import io.cocoatly.registry.Manifests;
import io.cocoatly.registry.RegistryEditor;
import io.cocoatly.registry.RegistrySources;
import io.cocoatly.registry.http.PublishMetadata;
import io.cocoatly.registry.http.RegistryApi;
import io.cocoatly.registry.http.RegistryLocations;
import io.cocoatly.registry.server.ServerState;
import io.cocoatly.transport.Transport;
import java.nio.file.Path;
import java.util.ArrayList;
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
            "Pack, hash, sign and add a package version to a registry.",
            "The registry is a directory, or the https URL of a registry with an API, to which the",
            "archive is uploaded with the token in $COCOATLY_REGISTRY_TOKEN.",
            "PATH is a directory with its cocoatly.json. Packs a reproducible .tar.gz into",
            "artifacts/NAME/NAME-VERSION.tar.gz, computes its sha256, blake3 and sha512, signs",
            "name + version + sha256 with KEYFILE, and adds the version with its dependencies to",
            "index/NAME.json. Left out of the archive: names starting with `.`, and the registry",
            "directory and KEYFILE if they are inside PATH.",
            "Every dependency must name a package of the registry with a version the requirement accepts",
            "that is not yanked; --allow-missing turns that check into a warning.",
            "A published version never changes: publishing it again is refused and changes nothing."},
        footer = {"",
            "Examples:",
            "  cocoatly registry init ./registry --name team",
            "  cocoatly publish . --registry ./registry --key ~/.cocoatly-keys/cocoatly.key",
            "  cocoatly publish packages/http --registry /srv/registry --key signing.key --json",
            "  cocoatly publish . --registry https://registry.example/team/ --key cocoatly.key",
            "  cocoatly publish app --registry ./registry --key cocoatly.key --allow-missing   # lib comes next",
            "",
            "Exit codes: 0 published, 2 invalid usage, invalid cocoatly.json, no registry at DIR, or a",
            "dependency the registry cannot satisfy (without --allow-missing),",
            "4 the version exists already, the key cannot be used, writing failed, or the server refused.",
            "See docs/publishing.md."})
final class PublishCommand implements Callable<Integer> {

    private final Context context;

    @Parameters(index = "0", paramLabel = "PATH", description = "The package directory; it holds cocoatly.json.")
    String path;

    @Option(names = "--registry", required = true, paramLabel = "DIR|URL",
            description = "The registry directory (made with `cocoatly registry init`), or the https URL of a"
                    + " registry with an API.")
    String registry;

    @Option(names = "--key", required = true, paramLabel = "KEYFILE",
            description = "The private key file written by `cocoatly keygen` (cocoatly.key).")
    String key;

    @Option(names = "--allow-missing", description = "Publish even if a dependency names a package the registry"
            + " lacks, or no version of it that the requirement accepts (a warning instead of an error).")
    boolean allowMissing;

    @Option(names = "--json", description = "Print the JSON envelope: data = the published release.")
    boolean json;

    PublishCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Path dir = context.path(path);
        Manifest manifest = PackageArchive.readManifest(dir);
        Path keyFile = context.path(key);
        Ed25519SigningKey signingKey = Ed25519SigningKey.read(keyFile);
        if (RegistryLocations.isRemote(registry)) {
            return publishToApi(dir, manifest, keyFile, signingKey);
        }
        Path registryDir = context.path(registry);
        Release release;
        String registryName;
        try (RegistryEditor editor = openRegistry(registryDir)) {
            reportLeftovers(context, editor);
            registryName = editor.name();
            // Checked before packing so a refused version costs nothing, and again (under the same
            // lock) by addRelease, which is what guarantees it.
            editor.requireNew(manifest.id());
            PublishedDependencies.check(context, manifest, PublishedDependencies.inIndex(FileRegistry.open(registryDir)),
                    "registry `" + registryName + "`", allowMissing);
            // The part file is the editor's: closing it deletes the file if the release was refused.
            Path archive = editor.newTempFile();
            release = PackageArchive.pack(dir, Set.of(registryDir, keyFile), manifest, signingKey, archive);
            editor.addRelease(release, archive);
            recordMetadata(registryDir, manifest);
        }
        report(release, "registry `" + registryName + "`", registryName);
        return ExitCodes.OK;
    }

    /** Packs and signs as for a directory, then uploads through the registry's API (docs/registry-protocol.md §2.1). */
    private Integer publishToApi(Path dir, Manifest manifest, Path keyFile, Ed25519SigningKey signingKey) {
        CommandSettings settings = CommandSettings.load(context, "cocoatly publish", context.path(Manifests.FILE_NAME),
                registry);
        String url = RegistrySources.root(registry).toString();
        try (Transport transport = RegistryApiAccess.transport(settings)) {
            RegistryApi api = RegistryApiAccess.require(settings, transport, registry, "cocoatly publish");
            PublishedDependencies.check(context, manifest, PublishedDependencies.throughApi(api), "`" + url + "`",
                    allowMissing);
            Path archive = PackageArchive.tempArchive();
            Release release;
            try {
                release = PackageArchive.pack(dir, Set.of(keyFile), manifest, signingKey, archive);
                Artifact artifact = release.artifact().orElseThrow();
                Release recorded = api.publish(new PublishMetadata(release.id(), release.dependencies(),
                        artifact.signature().orElseThrow(), manifest.metadata()), archive);
                requireSameArchive(artifact, recorded, url);
            } finally {
                PackageArchive.deleteQuietly(archive);
            }
            report(release, "`" + url + "`", url);
        }
        return ExitCodes.OK;
    }

    /** The server says which sha256 it stored; anything but the one signed means it keeps other bytes. */
    private static void requireSameArchive(Artifact sent, Release recorded, String url) {
        Optional<String> stored = recorded.artifact().map(a -> a.checksums().get("sha256"));
        String signed = sent.checksums().get("sha256");
        if (stored.isPresent() && !stored.get().equals(signed)) {
            throw new CocoatlyException(ErrorKind.FAILED, "publish-mismatch", "the registry at `" + url
                    + "` recorded " + recorded.id() + " with sha256 " + stored.get() + ", but the archive sent has "
                    + signed, List.of("the archive was changed on its way or on the server; installs will refuse it,"
                    + " since its signature is over the archive sent; tell the registry's administrator"));
        }
    }

    /**
     * Records the manifest's description, license, repository, keywords and categories where a
     * registry directory keeps what is not in its index, so that {@code cocoatly registry serve} shows
     * them ({@code info}, search): the server's state, as a publish through the server does. Nothing
     * is written for a manifest that says nothing, so a registry of such packages stays as it was;
     * no time is written, so a publish stays reproducible.
     */
    private static void recordMetadata(Path registryDir, Manifest manifest) {
        if (manifest.metadata().equals(ManifestMetadata.NONE)) {
            return;
        }
        ServerState state = new ServerState(registryDir);
        state.writePackageState(manifest.name(), state.packageState(manifest.name()).orElse(ServerState.NEW_PACKAGE)
                .withMetadata(manifest.metadata()));
    }

    /**
     * Says which part files of interrupted publishes {@code editor} deleted as it opened, on stderr
     * (status, not the command's result).
     */
    static void reportLeftovers(Context context, RegistryEditor editor) {
        for (Path p : editor.leftoversRemoved()) {
            context.status("removed `" + p + "`, left by an interrupted publish");
        }
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

    /**
     * Prints what was published.
     *
     * @param where        the registry as the text output names it
     * @param registryJson the registry as {@code data.registry} names it: its name, or its URL
     */
    private void report(Release release, String where, String registryJson) {
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
            data.put("registry", registryJson);
            data.put("name", release.name().value());
            data.put("version", release.version().toString());
            data.put("dependencies", deps);
            data.put("artifact", art);
            Json.write(context.out(), Envelope.success(data));
            return;
        }
        context.out().println("published " + release.id() + " to " + where);
        context.out().println("  artifact: " + artifact.url() + " (" + artifact.size() + " bytes)");
        context.out().println("  sha256: " + artifact.checksums().get("sha256"));
        context.out().println("  signed by: " + signature.key());
        context.out().flush();
    }
}
