package io.cocoatly.registry.server;

import io.cocoatly.artifact.Ed25519PublicKey;
import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.ManifestMetadata;
import io.cocoatly.model.NewestVersion;
import io.cocoatly.model.PackageListing;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Release;
import io.cocoatly.model.Version;
import io.cocoatly.registry.FileRegistry;
import io.cocoatly.registry.RegistryEditor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The backend of a registry directory: packages through the {@code registry} module's
 * {@link RegistryEditor} (which holds the registry's OS lock for every read-check-write and stores
 * an archive before the index names it), the server's own state in {@link ServerState}. Every
 * write, also of users and tokens, holds the registry's lock, so concurrent requests and the admin
 * commands of the cli never lose each other's changes.
 */
public final class DirectoryBackend implements RegistryBackend {

    private static final String INDEX_DIR = "index";

    private final Path root;
    private final ServerState state;

    /**
     * The backend of the registry in {@code root}.
     *
     * @throws CocoatlyException {@code registry-not-found} if {@code root} has no {@code registry.json}
     */
    public DirectoryBackend(Path root) {
        FileRegistry.open(root);
        this.root = root;
        this.state = new ServerState(root);
    }

    @Override
    public Caller authenticate(String token) {
        String hash = Tokens.hash(token);
        for (ServerState.StoredToken t : state.tokens()) {
            if (Tokens.same(t.sha256(), hash)) {
                TokenInfo info = t.info();
                if (info.revoked()) {
                    throw Refusals.tokenRevoked();
                }
                if (info.expiredAt(Instant.now())) {
                    throw Refusals.tokenExpired(info.expiresAt().orElseThrow());
                }
                return new Caller(info.owner(), info.id(), info.scopes(), info.globs());
            }
        }
        throw Refusals.tokenUnknown();
    }

