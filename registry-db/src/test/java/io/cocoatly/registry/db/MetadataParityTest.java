package io.cocoatly.registry.db;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cocoatly.artifact.Ed25519SigningKey;
import io.cocoatly.model.ManifestMetadata;
import io.cocoatly.model.PackageName;
import io.cocoatly.registry.RegistryEditor;
import io.cocoatly.registry.server.ApiException;
import io.cocoatly.registry.server.Caller;
import io.cocoatly.registry.server.DirectoryBackend;
import io.cocoatly.registry.server.PackageInfo;
import io.cocoatly.registry.server.RegistryBackend;
import io.cocoatly.registry.server.Scope;
import io.cocoatly.registry.server.SearchPage;
import io.cocoatly.testkit.TestRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A package's description, license, repository, keywords and categories (docs/registry-protocol.md
 * §2.1, §2.5) through both backends: the same refusals of metadata over the limits, the same
 * information after publishes that give some fields and leave others out, the same search hits by
 * keyword. The embedded database is started once for the class.
 */
class MetadataParityTest {

    @TempDir
    static Path dir;

    private static WriteTestDatabase db;
    private static Ed25519SigningKey key;
    private static WriteTestUploads uploads;

    @BeforeAll
    static void start() {
        db = new WriteTestDatabase(dir.resolve("db"));
        key = TestRegistry.newKey(dir.resolve("keys"));
        uploads = new WriteTestUploads(dir);
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    private static ManifestMetadata metadata(String description, String license, String repository, List<String> keywords,
                                             List<String> categories) {
        return new ManifestMetadata(Optional.ofNullable(description), Optional.ofNullable(license),
                Optional.ofNullable(repository), keywords, categories);
    }

    @Test
    void bothBackendsStoreReturnAndSearchTheSameMetadata() throws Exception {
        Path registry = Files.createDirectories(dir.resolve("registry"));
        RegistryEditor.init(registry, "team");
        List<String> directory = script(new DirectoryBackend(registry));
        List<String> database = script(db.backend);
        assertEquals(List.of(
                "400 invalid-publish-metadata: `Web` in the keywords of http@1.0.0 is not lowercase letters, digits, `_`, `+` and `-`, 1 to 32 characters",
                "400 invalid-publish-metadata: http@1.0.0 has 6 keywords; at most 5 are accepted",
                "400 invalid-publish-metadata: `web` is twice in the keywords of http@1.0.0",
                "400 invalid-publish-metadata: `net/http` in the categories of http@1.0.0 is not lowercase letters, digits, `:`, `_`, `-` and spaces, 1 to 64 characters",
                "400 invalid-publish-metadata: the repository of http@1.0.0 is not an http(s) URL of at most 2048 characters: `git@example.com:http.git`",
                "400 invalid-publish-metadata: the license of http@1.0.0 is not an SPDX expression of 1 to 256 characters: `MIT\\u000aevil`",
                "ok http@1.0.0",
                "ok info HTTP for shells | MIT OR Apache-2.0 | https://example.com/http | [client, web] | [network-programming]",
                "ok http@1.1.0",
                "ok info HTTP for shells | MIT OR Apache-2.0 | https://example.com/http | [client, web] | [network-programming]",
                "ok http@1.2.0",
                "ok info HTTP/2 for shells | Apache-2.0 | https://example.com/http | [hyper] | [network-programming, web:server]",
                "ok search hyper: [http]",
                "ok search hyp: [http]",
                "ok search clie: []",
                "ok search network: []"), directory);
        assertEquals(directory, database);
    }

    private static List<String> script(RegistryBackend backend) {
        backend.addUser("alice", key.publicKey());
        Caller alice = backend.authenticate(backend.createToken("alice", EnumSet.allOf(Scope.class), List.of("*"),
                Optional.empty()).text());
        List<String> out = new ArrayList<>();
        List<String> web = List.of("web", "client");
        List<String> net = List.of("network-programming");
        String repo = "https://example.com/http";
        for (ManifestMetadata refused : List.of(
                metadata(null, null, null, List.of("Web"), List.of()),
                metadata(null, null, null, List.of("a", "b", "c", "d", "e", "f"), List.of()),
                metadata(null, null, null, List.of("web", "web"), List.of()),
                metadata(null, null, null, List.of(), List.of("net/http")),
                metadata(null, null, "git@example.com:http.git", List.of(), List.of()),
                metadata(null, "MIT\nevil", null, List.of(), List.of()))) {
            step(out, () -> backend.publish(alice, uploads.upload(backend, key, "http", "1.0.0", refused)).id());
        }
        step(out, () -> backend.publish(alice, uploads.upload(backend, key, "http", "1.0.0",
                metadata("HTTP for shells", "MIT OR Apache-2.0", repo, web, net))).id());
        step(out, () -> info(backend.packageInfo(PackageName.of("http"))));
        // Left out: everything is kept.
        step(out, () -> backend.publish(alice, uploads.upload(backend, key, "http", "1.1.0", ManifestMetadata.NONE)).id());
        step(out, () -> info(backend.packageInfo(PackageName.of("http"))));
        // Given: each field given replaces the old one; the repository left out stays.
        step(out, () -> backend.publish(alice, uploads.upload(backend, key, "http", "1.2.0", metadata("HTTP/2 for shells",
                "Apache-2.0", null, List.of("hyper"), List.of("web:server", "network-programming")))).id());
        step(out, () -> info(backend.packageInfo(PackageName.of("http"))));
        // Keywords are searched (by word prefix), the keywords a later publish replaced and categories are not.
        for (String q : List.of("hyper", "hyp", "clie", "network")) {
            step(out, () -> "search " + q + ": " + names(backend.search(q, 1, 20)));
        }
        return out;
    }

    private static String info(PackageInfo info) {
        ManifestMetadata m = info.metadata();
        return "info " + m.description().orElse("-") + " | " + m.license().orElse("-") + " | " + m.repository().orElse("-")
                + " | " + m.keywords() + " | " + m.categories();
    }

    private static List<String> names(SearchPage page) {
        return page.hits().stream().map(SearchPage.Hit::name).toList();
    }

    private static void step(List<String> out, Supplier<Object> action) {
        try {
            out.add("ok " + action.get());
        } catch (ApiException e) {
            out.add(e.status().code() + " " + e.code() + ": " + e.detail());
        }
    }
}
