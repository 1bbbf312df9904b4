package io.cocoatly.registry.server;

import io.cocoatly.artifact.Ed25519PublicKey;
import io.cocoatly.json.AtomicFiles;
import io.cocoatly.json.FileModes;
import io.cocoatly.json.JsonArray;
import io.cocoatly.json.JsonCursor;
import io.cocoatly.json.JsonObject;
import io.cocoatly.json.JsonValue;
import io.cocoatly.json.StrictJson;
import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.ErrorKind;
import io.cocoatly.model.ManifestMetadata;
import io.cocoatly.model.PackageName;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The server's own files in a directory registry, under {@value #DIR_NAME} (a dot-directory, so
 * never served): {@code users.json} (logins and their Ed25519 keys), {@code tokens.json} (hashes
 * only), {@code packages/<name>.json} (owners, description, publication times) and the append-only
 * {@code audit.log}. Files are replaced atomically and readable by their owner only; writers hold the
 * registry's lock (see {@link DirectoryBackend}), readers need none.
 *
 * <p>Public for the PostgreSQL backend's import and export ({@code io.cocoatly.registry.db}), which
 * read and write the same files: the format stays here, in one place.
 */
public final class ServerState {

    /** The state directory's name in the registry root. */
    static final String DIR_NAME = ".cocoatly-server";

    private static final String CODE = "invalid-server-state";

    private final Path dir;

    /** The state of the registry directory {@code registryRoot}; nothing is read or created yet. */
    public ServerState(Path registryRoot) {
        this.dir = registryRoot.resolve(DIR_NAME);
    }

    /** A stored token: what is shown of it, and the SHA-256 hex of its text. */
    record StoredToken(TokenInfo info, String sha256) {
    }

    /**
     * What the server knows of one package beyond its index file.
     *
     * @param owners    the owners' logins, kept sorted and without duplicates
     * @param metadata  description, license, repository, keywords and categories, each as the latest
     *                  publish that gave it said ({@link #afterPublish})
     * @param published when each version was published, by its text
     */
    public record PackageState(List<String> owners, ManifestMetadata metadata, Map<String, Instant> published) {
        /** Owners are kept sorted and without duplicates, however they were given. */
        public PackageState {
            owners = List.copyOf(new TreeSet<>(owners));
            Objects.requireNonNull(metadata, "metadata");
            published = Map.copyOf(published);
        }

        /** A state that knows only a description, as files written before the other fields had. */
        public PackageState(List<String> owners, Optional<String> description, Map<String, Instant> published) {
            this(owners, new ManifestMetadata(description, Optional.empty(), Optional.empty(), List.of(), List.of()),
                    published);
        }

        /** The description, if any. */
        public Optional<String> description() {
            return metadata.description();
        }

        /**
         * This state after a publish of {@code version} at {@code at} by {@code owners} with
         * {@code given} ({@link #withMetadata}).
         */
        public PackageState afterPublish(List<String> newOwners, ManifestMetadata given, String version, Instant at) {
            Map<String, Instant> times = new HashMap<>(published);
            times.put(version, at);
            return new PackageState(newOwners, withMetadata(given).metadata(), times);
        }

        /**
         * This state with the metadata of a publish: each field the publish gave replaces the old one,
         * and one it left out (absent, or an empty list) keeps its old value, as the PostgreSQL backend
         * does. Keywords and categories are kept sorted, as the database returns them.
         */
        public PackageState withMetadata(ManifestMetadata given) {
            ManifestMetadata merged = new ManifestMetadata(given.description().or(metadata::description),
                    given.license().or(metadata::license), given.repository().or(metadata::repository),
                    given.keywords().isEmpty() ? metadata.keywords() : sorted(given.keywords()),
                    given.categories().isEmpty() ? metadata.categories() : sorted(given.categories()));
            return new PackageState(owners, merged, published);
        }
    }

    private static List<String> sorted(List<String> words) {
        return words.stream().sorted().toList();
    }

