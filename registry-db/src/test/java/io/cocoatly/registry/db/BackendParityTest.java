package io.cocoatly.registry.db;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cocoatly.artifact.Ed25519SigningKey;
import io.cocoatly.model.PackageId;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Release;
import io.cocoatly.model.Version;
import io.cocoatly.registry.RegistryEditor;
import io.cocoatly.registry.server.ApiException;
import io.cocoatly.registry.server.Caller;
import io.cocoatly.registry.server.DirectoryBackend;
import io.cocoatly.registry.server.RegistryBackend;
import io.cocoatly.registry.server.Scope;
import io.cocoatly.registry.server.TokenInfo;
import io.cocoatly.registry.server.Upload;
import io.cocoatly.testkit.TestRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One script of writes and refusals run against the directory backend (the reference) and the
 * PostgreSQL backend: both must answer every step with the same status, code and detail (except
 * where the detail names the store: the registry's path or its database), and return equal
 * releases. What the refusals leave behind in the database is checked too: nothing.
 */
class BackendParityTest {

    private static final Instant EXPIRED = Instant.parse("2020-01-01T00:00:00Z");

    @TempDir
    Path dir;

    private Ed25519SigningKey aliceKey;
    private Ed25519SigningKey bobKey;
    private WriteTestUploads uploads;
    private final Map<String, byte[]> archives = new HashMap<>();
    private final Map<RegistryBackend, List<Release>> releases = new HashMap<>();
    private RegistryBackend currentBackend;

    @BeforeEach
    void keys() {
        aliceKey = TestRegistry.newKey(dir.resolve("keys-alice"));
        bobKey = TestRegistry.newKey(dir.resolve("keys-bob"));
        uploads = new WriteTestUploads(dir);
    }

    @Test
    void theDatabaseAnswersEveryStepAsTheDirectoryDoes() throws Exception {
        Path registry = dir.resolve("registry");
        RegistryEditor.init(registry, "team");
        DirectoryBackend directoryBackend = new DirectoryBackend(registry);
        List<String> directory = script(directoryBackend);
        try (WriteTestDatabase db = new WriteTestDatabase(dir.resolve("db"))) {
            List<String> database = script(db.backend);
            assertEquals(expected(), directory, "the reference itself");
            assertEquals(directory, database);
            assertEquals(releases.get(directoryBackend), releases.get(db.backend), "releases as returned");

            // The refusals stored nothing: three versions, their archives, and nothing else.
            assertEquals(List.of(PackageId.of("http", "1.0.0"), PackageId.of("http", "1.1.0"), PackageId.of("http-x", "1.0.0")),
                    db.artifacts.list());
            assertEquals(3, db.count("package_versions"));
            assertEquals(2, db.count("packages"));
            assertEquals(1, db.count("dependencies"));
            assertEquals(3 + 3 + 2, db.count("audit_log"), "3 publishes, yank/yank/unyank, add and remove owners");
            try (var uploadsLeft = Files.list(dir.resolve("db").resolve("uploads"))) {
                assertEquals(List.of(), uploadsLeft.filter(p -> p.getFileName().toString().startsWith(".extract-")).toList());
            }
        }
    }

    private List<String> expected() {
        return List.of(
                "401 token-unknown: this token is not known to the registry",
                "401 token-revoked: this token was revoked",
                "401 token-expired: this token expired at 2020-01-01T00:00:00Z",
                "403 token-scope: this token lacks the scope `publish-new` needed for `http`",
                "403 token-packages: this token is limited to http-* and `http` is not among them",
                "422 unknown-signing-key: the signature of http@1.0.0 is by key `" + bobKey.keyId() + "`, which is not a key of `alice`",
                "400 invalid-publish-metadata: the description of http@1.0.0 is 1001 characters long; at most 1000 are accepted",
                "422 unsafe-archive",
                "422 unsafe-archive",
                "422 archive-mismatch: the archive's `cocoatly.json` has version `0.9.0`, the metadata `1.0.0`",
                "ok http@1.0.0 artifacts/http/http-1.0.0.tar.gz",
                "409 version-exists: version 1.0.0 of `http` exists already",
                "409 version-exists: version 1.0.0+b of `http` exists already",
                "ok http-x@1.0.0 artifacts/http-x/http-x-1.0.0.tar.gz",
                "409 name-too-similar: `http_x` differs from the existing package `http-x` only by case or `-` versus `_`",
                "403 not-an-owner: `bob` is not an owner of `http`",
                "ok http@1.1.0 artifacts/http/http-1.1.0.tar.gz [http-x ^1.0]",
                "404 version-not-found: `http` has no version 9.9.9",
                "404 package-not-found: no package `nope`",
                "403 not-an-owner: `bob` is not an owner of `http`",
                "ok http@1.0.0 yanked artifacts/http/http-1.0.0.tar.gz",
                "ok http@1.0.0 yanked artifacts/http/http-1.0.0.tar.gz",
                "ok http@1.0.0 artifacts/http/http-1.0.0.tar.gz",
                "403 token-scope: this token lacks the scope `yank` needed for `http`",
                "ok [alice]",
                "404 package-not-found: no package `nope`",
                "400 unknown-user: no user `carol` is registered with this registry",
                "ok [alice, bob]",
                "ok [bob]",
                "409 last-owner: `http` would have no owner left; add another owner first",
                "403 not-an-owner: `alice` is not an owner of `http`",
                "400 invalid-login: invalid user login `Bad`: use lowercase letters, digits, `-` and `_`, at most 39 characters",
                "ok false",
                "ok true",
                "400 token-scope: a token needs at least one scope",
                "400 token-packages: invalid package glob `HTTP*`: use package-name characters and `*`",
                "404 unknown-user",
                "404 token-not-found",
                "ok 6 tokens: alice [publish-new, publish-update, yank, change-owners] [*] revoked=false;"
                        + " bob [publish-new, publish-update, yank, change-owners] [*] revoked=false;"
                        + " alice [publish-update] [*] revoked=false; alice [publish-new, publish-update, yank, change-owners] [http-*] revoked=false;"
                        + " alice [publish-new, publish-update, yank, change-owners] [*] revoked=true;"
                        + " alice [publish-new, publish-update, yank, change-owners] [*] revoked=false");
    }

    /** The steps, each answered as "ok …" or "status code: detail". */
    private List<String> script(RegistryBackend backend) {
        List<String> out = new ArrayList<>();
        currentBackend = backend;
        backend.addUser("alice", aliceKey.publicKey());
        backend.addUser("bob", bobKey.publicKey());
        EnumSet<Scope> all = EnumSet.allOf(Scope.class);
        String alice = backend.createToken("alice", all, List.of("*"), Optional.empty()).text();
        String bob = backend.createToken("bob", all, List.of("*"), Optional.empty()).text();
        String updateOnly = backend.createToken("alice", EnumSet.of(Scope.PUBLISH_UPDATE), List.of("*"), Optional.empty()).text();
        String httpGlob = backend.createToken("alice", all, List.of("http-*"), Optional.empty()).text();
        var revokedToken = backend.createToken("alice", all, List.of("*"), Optional.empty());
        backend.revokeToken(revokedToken.info().id());
        String expired = backend.createToken("alice", all, List.of("*"), Optional.of(EXPIRED)).text();

        step(out, () -> backend.authenticate("cocoatly_notAToken"));
        step(out, () -> backend.authenticate(revokedToken.text()));
        step(out, () -> backend.authenticate(expired));
        step(out, () -> backend.publish(backend.authenticate(updateOnly), upload(backend, aliceKey, "http", "1.0.0")));
        step(out, () -> backend.publish(backend.authenticate(httpGlob), upload(backend, aliceKey, "http", "1.0.0")));
        Caller a = backend.authenticate(alice);
        Caller b = backend.authenticate(bob);
        step(out, () -> backend.publish(a, upload(backend, bobKey, "http", "1.0.0")));
        step(out, () -> backend.publish(a, uploads.upload(backend, aliceKey, "http", "1.0.0", Map.of(), Optional.of("d".repeat(1001)))));
        step(out, () -> backend.publish(a, raw(backend, WriteTestUploads.tarGz("../evil.txt"), "http", "1.0.0")), true);
        step(out, () -> backend.publish(a, raw(backend, "not a gzip stream".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "http", "1.0.0")), true);
        step(out, () -> backend.publish(a, raw(backend, archive("http", "0.9.0", Map.of()), "http", "1.0.0")));
        step(out, () -> backend.publish(a, upload(backend, aliceKey, "http", "1.0.0")));
        step(out, () -> backend.publish(a, upload(backend, aliceKey, "http", "1.0.0")));
        step(out, () -> backend.publish(a, upload(backend, aliceKey, "http", "1.0.0+b")));
        step(out, () -> backend.publish(backend.authenticate(httpGlob), upload(backend, aliceKey, "http-x", "1.0.0")));
        step(out, () -> backend.publish(a, upload(backend, aliceKey, "http_x", "1.0.0")));
        step(out, () -> backend.publish(b, upload(backend, bobKey, "http", "1.1.0")));
        step(out, () -> backend.publish(a, signed(backend, aliceKey, "http", "1.1.0", Map.of("http-x", "^1.0"))));

        step(out, () -> backend.yank(a, PackageName.of("http"), Version.parse("9.9.9"), true));
        step(out, () -> backend.yank(a, PackageName.of("nope"), Version.parse("1.0.0"), true));
        step(out, () -> backend.yank(b, PackageName.of("http"), Version.parse("1.0.0"), true));
        step(out, () -> backend.yank(a, PackageName.of("http"), Version.parse("1.0.0"), true));
        step(out, () -> backend.yank(a, PackageName.of("http"), Version.parse("1.0.0"), true));
        step(out, () -> backend.yank(a, PackageName.of("http"), Version.parse("1.0.0"), false));
        step(out, () -> backend.yank(backend.authenticate(updateOnly), PackageName.of("http"), Version.parse("1.0.0"), true));

        step(out, () -> backend.owners(PackageName.of("http")));
        step(out, () -> backend.owners(PackageName.of("nope")));
        step(out, () -> backend.changeOwners(a, PackageName.of("http"), List.of("carol"), true));
        step(out, () -> backend.changeOwners(a, PackageName.of("http"), List.of("bob"), true));
        step(out, () -> backend.changeOwners(b, PackageName.of("http"), List.of("alice"), false));
        step(out, () -> backend.changeOwners(b, PackageName.of("http"), List.of("bob"), false));
        step(out, () -> backend.changeOwners(a, PackageName.of("http"), List.of("alice"), true));

        step(out, () -> backend.addUser("Bad", aliceKey.publicKey()));
        step(out, () -> backend.addUser("alice", aliceKey.publicKey()));
        step(out, () -> backend.addUser("carol", bobKey.publicKey()));
        step(out, () -> backend.createToken("alice", EnumSet.noneOf(Scope.class), List.of("*"), Optional.empty()));
        step(out, () -> backend.createToken("alice", all, List.of("HTTP*"), Optional.empty()));
        step(out, () -> backend.createToken("dave", all, List.of("*"), Optional.empty()), true);
        step(out, () -> backend.revokeToken("nope"), true);
        step(out, () -> tokens(backend.tokens()));
        return out;
    }

    private void step(List<String> out, Supplier<Object> action) {
        step(out, action, false);
    }

    /** Runs one step; {@code codeOnly} where the detail rightly differs (it names the store, or the extractor's words). */
    private void step(List<String> out, Supplier<Object> action, boolean codeOnly) {
        try {
            Object result = action.get();
            out.add("ok " + shown(result));
            if (result instanceof Release r) {
                releases.computeIfAbsent(currentBackend, k -> new ArrayList<>()).add(r);
            }
        } catch (ApiException e) {
            out.add(e.status().code() + " " + e.code() + (codeOnly ? "" : ": " + e.detail()));
        }
    }

    private static String shown(Object result) {
        if (result instanceof Release r) {
            return r.id() + (r.yanked() ? " yanked" : "") + " " + r.artifact().orElseThrow().url()
                    + (r.dependencies().isEmpty() ? "" : " " + r.dependencies());
        }
        return String.valueOf(result);
    }

    private static String tokens(List<TokenInfo> tokens) {
        StringBuilder s = new StringBuilder(tokens.size() + " tokens:");
        for (TokenInfo t : tokens) {
            List<Scope> scopes = EnumSet.copyOf(t.scopes()).stream().toList();
            s.append(' ').append(t.owner()).append(' ').append(scopes).append(' ').append(t.globs()).append(" revoked=")
                    .append(t.revoked()).append(';');
        }
        return s.substring(0, s.length() - 1);
    }

    private byte[] archive(String name, String version, Map<String, String> deps) {
        return archives.computeIfAbsent(name + "@" + version + deps, k -> uploads.archive(name, version, deps));
    }

    private Upload upload(RegistryBackend backend, Ed25519SigningKey key, String name, String version) {
        return signed(backend, key, name, version, Map.of());
    }

    /** The same archive bytes for both backends, so their releases can be compared. */
    private Upload signed(RegistryBackend backend, Ed25519SigningKey key, String name, String version, Map<String, String> deps) {
        byte[] bytes = archive(name, version, deps);
        return uploads.upload(backend, bytes, uploads.sign(key, name, version, bytes), name, version, deps,
                Optional.of("the " + name + " package"));
    }

    private Upload raw(RegistryBackend backend, byte[] bytes, String name, String version) {
        return uploads.upload(backend, bytes, uploads.sign(aliceKey, name, version, bytes), name, version, Map.of(),
                Optional.empty());
    }
}
