package io.cocoatly.registry.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The read protocol's serving rules against a real server on 127.0.0.1 (docs/registry-protocol.md
 * §1), serving a registry directory; {@link RegistryFilesServingTest} runs the same cases through a
 * {@link RegistryFiles}.
 */
class StaticServingTest {

    private static final String SECRET = "top secret text";

    @TempDir
    Path dir;

    ServerFixture f;

    /** The server under test, over the registry directory {@code dir}/registry. */
    ServerFixture fixture(Path dir) {
        return new ServerFixture(dir);
    }

    @BeforeEach
    void start() throws IOException {
        f = fixture(dir);
        assertEquals(200, f.publish("http", "1.2.0", Map.of()).statusCode());
        Files.writeString(dir.resolve("secret.txt"), SECRET);
        Files.writeString(f.registry.resolve("index/.hidden.json"), SECRET);
        Files.createSymbolicLink(f.registry.resolve("index/evil.json"), dir.resolve("secret.txt"));
        Files.createSymbolicLink(f.registry.resolve("index/state.json"),
                f.registry.resolve(".cocoatly-server/tokens.json"));
        Files.createDirectories(f.registry.resolve("artifacts/out"));
        Files.createSymbolicLink(f.registry.resolve("artifacts/out/x.tar.gz"), dir.resolve("secret.txt"));
    }

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void indexFilesAreJsonRevalidatedWithStrongETags() throws IOException {
        HttpResponse<String> r = f.get("index/http.json");
        assertEquals(200, r.statusCode());
        assertEquals(Files.readString(f.registry.resolve("index/http.json")), r.body());
        assertEquals("application/json; charset=utf-8", r.headers().firstValue("content-type").orElseThrow());
        assertEquals("public, max-age=60, must-revalidate", r.headers().firstValue("cache-control").orElseThrow());
        String etag = r.headers().firstValue("etag").orElseThrow();
        assertTrue(etag.startsWith("\"") && etag.endsWith("\""), "strong: " + etag);
        assertTrue(r.headers().firstValue("last-modified").isPresent());

        HttpResponse<String> again = f.get("index/http.json", "If-None-Match", etag);
        assertEquals(304, again.statusCode());
        assertEquals("", again.body());
        assertEquals(etag, again.headers().firstValue("etag").orElseThrow());
        assertEquals(200, f.get("index/http.json", "If-None-Match", "\"other\"").statusCode());

        String lastModified = r.headers().firstValue("last-modified").orElseThrow();
        assertEquals(304, f.get("index/http.json", "If-Modified-Since", lastModified).statusCode());
        assertEquals(200, f.get("index/http.json", "If-Modified-Since", "Thu, 01 Jan 1970 00:00:00 GMT").statusCode());
        // If-None-Match wins over If-Modified-Since (RFC 9110 §13.2.2).
        assertEquals(200, f.get("index/http.json", "If-None-Match", "\"other\"", "If-Modified-Since", lastModified).statusCode());
    }

    @Test
    void aChangedFileGetsANewETag() throws IOException {
        String before = f.get("index/http.json").headers().firstValue("etag").orElseThrow();
        assertEquals(200, f.publish("http", "1.3.0", Map.of()).statusCode());
        HttpResponse<String> after = f.get("index/http.json", "If-None-Match", before);
        assertEquals(200, after.statusCode());
        assertNotEquals(before, after.headers().firstValue("etag").orElseThrow());
        assertTrue(after.body().contains("1.3.0"));
    }

    @Test
    void registryJsonNamesTheApiUnlessItNamesOneItself() throws IOException {
        HttpResponse<String> reg = f.get("registry.json");
        assertEquals("{\n  \"format\": 1,\n  \"name\": \"team\",\n  \"api\": \"api/v1/\"\n}\n", reg.body());
        assertEquals(reg.body().getBytes(StandardCharsets.UTF_8).length,
                Long.parseLong(reg.headers().firstValue("content-length").orElseThrow()));
        String own = "{\"format\": 1, \"name\": \"team\", \"api\": \"https://api.example/v1/\"}\n";
        Files.writeString(f.registry.resolve("registry.json"), own);
        assertEquals(own, f.get("registry.json").body());
        // Not JSON: sent as it is (to a token holder: an unreadable registry.json keeps the registry closed).
        Files.writeString(f.registry.resolve("registry.json"), "not json");
        assertEquals("not json", f.get("registry.json", "Authorization", "Bearer " + f.aliceToken).body());
    }

