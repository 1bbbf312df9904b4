package io.cocoatly.registry.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writes through the HTTP API: a real {@link RegistryServer} on 127.0.0.1 with the PostgreSQL
 * backend behind its write API.
 *
 * <ul>
 *   <li>The row-level security matrix as the API reaches it: publish, yank, unyank and owner changes
 *       by anon (no token), another publisher, a revoked token and the owner. Only the owner's
 *       requests change anything; after every refused one a superuser's dump of every table is unchanged.</li>
 *   <li>Hostile input is refused with an error naming the problem, and stores nothing.</li>
 *   <li>Two servers on one database, raced from many threads, keep every version and let exactly one
 *       publish win per version.</li>
 * </ul>
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
    private final Map<String, String> tokens = new LinkedHashMap<>();

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

    @Test
    void hostileInputIsRefusedWithAClearErrorAndNothingIsStored() throws Exception {
        String owner = tokens.get("owner");
        List<String> actual = new ArrayList<>();
        byte[] archive = uploads.archive("http", "1.0.0", Map.of());
        Artifact.Signature sig = uploads.sign(aliceKey, "http", "1.0.0", archive);
        for (String[] meta : List.of(
                new String[] {"Http", "1.0.0", "{}", "\"x\""},
                new String[] {"\u04bbttp", "1.0.0", "{}", "\"x\""},
                new String[] {"http", "1.0", "{}", "\"x\""},
                new String[] {"http", "1.0.0", "{\"tls\": \"^^1.0\"}", "\"x\""},
                new String[] {"http", "1.0.0", "{\"TLS\": \"^1.0\"}", "\"x\""},
                new String[] {"http", "1.0.0", "{}", "\"" + "d".repeat(1001) + "\""})) {
            byte[] body = frame(("{\"name\": \"" + meta[0] + "\", \"version\": \"" + meta[1] + "\", \"dependencies\": " + meta[2]
                    + ", \"signature\": {\"key\": \"" + sig.key() + "\", \"ed25519\": \"" + sig.ed25519() + "\"}, \"description\": "
                    + meta[3] + "}").getBytes(StandardCharsets.UTF_8), archive);
            actual.add(line(send("PUT", "packages/new", body, owner)));
        }
        byte[] evil = WriteTestUploads.tarGz("../evil.txt");
        Artifact.Signature evilSig = uploads.sign(aliceKey, "http", "1.0.0", evil);
        actual.add(line(send("PUT", "packages/new", frame(("{\"name\": \"http\", \"version\": \"1.0.0\", \"signature\": {\"key\": \""
                + evilSig.key() + "\", \"ed25519\": \"" + evilSig.ed25519() + "\"}}").getBytes(StandardCharsets.UTF_8), evil), owner)));
        try (RegistryServer small = RegistryServer.start(dir.resolve("registry"), db.backend,
                ServerOptions.defaults().withMaxBodyBytes(64 * 1024), AccessLog.NONE)) {
            HttpRequest big = HttpRequest.newBuilder(small.url().resolve("api/v1/packages/new"))
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[100 * 1024])).header("Authorization", "Bearer " + owner).build();
            actual.add(line(http.send(big, HttpResponse.BodyHandlers.ofString())));
        }
        List<String> expected = List.of("400 invalid package name `Http`", "400 invalid package name `\u04bbttp`",
                "400 invalid version `1.0`", "400 invalid requirement `^^1.0`", "400 invalid package name `TLS`",
                "400 the description of http@1.0.0 is 1001 characters long; at most 1000 are accepted",
                "422 entry `../evil.txt` breaks rule `parent-traversal`", "413 the request body is over this server's limit of 65536 bytes");
        for (int i = 0; i < expected.size(); i++) {
            String status = expected.get(i).substring(0, 3);
            String words = expected.get(i).substring(4);
            assertTrue(actual.get(i).startsWith(status) && actual.get(i).contains(words), expected.get(i) + " <> " + actual.get(i));
        }
        assertEquals(0, db.count("packages"));
        assertEquals(0, db.count("package_versions"));
        assertEquals(List.of(), db.artifacts.list());
    }

    @Test
    void twoServersOnOneDatabaseKeepEveryVersionAndOneWinnerPerVersion() throws Exception {
        WriteTestDatabase.Server otherProcess = db.secondServer();
        try (otherProcess; RegistryServer second = RegistryServer.start(dir.resolve("registry"), otherProcess.backend(),
                ServerOptions.defaults(), AccessLog.NONE)) {
            List<RegistryServer> servers = List.of(server, second);
            List<byte[]> bodies = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                bodies.add(publishBody(aliceKey, "1.0." + i));
            }
            byte[] same = publishBody(aliceKey, "2.0.0");
            for (int i = 0; i < 8; i++) {
                bodies.add(same);
            }
            ExecutorService threads = Executors.newFixedThreadPool(bodies.size());
            try {
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Integer>> statuses = new ArrayList<>();
                for (int i = 0; i < bodies.size(); i++) {
                    byte[] body = bodies.get(i);
                    RegistryServer to = servers.get(i % 2);
                    statuses.add(threads.submit(() -> {
                        go.await();
                        HttpRequest r = HttpRequest.newBuilder(to.url().resolve("api/v1/packages/new"))
                                .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).header("Authorization", "Bearer " + tokens.get("owner"))
                                .build();
                        return http.send(r, HttpResponse.BodyHandlers.ofString()).statusCode();
                    }));
                }
                go.countDown();
                List<Integer> distinct = new ArrayList<>();
                Map<Integer, Integer> sameVersion = new TreeMap<>();
                for (int i = 0; i < statuses.size(); i++) {
                    int status = statuses.get(i).get();
                    if (i < 8) {
                        distinct.add(status);
                    } else {
                        sameVersion.merge(status, 1, Integer::sum);
                    }
                }
                assertEquals(Collections.nCopies(8, 200), distinct);
                assertEquals(Map.of(200, 1, 409, 7), sameVersion);
            } finally {
                threads.shutdownNow();
            }
            assertEquals(9, db.count("package_versions"));
            assertEquals(1, db.count("packages WHERE revision = 10"), "created at 1, one more per version");
        }
    }

    private static String line(HttpResponse<String> r) {
        return r.statusCode() + " " + r.body();
    }

    private static byte[] frame(byte[] meta, byte[] archive) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(meta.length).array());
        out.writeBytes(meta);
        out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(archive.length).array());
        out.writeBytes(archive);
        return out.toByteArray();
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
        return frame(meta, archive);
    }
}