    /** The state of a package nobody published through the server yet: no owners, no metadata, no times. */
    public static final PackageState NEW_PACKAGE = new PackageState(List.of(), ManifestMetadata.NONE, Map.of());

    /** Where uploads wait: inside the registry, so their final move is a rename on one file system. */
    Path tmpDir() {
        return ensure(dir.resolve("tmp"));
    }

    /**
     * The users of {@code users.json} with their keys, by login (sorted); empty if there is no file.
     *
     * @throws io.cocoatly.model.InvalidFileException if the file is malformed, naming it and the JSON path
     */
    public Map<String, List<Ed25519PublicKey>> users() {
        Map<String, List<Ed25519PublicKey>> users = new TreeMap<>();
        read("users.json").ifPresent(root -> {
            for (JsonCursor u : root.required("users").elements()) {
                List<Ed25519PublicKey> keys = new ArrayList<>();
                for (JsonCursor k : u.required("keys").elements()) {
                    keys.add(Ed25519PublicKey.parse(k.required("public_key").string()));
                }
                users.put(u.required("login").string(), keys);
            }
        });
        return users;
    }

    /** Replaces {@code users.json} atomically; the caller holds the registry's lock. */
    public void writeUsers(Map<String, List<Ed25519PublicKey>> users) {
        JsonObject root = JsonObject.create();
        JsonArray list = root.putArray("users");
        users.forEach((login, keys) -> {
            JsonObject u = list.addObject().put("login", login);
            JsonArray ks = u.putArray("keys");
            keys.forEach(k -> ks.addObject().put("key_id", k.keyId()).put("public_key", k.base64()));
        });
        write("users.json", root);
    }

    List<StoredToken> tokens() {
        List<StoredToken> tokens = new ArrayList<>();
        read("tokens.json").ifPresent(root -> {
            for (JsonCursor t : root.required("tokens").elements()) {
                List<Scope> scopes = new ArrayList<>();
                for (JsonCursor s : t.required("scopes").elements()) {
                    scopes.add(Scope.parse(s.string()).orElseThrow(() -> s.error("unknown scope `" + s.string() + "`")));
                }
                List<String> globs = new ArrayList<>();
                t.required("packages").elements().forEach(g -> globs.add(g.string()));
                Optional<Instant> expires = t.optional("expires_at").filter(e -> !e.isNull()).map(e -> Instant.parse(e.string()));
                TokenInfo info = new TokenInfo(t.required("id").string(), t.required("prefix").string(),
                        t.required("owner").string(), java.util.Set.copyOf(scopes), globs, Instant.parse(t.required("created_at").string()), expires, t.required("revoked").bool());
                tokens.add(new StoredToken(info, t.required("sha256").string()));
            }
        });
        return tokens;
    }

    void writeTokens(List<StoredToken> tokens) {
        JsonObject root = JsonObject.create();
        JsonArray list = root.putArray("tokens");
        for (StoredToken t : tokens) {
            TokenInfo i = t.info();
            JsonObject o = list.addObject().put("id", i.id()).put("prefix", i.prefix()).put("sha256", t.sha256())
                    .put("owner", i.owner());
            JsonArray scopes = o.putArray("scopes");
            for (Scope s : Scope.values()) {
                if (i.scopes().contains(s)) {
                    scopes.add(s.id());
                }
            }
            JsonArray globs = o.putArray("packages");
            i.globs().forEach(globs::add);
            o.put("created_at", i.createdAt().toString());
            o.put("expires_at", i.expiresAt().map(Instant::toString).orElse(null));
            o.put("revoked", i.revoked());
        }
        write("tokens.json", root);
    }