    @Test
    void registryJsonAndArtifactsHaveTheirOwnHeaders() throws Exception {
        HttpResponse<String> reg = f.get("registry.json");
        assertEquals(200, reg.statusCode());
        assertEquals("public, max-age=60, must-revalidate", reg.headers().firstValue("cache-control").orElseThrow());

        HttpResponse<byte[]> art = f.http.send(HttpRequest.newBuilder(f.url("artifacts/http/http-1.2.0.tar.gz"))
                .header("Accept-Encoding", "gzip").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, art.statusCode());
        assertEquals("application/gzip", art.headers().firstValue("content-type").orElseThrow());
        assertEquals("public, max-age=31536000, immutable", art.headers().firstValue("cache-control").orElseThrow());
        assertFalse(art.headers().firstValue("content-encoding").isPresent(), "an archive is not gzipped twice");
        assertArrayEquals(Files.readAllBytes(f.registry.resolve("artifacts/http/http-1.2.0.tar.gz")), art.body());
    }

    @Test
    void headAnswersTheHeadersWithoutTheBody() throws Exception {
        HttpResponse<String> r = f.send(HttpRequest.newBuilder(f.url("artifacts/http/http-1.2.0.tar.gz"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(200, r.statusCode());
        assertEquals("", r.body());
        assertEquals(Files.size(f.registry.resolve("artifacts/http/http-1.2.0.tar.gz")),
                Long.parseLong(r.headers().firstValue("content-length").orElseThrow()));
        assertTrue(r.headers().firstValue("etag").isPresent());
    }

    @Test
    void jsonIsGzippedWhenTheClientAsks() throws Exception {
        HttpResponse<byte[]> r = f.http.send(HttpRequest.newBuilder(f.url("index/http.json"))
                .header("Accept-Encoding", "gzip").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode());
        assertEquals("gzip", r.headers().firstValue("content-encoding").orElseThrow());
        byte[] plain;
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(r.body()))) {
            plain = in.readAllBytes();
        }
        assertArrayEquals(Files.readAllBytes(f.registry.resolve("index/http.json")), plain);
        assertEquals("Accept-Encoding", r.headers().firstValue("vary").orElseThrow());
        // Its own ETag, which revalidates as well.
        String etag = r.headers().firstValue("etag").orElseThrow();
        assertNotEquals(f.get("index/http.json").headers().firstValue("etag").orElseThrow(), etag);
        HttpResponse<byte[]> again = f.http.send(HttpRequest.newBuilder(f.url("index/http.json"))
                .header("Accept-Encoding", "gzip").header("If-None-Match", etag).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(304, again.statusCode());
        HttpResponse<String> refused = f.get("index/http.json", "Accept-Encoding", "gzip;q=0, identity");
        assertFalse(refused.headers().firstValue("content-encoding").isPresent());
        assertEquals(Files.readString(f.registry.resolve("index/http.json")), refused.body());
    }

    @Test
    void anAuthRequiredRegistryNeedsAValidTokenForEveryRequest() throws IOException {
        String open = Files.readString(f.registry.resolve("registry.json"));
        Files.writeString(f.registry.resolve("registry.json"), "{\"format\": 1, \"name\": \"team\", \"auth_required\": true}\n");
        for (String path : List.of("registry.json", "index/http.json", "artifacts/http/http-1.2.0.tar.gz", "api/v1/packages?q=h",
                "api/v1/packages/http")) {
            HttpResponse<String> r = f.get(path);
            assertEquals(401, r.statusCode(), path);
            assertEquals("Bearer realm=\"cocoatly\"", r.headers().firstValue("www-authenticate").orElseThrow());
            assertEquals(200, f.get(path, "Authorization", "Bearer " + f.aliceToken).statusCode(), path);
            assertEquals(401, f.get(path, "Authorization", "Bearer cocoatly_wrong").statusCode(), path);
        }
        String revoked = f.backend.createToken("alice", java.util.EnumSet.of(Scope.YANK), List.of("x"),
                java.util.Optional.empty()).text();
        f.backend.revokeToken(f.backend.tokens().get(1).id());
        assertEquals(401, f.get("index/http.json", "Authorization", "Bearer " + revoked).statusCode());
        // A registry.json that cannot be read keeps the registry closed.
        Files.writeString(f.registry.resolve("registry.json"), "{\"format\": 1, \"name\": ");
        assertEquals(401, f.get("index/http.json").statusCode());
        Files.writeString(f.registry.resolve("registry.json"), open);
        assertEquals(200, f.get("index/http.json").statusCode());
    }

    @Test
    void missingFilesAre404AndOtherMethods405() {
        assertEquals(404, f.get("index/nope.json").statusCode());
        assertEquals(404, f.get("README.md").statusCode());
        assertEquals(404, f.get("index/").statusCode());
        HttpResponse<String> post = f.write("POST", "index/http.json", "{}", null);
        assertEquals(405, post.statusCode());
        assertEquals("GET, HEAD", post.headers().firstValue("allow").orElseThrow());
        assertEquals(405, f.write("DELETE", "registry.json", null, null).statusCode());
    }

    @Test
    void aRefusedRequestsBodyIsReadSoTheRefusalArrivesAndTheConnectionServesTheNext() throws Exception {
        // The body follows the head a moment later, as a client's second write does. Refused before
        // it arrives and not drained, the connection was closed under it: the reset could lose the
        // refusal ("header parser received no bytes"), and a kept-alive client could not go on.
        try (Socket socket = new Socket("127.0.0.1", f.server.url().getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            java.io.DataInputStream in = new java.io.DataInputStream(new java.io.BufferedInputStream(socket.getInputStream()));
            for (String method : List.of("POST", "PUT", "DELETE")) {
                assertRefusedKeepingTheConnection(out, in, method, "HTTP/1.1 405 Method Not Allowed");
            }
            // The same for a registry that needs a token, refused before anything else is looked at.
            Files.writeString(f.registry.resolve("registry.json"), "{\"format\": 1, \"name\": \"team\", \"auth_required\": true}\n");
            assertRefusedKeepingTheConnection(out, in, "POST", "HTTP/1.1 401 Unauthorized");
            out.write(("GET /index/http.json HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + f.aliceToken
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertEquals("HTTP/1.1 200 OK", ServerFixture.rawHead(in).get(0));
        }
    }

    /** Sends {@code method} with a two-byte body 100 ms after the head; the reply is {@code status}, the connection kept. */
    private static void assertRefusedKeepingTheConnection(OutputStream out, java.io.DataInputStream in, String method,
            String status) throws Exception {
        out.write((method + " /index/http.json HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 2\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        Thread.sleep(100);
        out.write("{}".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        List<String> head = ServerFixture.rawHead(in);
        assertEquals(status, head.get(0));
        assertFalse(head.stream().anyMatch(h -> h.equalsIgnoreCase("connection: close")), head.toString());
        in.readFully(new byte[ServerFixture.rawLength(head)]);
    }

    @Test
    void neverAPathOutsideTheRegistryNorADotFile() throws IOException {
        List<String> attacks = List.of(
                "/../secret.txt", "/index/../../secret.txt", "/%2e%2e/secret.txt", "/index/%2e%2e/%2e%2e/secret.txt",
                "/index%2f..%2f..%2fsecret.txt", "/index/%2E%2E%2Fregistry.json", "/" + dir.resolve("secret.txt"),
                "//" + dir.resolve("secret.txt"), "/index\\..\\..\\secret.txt", "/index/%5c..%5csecret.txt",
                "/index/http.json%00", "/index/%00", "/.registry.lock", "/.cocoatly-server/tokens.json",
                "/index/.hidden.json", "/%2ecocoatly-server/tokens.json", "/index/evil.json", "/index/state.json",
                "/artifacts/out/x.tar.gz", "/index/./http.json", "/index//http.json", "/index/http.json/");
        for (String path : attacks) {
            String response = raw("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
            String status = response.isEmpty() ? "(closed)" : response.substring(0, response.indexOf("\r\n"));
            assertFalse(status.contains(" 200 "), path + " -> " + status);
            assertFalse(response.contains(SECRET), path);
            assertFalse(response.contains("sha256"), path + " leaked server state");
        }
        // NUL and a raw backslash in the request line itself.
        for (String path : List.of("/index/http.json\0", "/index\\http.json")) {
            String response = raw("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
            assertFalse(response.startsWith("HTTP/1.1 200"), response);
        }
        assertEquals(200, f.get("index/http.json").statusCode(), "still serving");
    }

    @Test
    void oneLogLinePerRequestWithMethodPathStatusBytesAndTime() {
        // The set-up's publish is logged once its response is complete, which may be after the client saw it.
        awaitLog(1);
        f.log.clear();
        HttpResponse<String> r = f.get("index/http.json");
        f.get("index/nope.json");
        awaitLog(2);
        assertEquals(2, f.log.size(), f.log.toString());
        AccessLog.Entry first = f.log.get(0);
        assertEquals("GET", first.method());
        assertEquals("/index/http.json", first.path());
        assertEquals(200, first.status());
        assertEquals(r.body().getBytes(StandardCharsets.UTF_8).length, first.bytes());
        assertTrue(first.line().matches("GET /index/http.json 200 \\d+ B \\d+\\.\\d ms"), first.line());
        assertEquals(404, f.log.get(1).status());
    }

    void awaitLog(int entries) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (f.log.size() < entries && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
    }

    String raw(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", f.server.url().getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            try {
                socket.getInputStream().transferTo(got);
            } catch (java.net.SocketException e) {
                // A reset after the answer: what arrived is enough.
            }
            return got.toString(StandardCharsets.ISO_8859_1);
        }
    }
}
