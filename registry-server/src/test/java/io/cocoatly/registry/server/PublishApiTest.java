package io.cocoatly.registry.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cocoatly.artifact.Checksums;
import io.cocoatly.artifact.DigestAlgorithm;
import io.cocoatly.artifact.Ed25519SigningKey;
import io.cocoatly.json.JsonCursor;
import io.cocoatly.json.StrictJson;
import io.cocoatly.model.Artifact;
import io.cocoatly.testkit.TestRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code PUT /api/v1/packages/new}: the happy path and every refusal, each with its status and detail. */
class PublishApiTest {

    @TempDir
    Path dir;

    private ServerFixture f;

    @BeforeEach
    void start() {
        f = new ServerFixture(dir, ServerOptions.defaults().withMaxBodyBytes(256 * 1024));
    }

    @AfterEach
    void stop() {
        f.close();
    }

    static JsonCursor json(HttpResponse<String> r) {
        return StrictJson.parse(r.body().getBytes(StandardCharsets.UTF_8), "response", "test");
    }

    static String detail(HttpResponse<String> r) {
        return json(r).required("errors").elements().get(0).required("detail").string();
    }

    @Test
    void aPublishStoresTheArchiveAndItsIndexEntryWithDigestsTheServerComputed() throws IOException {
        HttpResponse<String> r = f.publish("http", "1.2.0", Map.of("tls", "^2.0"));
        assertEquals(200, r.statusCode(), r.body());
        JsonCursor release = json(r).required("release");
        assertEquals("1.2.0", release.required("version").string());
        assertEquals("^2.0", release.required("dependencies").required("tls").string());
        Path archive = f.registry.resolve("artifacts/http/http-1.2.0.tar.gz");
        assertEquals("artifacts/http/http-1.2.0.tar.gz", release.required("artifact").required("url").string());
        assertEquals(Files.size(archive), release.required("artifact").required("size").integer());
        Map<String, String> sums = new TreeMap<>();
        release.required("artifact").required("checksums").entries().forEach(e -> sums.put(e.getKey(), e.getValue().string()));
        assertEquals(Checksums.of(archive, EnumSet.allOf(DigestAlgorithm.class)).toMap(), sums);
        assertTrue(Files.readString(f.registry.resolve("index/http.json")).contains("\"1.2.0\""));
        assertEquals(List.of("alice"), f.backend.owners(io.cocoatly.model.PackageName.of("http")));
        String audit = Files.readString(f.registry.resolve(".cocoatly-server/audit.log"));
        assertTrue(audit.matches("\\{ \"at\": \"[^\"]+\", \"login\": \"alice\", \"token\": \"[0-9a-f]{12}\", \"action\": \"publish\", "
                + "\"package\": \"http\", \"detail\": \"1.2.0\" \\}\n"), audit);
        assertEquals(List.of(), tmpFiles(), "no upload left behind");
    }

    @Test
    void theMetadataSentIsStoredReturnedByInfoAndItsKeywordsSearched() {
        byte[] archive = f.archive("http", "1.2.0", Map.of());
        Artifact.Signature sig = ServerFixture.sign(f.aliceKey, "http", "1.2.0", archive);
        String metadata = "{\"name\": \"http\", \"version\": \"1.2.0\", \"signature\": {\"key\": \"" + sig.key()
                + "\", \"ed25519\": \"" + sig.ed25519() + "\"}, \"description\": \"HTTP for shells\", \"license\": \"MIT\","
                + " \"repository\": \"https://example.com/http\", \"keywords\": [\"web\", \"client\"],"
                + " \"categories\": [\"network-programming\"]}";
        HttpResponse<String> r = f.publish(ServerFixture.frame(metadata, archive), f.aliceToken);
        assertEquals(200, r.statusCode(), r.body());

        JsonCursor info = json(f.get("api/v1/packages/http"));
        assertEquals("MIT", info.required("license").string());
        assertEquals("https://example.com/http", info.required("repository").string());
        assertEquals(List.of("client", "web"), info.required("keywords").elements().stream().map(JsonCursor::string).toList());
        assertEquals(List.of("network-programming"),
                info.required("categories").elements().stream().map(JsonCursor::string).toList());
        JsonCursor found = json(f.get("api/v1/packages?q=clie"));
        assertEquals("http", found.required("packages").elements().get(0).required("name").string());
        assertEquals(0, json(f.get("api/v1/packages?q=network")).required("packages").elements().size(),
                "categories are not searched");
    }