    @Override
    public Path newUploadFile() {
        try {
            return Files.createTempFile(state.tmpDir(), "upload-", ".part");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Release publish(Caller caller, Upload upload) {
        UploadCheck.metadata(upload);
        Path scratch = UploadCheck.scratch(state.tmpDir());
        try {
            UploadCheck.archive(upload, scratch);
        } finally {
            deleteQuietly(scratch);
        }
        PackageName name = upload.name();
        try (RegistryEditor editor = RegistryEditor.open(root)) {
            Optional<ServerState.PackageState> known = state.packageState(name);
            boolean isNew = editor.listing(name).isEmpty();
            caller.require(isNew ? Scope.PUBLISH_NEW : Scope.PUBLISH_UPDATE, name);
            List<String> owners;
            if (isNew) {
                refuseSimilarName(name);
                owners = List.of(caller.login());
                UploadCheck.signature(upload, keysOf(owners), "`" + caller.login() + "`");
            } else {
                owners = known.map(ServerState.PackageState::owners).orElse(List.of());
                requireOwner(caller, name, owners);
                UploadCheck.signature(upload, keysOf(owners), "the owners of `" + name + "`");
            }
            requireNew(editor, upload);
            Release release = UploadCheck.release(upload);
            // The owners are recorded before the index names the package: a crash in between leaves
            // an owned name without versions (harmless), never a package nobody may publish to.
            state.writePackageState(name, known.orElse(ServerState.NEW_PACKAGE).afterPublish(owners, upload.metadata(),
                    upload.version().toString(), Instant.now()));
            editor.addRelease(release, upload.archive());
            state.audit(caller, "publish", name, upload.version().toString());
            return release;
        }
    }

    @Override
    public Release yank(Caller caller, PackageName name, Version version, boolean yanked) {
        try (RegistryEditor editor = RegistryEditor.open(root)) {
            PackageListing listing = editor.listing(name).orElseThrow(() -> Refusals.noPackage(name));
            caller.require(Scope.YANK, name);
            requireOwner(caller, name, owners(name));
            if (listing.releases().stream().noneMatch(r -> r.version().equals(version))) {
                throw Refusals.noVersion(name, version);
            }
            Release release = editor.yank(name, version, yanked);
            state.audit(caller, yanked ? "yank" : "unyank", name, version.toString());
            return release;
        }
    }

    @Override
    public List<String> owners(PackageName name) {
        if (FileRegistry.open(root).find(name).isEmpty()) {
            throw Refusals.noPackage(name);
        }
        return state.packageState(name).map(ServerState.PackageState::owners).orElse(List.of());
    }

    @Override
    public List<String> changeOwners(Caller caller, PackageName name, List<String> logins, boolean add) {
        try (RegistryEditor editor = RegistryEditor.open(root)) {
            editor.listing(name).orElseThrow(() -> Refusals.noPackage(name));
            caller.require(Scope.CHANGE_OWNERS, name);
            ServerState.PackageState current = state.packageState(name).orElse(ServerState.NEW_PACKAGE);
            requireOwner(caller, name, current.owners());
            TreeSet<String> owners = new TreeSet<>(current.owners());
            if (add) {
                Set<String> users = state.users().keySet();
                for (String login : logins) {
                    if (!users.contains(login)) {
                        throw Refusals.unregisteredOwner(login);
                    }
                }
                owners.addAll(logins);
            } else {
                owners.removeAll(logins);
                if (owners.isEmpty()) {
                    throw Refusals.lastOwner(name);
                }
            }
            state.writePackageState(name, new ServerState.PackageState(List.copyOf(owners), current.metadata(),
                    current.published()));
            state.audit(caller, add ? "add-owners" : "remove-owners", name, String.join(",", logins));
            return List.copyOf(owners);
        }
    }

    @Override
    public PackageInfo packageInfo(PackageName name) {
        PackageListing listing = FileRegistry.open(root).find(name).orElseThrow(() -> Refusals.noPackage(name));
        Optional<ServerState.PackageState> known = state.packageState(name);
        Map<String, Instant> published = known.map(ServerState.PackageState::published).orElse(Map.of());
        List<PackageInfo.VersionInfo> versions = new ArrayList<>();
        listing.releases().stream().sorted(Comparator.comparing(Release::version).reversed()).forEach(r -> versions.add(
                new PackageInfo.VersionInfo(r, Optional.ofNullable(published.get(r.version().toString())), Optional.empty())));
        return new PackageInfo(name.value(), known.orElse(ServerState.NEW_PACKAGE).metadata(),
                known.map(ServerState.PackageState::owners).orElse(List.of()), Optional.empty(), versions);
    }

    @Override
    public SearchPage search(String query, int page, int perPage) {
        String q = query.toLowerCase(java.util.Locale.ROOT);
        FileRegistry registry = FileRegistry.open(root);
        List<SearchPage.Hit> hits = new ArrayList<>();
        for (String name : indexNames()) {
            PackageName pn = PackageName.of(name);
            ManifestMetadata metadata = state.packageState(pn).orElse(ServerState.NEW_PACKAGE).metadata();
            Optional<String> description = metadata.description();
            // Keywords match by prefix, as words of the PostgreSQL backend's search document do.
            boolean matches = name.contains(q) || description.map(d -> d.toLowerCase(java.util.Locale.ROOT).contains(q)).orElse(false)
                    || metadata.keywords().stream().anyMatch(k -> !q.isEmpty() && k.startsWith(q));
            if (matches) {
                registry.find(pn).flatMap(DirectoryBackend::newest).ifPresent(v ->
                        hits.add(new SearchPage.Hit(name, v.toString(), description, Optional.empty())));
            }
        }
        hits.sort(Comparator.comparing((SearchPage.Hit h) -> !h.name().equals(q)).thenComparing(SearchPage.Hit::name));
        int from = Math.min(hits.size(), (page - 1) * perPage);
        return new SearchPage(hits.subList(from, Math.min(hits.size(), from + perPage)), hits.size());
    }

    @Override
    public boolean addUser(String login, Ed25519PublicKey key) {
        Logins.require(login);
        try (RegistryEditor editor = RegistryEditor.open(root)) {
            Map<String, List<Ed25519PublicKey>> users = state.users();
            List<Ed25519PublicKey> keys = new ArrayList<>(users.getOrDefault(login, List.of()));
            if (keys.contains(key)) {
                return false;
            }
            keys.add(key);
            users.put(login, keys);
            state.writeUsers(users);
            return true;
        }
    }

    @Override
    public NewToken createToken(String login, Set<Scope> scopes, List<String> globs, Optional<Instant> expiresAt) {
        Tokens.requireValid(scopes, globs);
        try (RegistryEditor editor = RegistryEditor.open(root)) {
            if (!state.users().containsKey(login)) {
                throw new ApiException(ApiException.Status.NOT_FOUND, "unknown-user", "no user `" + login
                        + "` in registry `" + root + "`", List.of("add one with `cocoatly registry user add " + login
                                + " --key FILE.pub --registry " + root + "`"));
            }
            String text = Tokens.newText();
            TokenInfo info = new TokenInfo(Tokens.newId(), text.substring(0, Tokens.SHOWN), login, scopes,
                    globs.isEmpty() ? List.of("*") : globs, Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
                    expiresAt, false);
            List<ServerState.StoredToken> tokens = new ArrayList<>(state.tokens());
            tokens.add(new ServerState.StoredToken(info, Tokens.hash(text)));
            state.writeTokens(tokens);
            return new NewToken(text, info);
        }
    }

    @Override
    public List<TokenInfo> tokens() {
        return state.tokens().stream().map(ServerState.StoredToken::info).toList();
    }

    @Override
    public TokenInfo revokeToken(String id) {
        try (RegistryEditor editor = RegistryEditor.open(root)) {
            List<ServerState.StoredToken> tokens = new ArrayList<>(state.tokens());
            for (int i = 0; i < tokens.size(); i++) {
                TokenInfo info = tokens.get(i).info();
                if (info.id().equals(id)) {
                    TokenInfo revoked = new TokenInfo(info.id(), info.prefix(), info.owner(), info.scopes(), info.globs(),
                            info.createdAt(), info.expiresAt(), true);
                    tokens.set(i, new ServerState.StoredToken(revoked, tokens.get(i).sha256()));
                    state.writeTokens(tokens);
                    return revoked;
                }
            }
            throw new ApiException(ApiException.Status.NOT_FOUND, "token-not-found", "no token `" + id + "` in registry `"
                    + root + "`", List.of("`cocoatly registry token list --registry " + root + "` shows the ids"));
        }
    }

    private void requireNew(RegistryEditor editor, Upload upload) {
        try {
            editor.requireNew(upload.id());
        } catch (CocoatlyException e) {
            throw Refusals.versionExists(upload.id());
        }
    }

    private void refuseSimilarName(PackageName name) {
        String canonical = UploadCheck.similarityKey(name.value());
        for (String existing : indexNames()) {
            if (UploadCheck.similarityKey(existing).equals(canonical)) {
                throw Refusals.nameTooSimilar(name, existing);
            }
        }
    }

    private static void requireOwner(Caller caller, PackageName name, List<String> owners) {
        if (!owners.contains(caller.login())) {
            throw Refusals.notAnOwner(caller, name);
        }
    }

    private List<Ed25519PublicKey> keysOf(List<String> logins) {
        Map<String, List<Ed25519PublicKey>> users = state.users();
        return logins.stream().flatMap(l -> users.getOrDefault(l, List.of()).stream()).toList();
    }

    private List<String> indexNames() {
        Path dir = root.resolve(INDEX_DIR);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json"))
                    .map(n -> n.substring(0, n.length() - ".json".length())).filter(n -> PackageName.problem(n) == null)
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<Version> newest(PackageListing listing) {
        return NewestVersion.of(listing.releases(), Release::version, Release::yanked).map(Release::version);
    }

    private static void deleteQuietly(Path dir) {
        try {
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // An empty scratch directory under the state's tmp/ is never served and costs nothing.
            return;
        }
    }
}
