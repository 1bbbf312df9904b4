package io.cocoatly.registry.server;

import static io.cocoatly.registry.server.PublishApiTest.detail;
import static io.cocoatly.registry.server.PublishApiTest.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cocoatly.artifact.Ed25519SigningKey;
import io.cocoatly.json.JsonCursor;
import io.cocoatly.model.PackageName;
import io.cocoatly.testkit.TestRegistry;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tokens (401/403, scopes, globs, expiry, revocation, never shown), owners, yank, search and package info. */
class TokenAndOwnershipTest {

    @TempDir
    Path dir;

    private ServerFixture f;
    private final List<HttpResponse<String>> responses = new ArrayList<>();

    @BeforeEach
    void start() {
        f = new ServerFixture(dir);
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private HttpResponse<String> keep(HttpResponse<String> r) {
        responses.add(r);
        return r;
    }

    private String token(Set<Scope> scopes, List<String> globs, Optional<Instant> expires) {
        return f.backend.createToken("alice", scopes, globs, expires).text();
    }

    @Test
    void writesNeedAValidTokenWithTheScopeAndTheName() throws IOException {
        byte[] body = f.body("http", "1.0.0", Map.of(), f.aliceKey);
        HttpResponse<String> none = keep(f.publish(body, null));
        assertEquals(401, none.statusCode());
        assertEquals("Bearer realm=\"cocoatly\"", none.headers().firstValue("www-authenticate").orElseThrow());
        assertEquals("this needs a token: send `Authorization: Bearer <token>`", detail(none));

        HttpResponse<String> unknown = keep(f.publish(body, "cocoatly_notAToken"));
        assertEquals(401, unknown.statusCode());
        assertEquals("this token is not known to the registry", detail(unknown));

        String expired = token(EnumSet.allOf(Scope.class), List.of("*"), Optional.of(Instant.now().minusSeconds(5)));
        HttpResponse<String> late = keep(f.publish(body, expired));
        assertEquals(401, late.statusCode());
        assertTrue(detail(late).startsWith("this token expired at "), detail(late));

        String revoked = token(EnumSet.allOf(Scope.class), List.of("*"), Optional.empty());
        f.backend.revokeToken(f.backend.tokens().get(f.backend.tokens().size() - 1).id());
        HttpResponse<String> gone = keep(f.publish(body, revoked));
        assertEquals(401, gone.statusCode());
        assertEquals("this token was revoked", detail(gone));

        String updateOnly = token(EnumSet.of(Scope.PUBLISH_UPDATE), List.of("*"), Optional.empty());
        HttpResponse<String> scope = keep(f.publish(body, updateOnly));
        assertEquals(403, scope.statusCode());
        assertEquals("this token lacks the scope `publish-new` needed for `http`", detail(scope));

        String httpOnly = token(EnumSet.allOf(Scope.class), List.of("http-*"), Optional.empty());
        HttpResponse<String> glob = keep(f.publish(body, httpOnly));
        assertEquals(403, glob.statusCode());
        assertEquals("this token is limited to http-* and `http` is not among them", detail(glob));
        assertEquals(200, keep(f.publish(f.body("http-client", "1.0.0", Map.of(), f.aliceKey), httpOnly)).statusCode());
        assertFalse(Files.exists(f.registry.resolve("index/http.json")));

        String soon = token(EnumSet.of(Scope.PUBLISH_NEW), List.of("*"), Optional.of(Instant.now().plusSeconds(3600)));
        assertEquals(200, keep(f.publish(body, soon)).statusCode());
        assertEquals(403, keep(f.publish(f.body("http", "1.1.0", Map.of(), f.aliceKey), soon)).statusCode(),
                "a new version needs publish-update");

        // No token text in any response, in the access log, or in the server's files.
        List<String> tokens = List.of(f.aliceToken, expired, revoked, updateOnly, httpOnly, soon);
        // A request is logged once its response is complete, which may be just after the client saw it.
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (f.log.size() < responses.size() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        StringBuilder everything = new StringBuilder();
        responses.forEach(r -> everything.append(r.body()).append(r.headers().map()));
        f.log.forEach(e -> everything.append(e.line()).append('\n'));
        try (Stream<Path> files = Files.walk(f.registry)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                everything.append(Files.readString(p, java.nio.charset.StandardCharsets.ISO_8859_1));
            }
        }
        for (String t : tokens) {
            assertFalse(everything.toString().contains(t.substring(Tokens.SHOWN)), "token leaked: " + t.substring(0, Tokens.SHOWN));
        }
        assertTrue(f.log.size() >= responses.size());
        assertTrue(tokens.stream().allMatch(t -> t.matches("cocoatly_[A-Za-z0-9]{32}")));
    }

    @Test
    void ownersCanBeListedAddedAndRemovedButNeverTheLastOne() {
        assertEquals(200, f.publish("http", "1.0.0", Map.of()).statusCode());
        HttpResponse<String> list = f.get("api/v1/packages/http/owners");
        assertEquals(200, list.statusCode());
        assertEquals("alice", json(list).required("users").elements().get(0).required("login").string());

        assertEquals(400, f.write("PUT", "api/v1/packages/http/owners", "{\"users\": [\"bob\"]}", f.aliceToken).statusCode(),
                "bob is not a user yet");
        Ed25519SigningKey bobKey = TestRegistry.newKey(dir.resolve("keys-bob"));
        f.backend.addUser("bob", bobKey.publicKey());
        String bobToken = f.backend.createToken("bob", EnumSet.allOf(Scope.class), List.of("*"), Optional.empty()).text();
        assertEquals(403, f.write("PUT", "api/v1/packages/http/owners", "{\"users\": [\"bob\"]}", bobToken).statusCode());
        HttpResponse<String> added = f.write("PUT", "api/v1/packages/http/owners", "{\"users\": [\"bob\"]}", f.aliceToken);
        assertEquals(200, added.statusCode(), added.body());
        assertEquals(List.of("alice", "bob"), f.backend.owners(PackageName.of("http")));
        // Now bob may publish, signed with his own key.
        assertEquals(200, f.publish(f.body("http", "1.1.0", Map.of(), bobKey), bobToken).statusCode());

        HttpResponse<String> all = f.write("DELETE", "api/v1/packages/http/owners", "{\"users\": [\"alice\", \"bob\"]}",
                f.aliceToken);
        assertEquals(409, all.statusCode());
        assertEquals("`http` would have no owner left; add another owner first", detail(all));
        assertEquals(200, f.write("DELETE", "api/v1/packages/http/owners", "{\"users\": [\"alice\"]}", f.aliceToken)
                .statusCode());
        assertEquals(List.of("bob"), f.backend.owners(PackageName.of("http")));
        HttpResponse<String> notOwner = f.write("DELETE", "api/v1/packages/http/1.0.0/yank", null, f.aliceToken);
        assertEquals(403, notOwner.statusCode());
        assertEquals("`alice` is not an owner of `http`", detail(notOwner));
        assertEquals(404, f.get("api/v1/packages/nope/owners").statusCode());
        assertEquals(400, f.write("PUT", "api/v1/packages/http/owners", "{\"users\": ", bobToken).statusCode());
    }

    @Test
    void yankAndUnyankChangeTheIndexAndNeedTheYankScope() throws IOException {
        assertEquals(200, f.publish("log", "0.4.2", Map.of()).statusCode());
        String noYank = token(EnumSet.of(Scope.PUBLISH_UPDATE), List.of("*"), Optional.empty());
        assertEquals(403, f.write("DELETE", "api/v1/packages/log/0.4.2/yank", null, noYank).statusCode());
        HttpResponse<String> yank = f.write("DELETE", "api/v1/packages/log/0.4.2/yank", null, f.aliceToken);
        assertEquals(200, yank.statusCode());
        assertTrue(json(yank).required("ok").bool());
        assertTrue(Files.readString(f.registry.resolve("index/log.json")).contains("\"yanked\": true"));
        assertEquals(200, f.write("DELETE", "api/v1/packages/log/0.4.2/yank", null, f.aliceToken).statusCode(),
                "yanking a yanked version is not an error");
        assertEquals(200, f.write("PUT", "api/v1/packages/log/0.4.2/unyank", null, f.aliceToken).statusCode());
        assertFalse(Files.readString(f.registry.resolve("index/log.json")).contains("yanked"));
        assertEquals(404, f.write("DELETE", "api/v1/packages/log/9.9.9/yank", null, f.aliceToken).statusCode());
        assertEquals(404, f.write("DELETE", "api/v1/packages/nope/1.0.0/yank", null, f.aliceToken).statusCode());
        assertEquals(405, f.write("PUT", "api/v1/packages/log/0.4.2/yank", null, f.aliceToken).statusCode());
        assertEquals(401, f.write("DELETE", "api/v1/packages/log/0.4.2/yank", null, null).statusCode());
        String audit = Files.readString(f.registry.resolve(".cocoatly-server/audit.log"));
        assertEquals(List.of("publish", "yank", "yank", "unyank"), audit.lines()
                .map(l -> l.replaceAll(".*\"action\": \"([a-z-]+)\".*", "$1")).toList());
    }

    @Test
    void aVersionInThePathKeepsItsBuildMetadata() throws IOException {
        assertEquals(200, f.publish("log", "0.4.2", Map.of()).statusCode());
        // A path is not a form: `+` starts build metadata, which names the same version, not a space.
        assertEquals(200, f.write("DELETE", "api/v1/packages/log/0.4.2+build.7/yank", null, f.aliceToken).statusCode());
        assertTrue(Files.readString(f.registry.resolve("index/log.json")).contains("\"yanked\": true"));
    }

    @Test
    void searchFindsExactNamesFirstAndPages() {
        for (String name : List.of("tls", "http-client", "http", "xhttp")) {
            assertEquals(200, f.publish(name, "1.0.0", Map.of()).statusCode());
        }
        assertEquals(200, f.publish("http", "1.1.0", Map.of()).statusCode());
        f.write("DELETE", "api/v1/packages/http/1.1.0/yank", null, f.aliceToken);
        JsonCursor found = json(f.get("api/v1/packages?q=http"));
        assertEquals(3, found.required("meta").required("total").integer());
        List<String> names = found.required("packages").elements().stream().map(p -> p.required("name").string()).toList();
        assertEquals(List.of("http", "http-client", "xhttp"), names);
        JsonCursor first = found.required("packages").elements().get(0);
        assertEquals("1.0.0", first.required("newest_version").string(), "the newest version that is not yanked");
        assertEquals("the http package", first.required("description").string());
        assertTrue(first.optional("downloads").isEmpty(), "unknown, so left out");
        JsonCursor page2 = json(f.get("api/v1/packages?q=http&page=2&per_page=1"));
        assertEquals("http-client", page2.required("packages").elements().get(0).required("name").string());
        assertEquals(0, json(f.get("api/v1/packages?q=nothing")).required("packages").elements().size());
        assertEquals(400, f.get("api/v1/packages?q=http&per_page=1000").statusCode());
    }

    @Test
    void packageInfoListsVersionsNewestFirstWithDatesAndOwners() {
        assertEquals(200, f.publish("http", "1.0.0", Map.of()).statusCode());
        assertEquals(200, f.publish("http", "1.2.0", Map.of("tls", "^2.0")).statusCode());
        HttpResponse<String> r = f.get("api/v1/packages/http");
        assertEquals(200, r.statusCode());
        JsonCursor info = json(r);
        assertEquals("http", info.required("name").string());
        assertEquals("the http package", info.required("description").string());
        assertEquals("alice", info.required("owners").elements().get(0).string());
        List<JsonCursor> versions = info.required("versions").elements();
        assertEquals(List.of("1.2.0", "1.0.0"), versions.stream().map(v -> v.required("version").string()).toList());
        assertEquals("^2.0", versions.get(0).required("dependencies").required("tls").string());
        assertFalse(versions.get(0).required("yanked").bool());
        Instant.parse(versions.get(0).required("published_at").string());
        assertTrue(info.optional("downloads").isEmpty());
        assertEquals(404, f.get("api/v1/packages/nope").statusCode());
        assertEquals(404, f.get("api/v1/packages/NOPE").statusCode());
        assertEquals(404, f.get("api/v1/elsewhere").statusCode());
        assertEquals(405, f.write("POST", "api/v1/packages/http", "{}", f.aliceToken).statusCode());
    }

    @Test
    void tokenAdministration() {
        NewToken t = f.backend.createToken("alice", EnumSet.of(Scope.YANK), List.of("http", "tls-*"),
                Optional.of(Instant.parse("2030-01-01T00:00:00Z")));
        assertTrue(t.text().startsWith(t.info().prefix()));
        assertEquals(Tokens.SHOWN, t.info().prefix().length());
        assertFalse(t.toString().contains(t.text()));
        TokenInfo listed = f.backend.tokens().get(1);
        assertEquals(t.info(), listed);
        assertEquals(401, f.write("DELETE", "api/v1/packages/x/1.0.0/yank", null,
                f.backend.revokeToken(t.info().id()).revoked() ? t.text() : "").statusCode());
        ApiException unknownUser = assertThrows(ApiException.class, () -> f.backend.createToken("carol",
                EnumSet.of(Scope.YANK), List.of("*"), Optional.empty()));
        assertEquals(ApiException.Status.NOT_FOUND, unknownUser.status());
        assertEquals(ApiException.Status.BAD_REQUEST, assertThrows(ApiException.class, () -> f.backend.createToken("alice",
                EnumSet.of(Scope.YANK), List.of("../x"), Optional.empty())).status());
        assertEquals(ApiException.Status.NOT_FOUND, assertThrows(ApiException.class, () -> f.backend.revokeToken("nope")).status());
        assertEquals(ApiException.Status.BAD_REQUEST, assertThrows(ApiException.class, () -> f.backend.addUser("Bad Login",
                f.aliceKey.publicKey())).status());
        assertFalse(f.backend.addUser("alice", f.aliceKey.publicKey()), "the same key twice changes nothing");
    }
}
