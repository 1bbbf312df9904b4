package io.cocoatly.cli;

import io.cocoatly.artifact.Ed25519Keys;
import io.cocoatly.artifact.Ed25519SigningKey;
import io.cocoatly.model.Artifact;
import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.ErrorKind;
import io.cocoatly.model.Dependency;
import io.cocoatly.model.Manifest;
import io.cocoatly.model.ManifestMetadata;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Release;
import io.cocoatly.model.Workspace;
import io.cocoatly.registry.FileRegistry;
import io.cocoatly.registry.Manifests;
import io.cocoatly.registry.PublishedManifest;
import io.cocoatly.registry.RegistryEditor;
import io.cocoatly.registry.RegistrySources;
import io.cocoatly.registry.Workspaces;
import io.cocoatly.registry.http.PackageInfo;
import io.cocoatly.registry.http.PublishMetadata;
import io.cocoatly.registry.http.RegistryApi;
import io.cocoatly.registry.http.RegistryLocations;
import io.cocoatly.registry.server.ServerState;
import io.cocoatly.transport.Transport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cocoatly publish}: packs, hashes and signs a package directory and adds it to a registry. */
@Command(name = "publish", addMethodSubcommands = false,
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
            "A published version never changes: publishing it again is refused and changes nothing.",
            "A workspace member (PATH inside a workspace, or -p NAME from anywhere in it) is published with",
            "each dependency on another member as a range on that member's version (`*` becomes ^VERSION),",
            "its dev-dependencies on members left out; its own cocoatly.json is not changed. Every member",
            "it depends on must be published at its version first. The root's own package, if it has one,",
            "is published alike (PATH the root, or -p its name), without the members' directories."},
        footer = {"",
            "Examples:",
            "  cocoatly registry init ./registry --name team",
            "  cocoatly publish --registry ./registry        # this directory, the key of `cocoatly keygen`",
            "  cocoatly publish . --registry ./registry --key ~/.cocoatly-keys/cocoatly.key",
            "  cocoatly publish packages/http --registry /srv/registry --key signing.key --json",
            "  cocoatly publish . --registry https://registry.example/team/ --key cocoatly.key",
            "  cocoatly publish app --registry ./registry --key cocoatly.key --allow-missing   # lib comes next",
            "  cocoatly publish -p web --registry ./registry --key cocoatly.key --dry-run   # a workspace member",
            "",
            "Exit codes: 0 published, 2 invalid usage, invalid cocoatly.json, no registry at DIR, or a",
            "dependency the registry cannot satisfy (without --allow-missing),",
            "4 the version exists already, the key cannot be used, writing failed, or the server refused.",
            "See docs/publishing.md."})
final class PublishCommand implements Callable<Integer> {

    private final Context context;

    @Parameters(index = "0", arity = "0..1", paramLabel = "PATH",
            description = "The package directory; it holds cocoatly.json (default: the working directory).")
    String path;

    @Option(names = {"-p", "--package"}, paramLabel = "NAME",
            description = "Publish the workspace member NAME of the workspace the working directory is in, instead of PATH.")
    String member;

    @Option(names = "--dry-run", description = "Check, and print the dependencies as they would be published;"
            + " pack, sign and write nothing.")
    boolean dryRun;

    @Option(names = "--registry", paramLabel = "DIR|URL",
            description = "The registry directory (made with `cocoatly registry init`), or the https URL of a"
                    + " registry with an API (default: $COCOATLY_REGISTRY, else the `registry.url` setting of the"
                    + " package's or the home's config.json).")
    String registry;

    @Option(names = "--key", paramLabel = "KEYFILE",
            description = "The private key file written by `cocoatly keygen` (default: cocoatly.key in the home's keys/,"
                    + " where `cocoatly keygen` writes it).")
    String key;

    @Option(names = "--allow-missing", description = "Publish even if a dependency names a package the registry"
            + " lacks, or no version of it that the requirement accepts (a warning instead of an error).")
    boolean allowMissing;

    @Option(names = "--json", description = "Print the JSON envelope: data = the published release.")
    boolean json;

    PublishCommand(Context context) {
        this.context = context;
    }