    @Test
    void metadataOfTheWrongShapeOrOverTheLimitsIs400NamingTheField() {
        byte[] archive = f.archive("http", "1.2.0", Map.of());
        Artifact.Signature sig = ServerFixture.sign(f.aliceKey, "http", "1.2.0", archive);
        String head = "{\"name\": \"http\", \"version\": \"1.2.0\", \"signature\": {\"key\": \"" + sig.key()
                + "\", \"ed25519\": \"" + sig.ed25519() + "\"}, ";
        HttpResponse<String> notAList = f.publish(ServerFixture.frame(head + "\"keywords\": \"web\"}", archive), f.aliceToken);
        assertEquals(400, notAList.statusCode(), notAList.body());
        assertEquals("publish metadata: $.keywords: expected an array, found a string", detail(notAList));
        HttpResponse<String> ftp = f.publish(ServerFixture.frame(head + "\"repository\": \"ftp://example.com/http\"}", archive),
                f.aliceToken);
        assertEquals(400, ftp.statusCode(), ftp.body());
        assertEquals("the repository of http@1.2.0 is not an http(s) URL of at most 2048 characters: `ftp://example.com/http`",
                detail(ftp));
        assertEquals(404, f.get("api/v1/packages/http").statusCode(), "nothing stored");
    }

    @Test
    void anExistingVersionIsRefusedWhateverItsBuildMetadata() throws IOException {
        assertEquals(200, f.publish("log", "0.4.2", Map.of()).statusCode());
        String index = Files.readString(f.registry.resolve("index/log.json"));
        for (String version : List.of("0.4.2", "0.4.2+linux")) {
            HttpResponse<String> r = f.publish("log", version, Map.of());
            assertEquals(409, r.statusCode());
            assertEquals("version " + version + " of `log` exists already", detail(r));
        }
        assertEquals(index, Files.readString(f.registry.resolve("index/log.json")));
        assertEquals(List.of(), tmpFiles());
    }

    @Test
    void aNameDifferingOnlyByDashOrUnderscoreIsRefused() {
        assertEquals(200, f.publish("my-pkg", "1.0.0", Map.of()).statusCode());
        HttpResponse<String> r = f.publish("my_pkg", "1.0.0", Map.of());
        assertEquals(409, r.statusCode());
        assertEquals("`my_pkg` differs from the existing package `my-pkg` only by case or `-` versus `_`", detail(r));
        assertFalse(Files.exists(f.registry.resolve("index/my_pkg.json")));
    }

    @Test
    void anUppercaseNameIsMalformed() {
        HttpResponse<String> r = f.publish(ServerFixture.frame(ServerFixture.metadata("HTTP", "1.0.0", Map.of(),
                new Artifact.Signature("ed25519:0000000000000000", "AA==")), new byte[10]), f.aliceToken);
        assertEquals(400, r.statusCode());
        assertTrue(detail(r).startsWith("invalid package name `HTTP`"), detail(r));
    }

    @Test
    void malformedBodiesAre400() throws IOException {
        byte[] good = f.body("http", "1.0.0", Map.of(), f.aliceKey);
        byte[] truncated = java.util.Arrays.copyOf(good, good.length - 10);
        HttpResponse<String> r = f.publish(truncated, f.aliceToken);
        assertEquals(400, r.statusCode());
        assertTrue(detail(r).startsWith("the body ends in the archive: "), detail(r));

        byte[] trailing = java.util.Arrays.copyOf(good, good.length + 3);
        assertEquals("the body goes on after the archive's " + (good.length - 8 - metadataLength(good)) + " bytes",
                detail(f.publish(trailing, f.aliceToken)));

        HttpResponse<String> notJson = f.publish(ServerFixture.frame("{\"name\": ", new byte[1]), f.aliceToken);
        assertEquals(400, notJson.statusCode());
        assertTrue(detail(notJson).startsWith("publish metadata"), detail(notJson));

        HttpResponse<String> noSignature = f.publish(ServerFixture.frame("{\"name\": \"x\", \"version\": \"1.0.0\"}",
                new byte[1]), f.aliceToken);
        assertEquals(400, noSignature.statusCode());
        assertEquals("publish metadata: $: missing required key `signature`", detail(noSignature));
        assertEquals(400, f.publish(new byte[] {1, 0}, f.aliceToken).statusCode());
        assertEquals(List.of(), tmpFiles());
    }