    /**
     * What {@code packages/<name>.json} says, or empty if there is no such file.
     *
     * @throws io.cocoatly.model.InvalidFileException if the file is malformed, naming it and the JSON path
     */
    public Optional<PackageState> packageState(PackageName name) {
        return read("packages/" + name.value() + ".json").map(root -> {
            List<String> owners = new ArrayList<>();
            root.required("owners").elements().forEach(o -> owners.add(o.string()));
            ManifestMetadata metadata = new ManifestMetadata(text(root, "description"), text(root, "license"),
                    text(root, "repository"), words(root, "keywords"), words(root, "categories"));
            Map<String, Instant> published = new LinkedHashMap<>();
            for (Map.Entry<String, JsonCursor> e : root.required("published").entries()) {
                published.put(e.getKey(), Instant.parse(e.getValue().string()));
            }
            return new PackageState(owners, metadata, published);
        });
    }

    /** Replaces {@code packages/<name>.json} atomically; the caller holds the registry's lock. */
    public void writePackageState(PackageName name, PackageState state) {
        JsonObject root = JsonObject.create();
        JsonArray owners = root.putArray("owners");
        state.owners().forEach(owners::add);
        ManifestMetadata m = state.metadata();
        root.put("description", m.description().orElse(null));
        // Written only when there is something to say, so that a file of a package published before
        // these fields existed reads and writes the same bytes.
        m.license().ifPresent(l -> root.put("license", l));
        m.repository().ifPresent(r -> root.put("repository", r));
        if (!m.keywords().isEmpty()) {
            JsonArray keywords = root.putArray("keywords");
            m.keywords().forEach(keywords::add);
        }
        if (!m.categories().isEmpty()) {
            JsonArray categories = root.putArray("categories");
            m.categories().forEach(categories::add);
        }
        JsonObject published = root.putObject("published");
        new TreeMap<>(state.published()).forEach((v, at) -> published.put(v, at.toString()));
        ensure(dir.resolve("packages"));
        write("packages/" + name.value() + ".json", root);
    }

    /**
     * Appends one line to {@code audit.log} and syncs it: who did what to which package, when. Never a
     * token, only its id.
     */
    void audit(Caller caller, String action, PackageName name, String detail) {
        JsonObject line = JsonObject.create().put("at", Instant.now().toString()).put("login", caller.login())
                .put("token", caller.tokenId()).put("action", action).put("package", name.value()).put("detail", detail);
        // One JSON document per line: the canonical form is indented, so it is flattened here.
        String text = new String(line.canonicalBytes(), java.nio.charset.StandardCharsets.UTF_8)
                .replaceAll("\\n\\s*", " ").trim() + "\n";
        ensure(dir);
        try (FileChannel channel = FileChannel.open(dir.resolve("audit.log"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            ByteBuffer buffer = ByteBuffer.wrap(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        } catch (IOException e) {
            throw unwritable(dir.resolve("audit.log"), e);
        }
    }

    private static Optional<String> text(JsonCursor root, String key) {
        return root.optional(key).filter(d -> !d.isNull()).map(JsonCursor::string);
    }

    private static List<String> words(JsonCursor root, String key) {
        return root.optional(key).map(a -> a.elements().stream().map(JsonCursor::string).toList()).orElse(List.of());
    }

    private Optional<JsonCursor> read(String relative) {
        Path file = dir.resolve(relative);
        try {
            return Optional.of(StrictJson.parse(Files.readAllBytes(file), file, CODE));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new CocoatlyException(ErrorKind.FAILED, "server-state-unreadable", "cannot read `" + file + "`: " + e.getMessage(),
                    List.of("check the permissions of `" + dir + "`"), e);
        }
    }

    private void write(String relative, JsonValue value) {
        Path file = dir.resolve(relative);
        ensure(file.getParent());
        try {
            AtomicFiles.write(file, value.canonicalBytes(), FileModes.OWNER_ONLY);
        } catch (IOException e) {
            throw unwritable(file, e);
        }
    }

    private static Path ensure(Path directory) {
        try {
            Files.createDirectories(directory);
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static CocoatlyException unwritable(Path file, IOException e) {
        return new CocoatlyException(ErrorKind.FAILED, "server-state-unwritable", "cannot write `" + file + "`: " + e.getMessage(),
                List.of("check free space and the permissions of the registry directory"), e);
    }
}