    /**
     * What is published: the package directory and its manifest, and for a workspace member the
     * manifest it is published with.
     */
    private record Source(Path dir, Manifest manifest, Optional<ManifestLocator.WorkspaceMember> workspace,
                          Optional<PublishedManifest> published) {

        Optional<String> manifestText() {
            return published.map(PublishedManifest::text);
        }

        /**
         * What of {@link #dir} is not the package, besides {@code others} (the registry, the key): for
         * the root's own package, every member's directory, as cargo leaves out a directory with a
         * package of its own.
         */
        Set<Path> leaveOut(Path... others) {
            Set<Path> paths = new HashSet<>(List.of(others));
            workspace.filter(w -> w.member().path().equals(".")).ifPresent(w -> w.workspace().members()
                    .forEach(m -> paths.add(w.workspace().root().resolve(m.path()))));
            return paths;
        }
    }

    /** {@code --key}, else the key {@code cocoatly keygen} writes into the home by default, which must exist. */
    private Path keyFile() {
        if (key != null) {
            return context.path(key);
        }
        Path file = CommandSettings.home(context).keysDir().resolve(Ed25519Keys.PRIVATE_KEY_FILE);
        if (!Files.exists(file)) {
            throw new CocoatlyException(ErrorKind.INVALID_INPUT, "no-signing-key", "no `--key` given, and no key at `"
                    + file + "` to sign with", List.of("create one there with `cocoatly keygen`, or pass `--key FILE`"));
        }
        return file;
    }

    @Override
    public Integer call() {
        Source source = source();
        Manifest manifest = source.manifest();
        Path dir = source.dir();
        // The package's settings, as every command reads its project's: they name the registry unless
        // --registry does, and the API's token and network settings.
        CommandSettings settings = CommandSettings.load(context, "cocoatly publish", dir.resolve(Manifests.FILE_NAME),
                registry);
        registry = registry != null ? registry : settings.requireRegistry();
        Path keyFile = keyFile();
        Ed25519SigningKey signingKey = Ed25519SigningKey.read(keyFile);
        if (RegistryLocations.isRemote(registry)) {
            return publishToApi(settings, source, keyFile, signingKey);
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
            checkDependencies(source, PublishedDependencies.inIndex(FileRegistry.open(registryDir)),
                    "registry `" + registryName + "`");
            if (dryRun) {
                reportDryRun(source, "registry `" + registryName + "`", registryName);
                return ExitCodes.OK;
            }
            // The part file is the editor's: closing it deletes the file if the release was refused.
            Path archive = editor.newTempFile();
            release = PackageArchive.pack(dir, source.leaveOut(registryDir, keyFile), manifest, source.manifestText(), signingKey,
                    archive);
            editor.addRelease(release, archive);
            recordMetadata(registryDir, manifest);
        }
        report(release, "registry `" + registryName + "`", registryName);
        return ExitCodes.OK;
    }

    /**
     * The package to publish: the member {@code -p} names, else the directory PATH (default: here),
     * with the workspace it is a member of, if any.
     */
    private Source source() {
        if (member == null) {
            Path dir = context.path(path == null ? "." : path);
            Path file = dir.resolve(Manifests.FILE_NAME);
            if (Workspaces.declaresWorkspace(file)) {
                // The root's own package, if it has one, is published as a member is (without its members).
                Workspace workspace = Workspaces.read(file);
                if (workspace.rootMember().isPresent()) {
                    return memberSource(dir, new ManifestLocator.WorkspaceMember(workspace, workspace.rootMember().get()));
                }
                // The manifest reader's hint (`--manifest MEMBER/...`) names an option publish does not have.
                throw new CocoatlyException(ErrorKind.INVALID_INPUT, "usage", "`" + file + "` is a workspace root"
                        + " without a package of its own: publish takes one member", List.of(MemberSelection.listOfMembers(workspace)));
            }
            Manifest manifest = PackageArchive.readManifest(dir);
            return ManifestLocator.memberOf(dir.resolve(Manifests.FILE_NAME))
                    .map(w -> memberSource(dir, w))
                    .orElse(new Source(dir, manifest, Optional.empty(), Optional.empty()));
        }
        if (path != null) {
            throw new CocoatlyException(ErrorKind.INVALID_INPUT, "usage", "PATH and `-p " + member + "` cannot be used"
                    + " together", List.of("pass the member's name with -p, or its directory as PATH"));
        }
        Optional<Path> nearest = ManifestLocator.nearest(context).filter(Workspaces::declaresWorkspace);
        if (nearest.isEmpty()) {
            throw MemberSelection.notAWorkspace("--package", context.cwd().toAbsolutePath().normalize().toString());
        }
        Workspace workspace = Workspaces.read(nearest.get());
        Workspace.Member chosen = workspace.rootMember().filter(m -> m.name().value().equals(member))
                .orElseGet(() -> MemberSelection.member(workspace, member));
        return memberSource(workspace.root().resolve(chosen.path()),
                new ManifestLocator.WorkspaceMember(workspace, chosen));
    }