    @Test
    void aBodyOverTheLimitIs413() {
        byte[] big = ServerFixture.frame(ServerFixture.metadata("big", "1.0.0", Map.of(),
                new Artifact.Signature("ed25519:0000000000000000", "AA==")), new byte[300 * 1024]);
        HttpResponse<String> r = f.publish(big, f.aliceToken);
        assertEquals(413, r.statusCode());
        assertEquals("the request body is over this server's limit of 262144 bytes", detail(r));
        assertFalse(Files.exists(f.registry.resolve("index/big.json")));
    }

    @Test
    void aRefusedBodyIsReadToItsEndSoTheClientSeesTheRefusalAndTheConnectionStaysOpen() throws IOException {
        // Refused for its token before the body is read (401), and for its declared length (413): each
        // body is drained, so the reply is not lost to a reset under a client still sending, and the
        // connection serves the next request. Undrained, Jetty closes the connection after the reply.
        byte[] body = new byte[200 * 1024];
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", f.server.url().getPort())) {
            socket.setSoTimeout(10_000);
            java.io.OutputStream out = socket.getOutputStream();
            java.io.DataInputStream in = new java.io.DataInputStream(new java.io.BufferedInputStream(socket.getInputStream()));
            for (String token : List.of("cocoatly_notAToken", f.aliceToken)) {
                out.write(("PUT /api/v1/packages/new HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token
                        + "\r\nContent-Length: " + (token.equals(f.aliceToken) ? 300 * 1024 : body.length)
                        + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                if (token.equals(f.aliceToken)) {
                    out.write(new byte[100 * 1024]);
                }
                out.flush();
                List<String> head = ServerFixture.rawHead(in);
                assertEquals(token.equals(f.aliceToken) ? "HTTP/1.1 413 Payload Too Large" : "HTTP/1.1 401 Unauthorized",
                        head.get(0));
                assertFalse(head.stream().anyMatch(h -> h.equalsIgnoreCase("connection: close")), head.toString());
                in.readFully(new byte[ServerFixture.rawLength(head)]);
            }
            out.write("GET /api/v1/packages/nothing HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertEquals("HTTP/1.1 404 Not Found", ServerFixture.rawHead(in).get(0));
        }
    }

    @Test
    void anArchiveWhoseManifestDiffersFromTheMetadataIs422() {
        byte[] archive = f.archive("http", "1.0.0", Map.of("tls", "^1.0"));
        String meta = ServerFixture.metadata("http", "1.0.0", Map.of(), ServerFixture.sign(f.aliceKey, "http", "1.0.0", archive));
        HttpResponse<String> r = f.publish(ServerFixture.frame(meta, archive), f.aliceToken);
        assertEquals(422, r.statusCode());
        assertEquals("the archive's `cocoatly.json` has dependencies {tls=^1.0}, the metadata {}", detail(r));

        byte[] other = f.archive("tls", "1.0.0", Map.of());
        String meta2 = ServerFixture.metadata("http", "1.0.0", Map.of(), ServerFixture.sign(f.aliceKey, "http", "1.0.0", other));
        assertEquals("the archive's `cocoatly.json` names `tls`, the metadata `http`",
                detail(f.publish(ServerFixture.frame(meta2, other), f.aliceToken)));

        byte[] older = f.archive("http", "0.9.0", Map.of());
        String meta3 = ServerFixture.metadata("http", "1.0.0", Map.of(), ServerFixture.sign(f.aliceKey, "http", "1.0.0", older));
        assertEquals("the archive's `cocoatly.json` has version `0.9.0`, the metadata `1.0.0`",
                detail(f.publish(ServerFixture.frame(meta3, older), f.aliceToken)));
        assertFalse(Files.exists(f.registry.resolve("index/http.json")));
        assertFalse(Files.exists(f.registry.resolve("artifacts/http")));
    }

    @Test
    void anArchiveTheArtifactRulesRefuseIs422NamingTheRule() throws IOException {
        byte[] evil = tarGz("../evil.txt");
        String meta = ServerFixture.metadata("http", "1.0.0", Map.of(), ServerFixture.sign(f.aliceKey, "http", "1.0.0", evil));
        HttpResponse<String> r = f.publish(ServerFixture.frame(meta, evil), f.aliceToken);
        assertEquals(422, r.statusCode());
        assertTrue(detail(r).startsWith("refused `http@1.0.0`: entry `../evil.txt` breaks rule `parent-traversal`"), detail(r));

        byte[] garbage = "not a gzip stream".getBytes(StandardCharsets.UTF_8);
        String meta2 = ServerFixture.metadata("http", "1.0.0", Map.of(), ServerFixture.sign(f.aliceKey, "http", "1.0.0", garbage));
        HttpResponse<String> g = f.publish(ServerFixture.frame(meta2, garbage), f.aliceToken);
        assertEquals(422, g.statusCode());
        assertTrue(detail(g).contains("breaks rule `malformed-archive`"), detail(g));
        assertFalse(Files.exists(dir.resolve("evil.txt")));
        assertFalse(Files.exists(f.registry.resolve("index/http.json")));
        assertEquals(List.of(), tmpFiles());
    }

    @Test
    void aSignatureByAKeyThatIsNotThePublishersOrThatDoesNotMatchIs422() {
        Ed25519SigningKey stranger = TestRegistry.newKey(dir.resolve("keys-stranger"));
        HttpResponse<String> r = f.publish(f.body("http", "1.0.0", Map.of(), stranger), f.aliceToken);
        assertEquals(422, r.statusCode());
        assertEquals("the signature of http@1.0.0 is by key `" + stranger.keyId() + "`, which is not a key of `alice`", detail(r));

        byte[] archive = f.archive("http", "1.0.0", Map.of());
        // Signed for another version: the signature covers name + version + sha256.
        String meta = ServerFixture.metadata("http", "1.0.0", Map.of(), ServerFixture.sign(f.aliceKey, "http", "1.0.1", archive));
        HttpResponse<String> bad = f.publish(ServerFixture.frame(meta, archive), f.aliceToken);
        assertEquals(422, bad.statusCode());
        assertEquals("`http@1.0.0` failed verification: bad signature by key `" + f.aliceKey.keyId() + "`: the signature does not match name, version and sha256",
                detail(bad));

        assertEquals(200, f.publish("http", "1.0.0", Map.of()).statusCode());
        // A new version must be signed by an owner's key.
        f.backend.addUser("bob", stranger.publicKey());
        String bobToken = f.backend.createToken("bob", EnumSet.allOf(Scope.class), List.of("*"), Optional.empty()).text();
        HttpResponse<String> notOwner = f.publish(f.body("http", "1.1.0", Map.of(), stranger), bobToken);
        assertEquals(403, notOwner.statusCode());
        assertEquals("`bob` is not an owner of `http`", detail(notOwner));
    }

    private int metadataLength(byte[] body) {
        return (body[0] & 0xff) | (body[1] & 0xff) << 8 | (body[2] & 0xff) << 16 | (body[3] & 0xff) << 24;
    }

    private List<Path> tmpFiles() throws IOException {
        Path tmp = f.registry.resolve(".cocoatly-server/tmp");
        if (!Files.exists(tmp)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(tmp)) {
            return s.toList();
        }
    }

    /** A gzipped tar of one empty regular file named {@code name}, written by hand (ustar header). */
    static byte[] tarGz(String name) throws IOException {
        byte[] header = new byte[512];
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(n, 0, header, 0, n.length);
        put(header, 100, "0000644");
        put(header, 108, "0000000");
        put(header, 116, "0000000");
        put(header, 124, "00000000000");
        put(header, 136, "00000000000");
        header[156] = '0';
        put(header, 257, "ustar");
        put(header, 263, "00");
        java.util.Arrays.fill(header, 148, 156, (byte) ' ');
        int sum = 0;
        for (byte b : header) {
            sum += b & 0xff;
        }
        put(header, 148, String.format("%06o", sum));
        header[154] = 0;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(header);
            gz.write(new byte[1024]);
        }
        return out.toByteArray();
    }

    private static void put(byte[] header, int at, String text) {
        byte[] b = text.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, header, at, b.length);
    }
}
