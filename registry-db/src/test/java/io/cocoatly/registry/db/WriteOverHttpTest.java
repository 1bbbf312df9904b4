package io.cocoatly.registry.db;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cocoatly.artifact.Ed25519SigningKey;
import io.cocoatly.model.Artifact;
import io.cocoatly.registry.RegistryEditor;
import io.cocoatly.registry.server.AccessLog;
import io.cocoatly.registry.server.RegistryServer;
import io.cocoatly.registry.server.Scope;
import io.cocoatly.registry.server.ServerOptions;
import io.cocoatly.testkit.TestRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The row-level security matrix as the HTTP API reaches it: a real {@link RegistryServer} on
 * 127.0.0.1 with the PostgreSQL backend behind its write API, and publish, yank, unyank and owner
 * changes by anon (no token), another publisher, a revoked token and the owner. Only the owner's
 * requests change anything; after every refused one a superuser's dump of every table is unchanged.
 *
 * <p>The static files still come from a directory ({@code RegistryServer.start(Path, backend, …)}):
 * serving them from the database is the read branch's. Once {@code start(RegistryFiles, …)} is
 * merged, pass {@code RegistryDatabase.files()} instead; the requests here stay the same.
 */
class WriteOverHttpTest {

    @TempDir
    Path dir;

    private WriteTestDatabase db;
    private RegistryServer server;
    private Ed25519SigningKey aliceKey;
    private Ed25519SigningKey bobKey;
    private WriteTestUploads uploads;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final Map<String, String> tokens = new java.util.LinkedHashMap<>();

    @BeforeEach
    void start() {
        db = new WriteTestDatabase(dir);
        Path registry = dir.resolve("registry");
        RegistryEditor.init(registry, "team");
        server = RegistryServer.start(registry, db.backend, ServerOptions.defaults(), AccessLog.NONE);
        aliceKey = TestRegistry.newKey(dir.resolve("keys-alice"));
        bobKey = TestRegistry.newKey(dir.resolve("keys-bob"));
        uploads = new WriteTestUploads(dir);
        db.backend.addUser("alice", aliceKey.publicKey());
        db.backend.addUser("bob", bobKey.publicKey());
        db.backend.addUser("carol", TestRegistry.newKey(dir.resolve("keys-carol")).publicKey());
        tokens.put("anon", null);
        tokens.put("other", token("bob"));
        String revoked = token("alice");
        db.backend.revokeToken(db.backend.tokens().get(db.backend.tokens().size() - 1).id());
        tokens.put("revoked", revoked);
        tokens.put("owner", token("alice"));
    }

    @AfterEach
    void stop() {
        server.stop();
        db.close();
    }

    private String token(String login) {
        return db.backend.createToken(login, EnumSet.allOf(Scope.class), List.of("*"), Optional.empty()).text();
    }

    @Test
    void onlyTheOwnersRequestsChangeAnything() throws Exception {
        assertEquals(200, send("PUT", "packages/new", publishBody(aliceKey, "1.0.0"), tokens.get("owner")).statusCode());
        byte[] nextByBob = publishBody(bobKey, "1.1.0");
        byte[] nextByAlice = publishBody(aliceKey, "1.1.0");
        List<String> expected = List.of(
                "publish 1.1.0: anon=401 other=403 revoked=401 owner=200",
                "yank 1.0.0: anon=401 other=403 revoked=401 owner=200",
                "unyank 1.0.0: anon=401 other=403 revoked=401 owner=200",
                "add owner carol: anon=401 other=403 revoked=401 owner=200",
                "remove owner carol: anon=401 other=403 revoked=401 owner=200");
        List<String> actual = new ArrayList<>();
        actual.add(row("publish 1.1.0", actor -> send("PUT", "packages/new", actor.equals("other") ? nextByBob : nextByAlice,
                tokens.get(actor))));
        actual.add(row("yank 1.0.0", actor -> send("DELETE", "packages/http/1.0.0/yank", null, tokens.get(actor))));
        actual.add(row("unyank 1.0.0", actor -> send("PUT", "packages/http/1.0.0/unyank", null, tokens.get(actor))));
        actual.add(row("add owner carol", actor -> send("PUT", "packages/http/owners", "{\"users\": [\"carol\"]}".getBytes(
                StandardCharsets.UTF_8), tokens.get(actor))));
        actual.add(row("remove owner carol", actor -> send("DELETE", "packages/http/owners", "{\"users\": [\"carol\"]}".getBytes(
                StandardCharsets.UTF_8), tokens.get(actor))));
        assertEquals(String.join("\n", expected), String.join("\n", actual));
        assertEquals(2, db.count("package_versions"));
        assertEquals(1, db.count("package_owners"));
    }

    private interface Request {
        HttpResponse<String> send(String actor) throws Exception;
    }

    /** Each actor in turn; a refused request must leave every table as it was. */
    private String row(String what, Request request) throws Exception {
        StringBuilder line = new StringBuilder(what + ":");
        try (Connection superuser = db.superuser()) {
            for (String actor : tokens.keySet()) {
                String before = RlsMatrixTest.dump(superuser);
                int status = request.send(actor).statusCode();
                if (status != 200) {
                    assertEquals(before, RlsMatrixTest.dump(superuser), actor + " changed something by " + what);
                }
                line.append(' ').append(actor).append('=').append(status);
            }
        }
        return line.toString();
    }

    private HttpResponse<String> send(String method, String path, byte[] body, String token) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.url().resolve("api/v1/" + path)).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A publish body as a client frames it: metadata length, metadata, archive length, archive. */
    private byte[] publishBody(Ed25519SigningKey key, String version) {
        byte[] archive = uploads.archive("http", version, Map.of());
        Artifact.Signature sig = uploads.sign(key, "http", version, archive);
        byte[] meta = ("{\"name\": \"http\", \"version\": \"" + version + "\", \"dependencies\": {}, \"signature\": {\"key\": \""
                + sig.key() + "\", \"ed25519\": \"" + sig.ed25519() + "\"}, \"description\": \"the http package\"}")
                .getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(meta.length).array());
        out.writeBytes(meta);
        out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(archive.length).array());
        out.writeBytes(archive);
        return out.toByteArray();
    }
}