    private static Source memberSource(Path dir, ManifestLocator.WorkspaceMember w) {
        PublishedManifest published = PublishedManifest.of(w.workspace(), w.member());
        return new Source(dir, published.manifest(), Optional.of(w), Optional.of(published));
    }

    /**
     * The checks of the dependencies against the registry: first that every member depended on is
     * published at its version (for a member), then every other dependency as for any package.
     */
    private void checkDependencies(Source source, Function<PackageName, Optional<PackageInfo>> registry, String where) {
        Set<PackageName> reported = source.workspace().map(w -> PublishedDependencies.checkMembers(context,
                w.workspace(), w.member(), registry, where, allowMissing)).orElse(Set.of());
        Manifest manifest = source.manifest();
        PublishedDependencies.check(context, new Manifest(manifest.name(), manifest.version(), manifest.dependencies()
                .stream().filter(d -> !reported.contains(d.name())).toList()), registry, where, allowMissing);
    }

    /** Packs and signs as for a directory, then uploads through the registry's API (docs/registry-protocol.md §2.1). */
    private Integer publishToApi(CommandSettings settings, Source source, Path keyFile, Ed25519SigningKey signingKey) {
        Manifest manifest = source.manifest();
        String url = RegistrySources.root(registry).toString();
        try (Transport transport = RegistryApiAccess.transport(settings)) {
            RegistryApi api = RegistryApiAccess.require(settings, transport, registry, "cocoatly publish");
            checkDependencies(source, PublishedDependencies.throughApi(api), "`" + url + "`");
            if (dryRun) {
                reportDryRun(source, "`" + url + "`", url);
                return ExitCodes.OK;
            }
            Path archive = PackageArchive.tempArchive();
            Release release;
            try {
                release = PackageArchive.pack(source.dir(), source.leaveOut(keyFile), manifest, source.manifestText(), signingKey,
                        archive);
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
     * Prints what would be published: the name, version and dependencies as the registry would
     * record them, saying which are workspace members and which dev-dependencies on members are left out.
     */
    private void reportDryRun(Source source, String where, String registryJson) {
        Manifest manifest = source.manifest();
        List<PublishedManifest.OnMember> onMembers = source.published().map(PublishedManifest::onMembers).orElse(List.of());
        List<PackageName> dropped = source.published().map(PublishedManifest::devDropped).orElse(List.of());
        if (json) {
            Map<String, Object> deps = new LinkedHashMap<>();
            manifest.dependencies().forEach(d -> deps.put(d.name().value(), d.requirement()));
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("registry", registryJson);
            data.put("name", manifest.name().value());
            data.put("version", manifest.version().toString());
            data.put("dependencies", deps);
            data.put("dev_dependencies_left_out", dropped.stream().map(PackageName::value).toList());
            data.put("dry_run", true);
            Json.write(context.out(), Envelope.success(data));
            return;
        }
        context.out().println("would publish " + manifest.id() + " to " + where + " (dry run: nothing packed or written)");
        context.out().println("  dependencies:" + (manifest.dependencies().isEmpty() ? " none" : ""));
        for (Dependency d : manifest.dependencies()) {
            String note = onMembers.stream().filter(o -> o.member().name().equals(d.name())).findFirst()
                    .map(o -> "   (workspace member " + o.member().path()
                            + (o.written().equals(o.published()) ? "" : ", written `" + o.written() + "`") + ")")
                    .orElse("");
            context.out().println("    " + d.name() + " " + d.requirement() + note);
        }
        if (!dropped.isEmpty()) {
            context.out().println("  dev-dependencies on workspace members, left out: "
                    + String.join(", ", dropped.stream().map(PackageName::value).toList()));
        }
        context.out().flush();
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
