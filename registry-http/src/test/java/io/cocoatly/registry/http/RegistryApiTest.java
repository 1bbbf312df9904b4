package io.cocoatly.registry.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cocoatly.artifact.ArchivePacker;
import io.cocoatly.artifact.Ed25519Keys;
import io.cocoatly.artifact.Ed25519PublicKey;
import io.cocoatly.artifact.Ed25519SigningKey;
import io.cocoatly.artifact.Signatures;
import io.cocoatly.artifact.TrustedKeys;
import io.cocoatly.model.Artifact;
import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.Dependency;
import io.cocoatly.model.ManifestMetadata;
import io.cocoatly.model.ErrorKind;
import io.cocoatly.model.InvalidFileException;
import io.cocoatly.model.PackageId;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Release;
import io.cocoatly.model.Version;
import io.cocoatly.registry.FileRegistry;
import io.cocoatly.testkit.FakeRegistryApi;
import io.cocoatly.transport.ApiRequest;
import io.cocoatly.transport.ApiResponse;
import io.cocoatly.transport.BearerToken;
import io.cocoatly.transport.Transport;
import io.cocoatly.transport.TransportOptions;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link RegistryApi} against {@link FakeRegistryApi} on loopback: every call of §2, its answers and its errors. */
class RegistryApiTest {

    private static final String TOKEN = "cocoatly_testtoken0123456789";

    @TempDir
    Path tmp;

    private Ed25519SigningKey key;
    private FakeRegistryApi server;
    private Transport transport;
    private RegistryApi api;

    @BeforeEach
    void start() throws IOException {
        Ed25519Keys.generate(tmp.resolve("keys"));
        key = Ed25519SigningKey.read(tmp.resolve("keys").resolve(Ed25519Keys.PRIVATE_KEY_FILE));
        Ed25519PublicKey pub = Ed25519PublicKey.read(tmp.resolve("keys").resolve(Ed25519Keys.PUBLIC_KEY_FILE));
        server = new FakeRegistryApi(TrustedKeys.of(List.of(pub)), TOKEN, true);
        transport = transport(Optional.of(TOKEN));
        api = api(transport);
        server.addPackage("http", "HTTP for shells", List.of("alice", "bob"), 42);
        server.addVersion("http", "1.1.0", false, 2, Map.of("tls", "^1.0"));
        server.addVersion("http", "1.2.0", false, 40, Map.of("tls", "^2.0", "log", ">=0.4, <0.6"));
        server.addVersion("http", "1.3.0", true, 0, Map.of());
        server.addPackage("http-client", null, List.of("bob"), -1);
        server.addVersion("http-client", "0.1.0", false, -1, Map.of());
        server.addPackage("tls", "TLS", List.of("alice"), 7);
    }

    @TempDir
    Path cache;

    private final List<Transport> others = new ArrayList<>();

    @AfterEach
    void stop() {
        others.forEach(Transport::close);
        server.close();
    }

    /** A transport as the cli makes one: the token, if any, bound to the registry's origin. */
    private Transport transport(Optional<String> token) {
        TransportOptions options = TransportOptions.defaults().withRetries(1)
                .withBackoff(Duration.ofMillis(5), Duration.ofMillis(10));
        Transport made = new Transport(token.map(t -> options.withToken(BearerToken.forOrigin(server.registryUrl(), t)))
                .orElse(options));
        others.add(made);
        return made;
    }

    private RegistryApi api(Transport over) {
        return RegistryApi.of(over, registry(server)).orElseThrow();
    }

    private FileRegistry registry(FakeRegistryApi at) {
        return FileRegistry.open(new HttpRegistrySource(at.registryUrl(), new RemoteOptions(cache, TransportOptions.defaults(),
                CacheMode.NORMAL), Clock.systemUTC()));
    }

    @Test
    void theApiIsFoundThroughRegistryJson() throws IOException {
        assertEquals(server.apiUrl(), api.url());
        try (FakeRegistryApi plain = new FakeRegistryApi(TrustedKeys.none(), TOKEN, false)) {
            assertEquals(Optional.empty(), RegistryApi.of(transport, registry(plain)));
        }
    }

    @Test
    void publishSendsTheFramedBodyWithTheTokenAndReturnsTheRecordedRelease() throws Exception {
        Path archive = pack("http", "2.0.0");
        byte[] bytes = Files.readAllBytes(archive);
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        PackageId id = PackageId.of("http", "2.0.0");
        List<Dependency> deps = List.of(Dependency.parse("tls", "^2.0"));
        Artifact.Signature signature = Signatures.sign(key, id, sha256);

        ManifestMetadata metadata = new ManifestMetadata(Optional.of("HTTP for shells"), Optional.of("MIT"),
                Optional.of("https://example.com/http"), List.of("web", "client"), List.of("network-programming"));
        Release release = api.publish(new PublishMetadata(id, deps, signature, metadata), archive);

        assertEquals(id, release.id());
        assertEquals(deps, release.dependencies());
        assertEquals(sha256, release.artifact().orElseThrow().checksums().get("sha256"));
        assertEquals(bytes.length, release.artifact().orElseThrow().size());
        assertArrayEquals(bytes, server.archive("http", "2.0.0").orElseThrow());

        FakeRegistryApi.Recorded sent = server.requests().get(server.requests().size() - 1);
        assertEquals("PUT", sent.method());
        assertEquals("/api/v1/packages/new", sent.target());
        assertEquals(Optional.of("Bearer " + TOKEN), sent.authorization());
        // The framing, byte for byte: u32 LE length, the JSON, u32 LE length, the archive, nothing more.
        ByteBuffer body = ByteBuffer.wrap(sent.body()).order(ByteOrder.LITTLE_ENDIAN);
        byte[] json = new byte[body.getInt()];
        body.get(json);
        assertEquals("{\n  \"name\": \"http\",\n  \"version\": \"2.0.0\",\n  \"dependencies\": {\n"
                + "    \"tls\": \"^2.0\"\n  },\n  \"signature\": {\n    \"key\": \"" + signature.key() + "\",\n"
                + "    \"ed25519\": \"" + signature.ed25519() + "\"\n  },\n  \"description\": \"HTTP for shells\",\n"
                + "  \"license\": \"MIT\",\n  \"repository\": \"https://example.com/http\",\n"
                + "  \"keywords\": [\n    \"web\",\n    \"client\"\n  ],\n  \"categories\": [\n    \"network-programming\"\n  ]\n}\n",
                new String(json, StandardCharsets.UTF_8));
        assertEquals(bytes.length, body.getInt());
        byte[] rest = new byte[body.remaining()];
        body.get(rest);
        assertArrayEquals(bytes, rest);
    }

    @Test
    void theFakeServerRefusesABodyFramedOtherwise() {
        // The server's check must be able to fail, or the byte-for-byte test above proves nothing.
        byte[] lengthTooShort = {2, 0, 0, 0, '{', '}', 5, 0, 0, 0, 'x'};
        ApiResponse r = transport.send(ApiRequest.of(ApiRequest.Method.PUT, server.apiUrl().resolve("packages/new"))
                .withTokenFirst().withBody("application/octet-stream", lengthTooShort)
                .notIdempotent());
        assertEquals(400, r.status());
        assertTrue(r.text().contains("body framing: archive length 5, but 1 bytes follow"), r.text());
        ApiResponse bigEndian = transport.send(ApiRequest.of(ApiRequest.Method.PUT, server.apiUrl().resolve("packages/new"))
                .withTokenFirst()
                .withBody("application/octet-stream", new byte[] {0, 0, 0, 2, '{', '}', 0, 0, 0, 0}).notIdempotent());
        assertEquals(400, bigEndian.status());
        assertTrue(bigEndian.text().contains("body framing: metadata length 33554432 runs past the body"), bigEndian.text());
    }

    @Test
    void aRefusedPublishCarriesTheServersDetailTheUrlAndTheStatus() throws Exception {
        Path archive = pack("http", "1.2.0");
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(archive)));
        PackageId id = PackageId.of("http", "1.2.0");
        CocoatlyException e = assertThrows(CocoatlyException.class, () -> api.publish(
                new PublishMetadata(id, List.of(), Signatures.sign(key, id, sha256), ManifestMetadata.NONE), archive));
        assertEquals("registry-conflict", e.code());
        assertEquals(ErrorKind.FAILED, e.kind());
        assertEquals("PUT " + server.apiUrl() + "packages/new: HTTP 409: version 1.2.0 of http exists already",
                e.getMessage());

        // A signature over other bytes is refused by the server's own check.
        PackageId other = PackageId.of("http", "2.0.0");
        CocoatlyException bad = assertThrows(CocoatlyException.class, () -> api.publish(
                new PublishMetadata(other, List.of(), Signatures.sign(key, other, "0".repeat(64)), ManifestMetadata.NONE), archive));
        assertEquals("publish-refused", bad.code());
        assertTrue(bad.getMessage().contains(": HTTP 422: signature: "), bad.getMessage());
    }

    @Test
    void everyStatusOfTheTableBecomesATypedError() throws Exception {
        Path archive = pack("http", "3.0.0");
        PackageId id = PackageId.of("http", "3.0.0");
        PublishMetadata meta = new PublishMetadata(id, List.of(), Signatures.sign(key, id, "0".repeat(64)), ManifestMetadata.NONE);
        Map<Integer, String> codes = Map.of(400, "api-bad-request", 401, "registry-token-refused", 403, "registry-forbidden",
                404, "unknown-package", 405, "http-error", 413, "payload-too-large", 422, "publish-refused",
                500, "registry-server-error");
        for (var c : codes.entrySet()) {
            server.failNext(c.getKey(), "detail " + c.getKey());
            CocoatlyException e = assertThrows(CocoatlyException.class, () -> api.publish(meta, archive));
            assertEquals(c.getValue(), e.code(), "status " + c.getKey());
            assertEquals(c.getKey() == 404 ? ErrorKind.INVALID_INPUT : ErrorKind.FAILED, e.kind());
            assertTrue(e.getMessage().endsWith(": HTTP " + c.getKey() + ": detail " + c.getKey()), e.getMessage());
            assertFalse(e.hints().isEmpty());
        }
        long publishes = server.requests().stream().filter(r -> r.target().endsWith("/new")).count();
        assertEquals(codes.size(), publishes, "no publish was sent twice, not even after the 500");
    }

    @Test
    void aPublishAnswered503IsSentAgainAndOneThatGotNoAnswerIsNot() throws Exception {
        Path archive = pack("http", "2.0.0");
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(archive)));
        PackageId id = PackageId.of("http", "2.0.0");
        PublishMetadata meta = new PublishMetadata(id, List.of(), Signatures.sign(key, id, sha256), ManifestMetadata.NONE);

        server.dropNext();
        CocoatlyException lost = assertThrows(CocoatlyException.class, () -> api.publish(meta, archive));
        assertEquals("request-outcome-unknown", lost.code());
        assertEquals(List.of("run `cocoatly info http` to see whether 2.0.0 arrived before publishing again"),
                lost.hints());
        assertEquals(1, publishes(), "not sent again");

        server.failNext(503, "restarting");
        assertEquals(id, api.publish(meta, archive).id());
        assertEquals(3, publishes(), "the 503 said nothing was done, so it was sent again");
    }

    private long publishes() {
        return server.requests().stream().filter(r -> r.target().endsWith("/new")).count();
    }

    @Test
    void withoutATokenAWriteFailsBeforeSendingAndA401HintsAtLogin() {
        RegistryApi anonymous = api(transport(Optional.empty()));
        int before = server.requests().size();
        CocoatlyException e = assertThrows(CocoatlyException.class,
                () -> anonymous.yank(PackageName.of("http"), Version.parse("1.2.0")));
        assertEquals("registry-auth-required", e.code(), "the read side's code: the registry needs a token");
        assertEquals("DELETE " + server.apiUrl() + "packages/http/1.2.0/yank: writing to the registry needs a token,"
                + " and there is none for `" + server.registryUrl() + "`", e.getMessage());
        assertEquals(List.of("log in with `cocoatly login --registry " + server.registryUrl() + "` (reads the token"
                + " from standard input), or set COCOATLY_REGISTRY_TOKEN"), e.hints());
        assertEquals(before, server.requests().size());

        RegistryApi wrong = api(transport(Optional.of("cocoatly_wrong")));
        before = server.requests().size();
        CocoatlyException refused = assertThrows(CocoatlyException.class,
                () -> wrong.yank(PackageName.of("http"), Version.parse("1.2.0")));
        assertEquals("registry-token-refused", refused.code());
        assertEquals(ErrorKind.FAILED, refused.kind());
        assertTrue(refused.hints().get(0).contains("`cocoatly login --registry "), refused.hints().toString());
        assertFalse(refused.getMessage().contains("cocoatly_wrong"));
        assertEquals(before + 1, server.requests().size(), "the refused token is not sent again");
        assertEquals(Optional.of("Bearer cocoatly_wrong"), last().authorization(), "a write sends it from the start");
    }

    @Test
    void theTokenIsScrubbedFromWhatTheServerSays() {
        server.failNext(403, "token " + TOKEN + " lacks the yank scope");
        CocoatlyException e = assertThrows(CocoatlyException.class,
                () -> api.yank(PackageName.of("http"), Version.parse("1.2.0")));
        assertEquals("registry-forbidden", e.code());
        assertFalse(e.getMessage().contains(TOKEN), e.getMessage());
        assertTrue(e.getMessage().endsWith("HTTP 403: token <token> lacks the yank scope"), e.getMessage());
    }

    @Test
    void yankAndUnyank() {
        api.yank(PackageName.of("http"), Version.parse("1.2.0"));
        assertEquals(Optional.of(true), server.yanked("http", "1.2.0"));
        api.yank(PackageName.of("http"), Version.parse("1.2.0"));
        assertEquals(Optional.of(true), server.yanked("http", "1.2.0"), "yanking a yanked version is no error");
        api.unyank(PackageName.of("http"), Version.parse("1.2.0"));
        assertEquals(Optional.of(false), server.yanked("http", "1.2.0"));
        List<String> targets = server.requests().stream().map(r -> r.method() + " " + r.target()).toList();
        assertTrue(targets.contains("DELETE /api/v1/packages/http/1.2.0/yank"), targets.toString());
        assertTrue(targets.contains("PUT /api/v1/packages/http/1.2.0/unyank"), targets.toString());

        CocoatlyException e = assertThrows(CocoatlyException.class,
                () -> api.yank(PackageName.of("http"), Version.parse("9.9.9")));
        assertEquals("unknown-package", e.code());
        assertEquals("DELETE " + server.apiUrl() + "packages/http/9.9.9/yank: HTTP 404: no version 9.9.9 of http",
                e.getMessage());
    }

    @Test
    void owners() {
        assertEquals(List.of("alice", "bob"), api.owners(PackageName.of("http")));
        api.addOwners(PackageName.of("tls"), List.of("carol"));
        assertEquals(List.of("alice", "carol"), server.owners("tls"));
        api.removeOwners(PackageName.of("tls"), List.of("alice"));
        assertEquals(List.of("carol"), api.owners(PackageName.of("tls")));
        CocoatlyException e = assertThrows(CocoatlyException.class,
                () -> api.removeOwners(PackageName.of("tls"), List.of("carol")));
        assertEquals("registry-conflict", e.code());
        assertTrue(e.getMessage().endsWith("HTTP 409: the last owner cannot be removed"), e.getMessage());
    }

    @Test
    void searchReadsThePageAndTheTotal() {
        SearchResults r = api.search("http", 1, 20);
        assertEquals(2, r.total());
        assertEquals(List.of(
                new SearchHit(PackageName.of("http"), Optional.of(Version.parse("1.2.0")), Optional.of("HTTP for shells"),
                        OptionalLong.of(42)),
                new SearchHit(PackageName.of("http-client"), Optional.of(Version.parse("0.1.0")), Optional.empty(),
                        OptionalLong.empty())), r.packages());
        SearchResults second = api.search("http", 2, 1);
        assertEquals(List.of(PackageName.of("http-client")), second.packages().stream().map(SearchHit::name).toList());
        assertEquals("/api/v1/packages?q=a+b%26c&page=1&per_page=5",
                searchTarget(() -> api.search("a b&c", 1, 5)), "the term is encoded");
    }

    private String searchTarget(Runnable search) {
        search.run();
        return server.requests().get(server.requests().size() - 1).target();
    }

    @Test
    void infoReadsEverythingTheServerKnowsNewestFirst() {
        server.describe("http", "MIT", "https://example.com/http", List.of("client", "web"), List.of("network-programming"));
        PackageInfo info = api.info(PackageName.of("http"));
        assertEquals(new ManifestMetadata(Optional.of("HTTP for shells"), Optional.of("MIT"),
                Optional.of("https://example.com/http"), List.of("client", "web"), List.of("network-programming")),
                info.metadata());
        assertEquals(Optional.of(List.of("alice", "bob")), info.owners());
        assertEquals(OptionalLong.of(42), info.downloads());
        assertEquals(List.of("1.3.0", "1.2.0", "1.1.0"), info.versions().stream().map(v -> v.version().toString()).toList());
        VersionInfo v120 = info.versions().get(1);
        assertEquals(Optional.of(Instant.parse(FakeRegistryApi.PUBLISHED_AT)), v120.publishedAt());
        assertEquals(OptionalLong.of(40), v120.downloads());
        assertEquals(List.of(Dependency.parse("log", ">=0.4, <0.6"), Dependency.parse("tls", "^2.0")), v120.dependencies());
        assertTrue(info.versions().get(0).yanked());
        assertEquals(Version.parse("1.2.0"), info.newest().orElseThrow().version(), "the newest that is not yanked");

        PackageInfo bare = api.info(PackageName.of("http-client"));
        assertEquals(ManifestMetadata.NONE, bare.metadata());
        assertEquals(OptionalLong.empty(), bare.downloads());

        CocoatlyException e = assertThrows(CocoatlyException.class, () -> api.info(PackageName.of("nope")));
        assertEquals("unknown-package", e.code());
        assertEquals(ErrorKind.INVALID_INPUT, e.kind());
    }

    @Test
    void readsGoWithoutTheTokenAndSendItOnlyAfterA401() {
        api.info(PackageName.of("http"));
        assertEquals(Optional.empty(), last().authorization());
        server.requireTokenForReads();
        int before = server.requests().size();
        api.info(PackageName.of("http"));
        List<FakeRegistryApi.Recorded> sent = server.requests().subList(before, server.requests().size());
        assertEquals(2, sent.size());
        assertEquals(Optional.empty(), sent.get(0).authorization());
        assertEquals(Optional.of("Bearer " + TOKEN), sent.get(1).authorization());
        CocoatlyException e = assertThrows(CocoatlyException.class, () -> api(transport(Optional.empty())).search("x", 1, 1));
        assertEquals("registry-auth-required", e.code());

        RegistryApi wrong = api(transport(Optional.of("cocoatly_wrong")));
        before = server.requests().size();
        CocoatlyException refused = assertThrows(CocoatlyException.class, () -> wrong.info(PackageName.of("http")));
        assertEquals("registry-token-refused", refused.code());
        assertEquals(2, server.requests().size() - before, "without, then once with the token: one mechanism, not two");
    }

    @Test
    void theTokenNeverGoesToAnApiOnAnotherHost() {
        URI registry = URI.create("https://registry.example/");
        Transport foreign = new Transport(TransportOptions.defaults().withRetries(0)
                .withToken(BearerToken.forOrigin(registry, TOKEN)));
        others.add(foreign);
        RegistryApi elsewhere = new RegistryApi(foreign, registry, server.apiUrl());
        int before = server.requests().size();
        CocoatlyException e = assertThrows(CocoatlyException.class,
                () -> elsewhere.yank(PackageName.of("http"), Version.parse("1.2.0")));
        assertEquals("token-not-sent", e.code());
        assertEquals("DELETE " + server.apiUrl() + "packages/http/1.2.0/yank: the API is not on the registry's origin"
                + " `https://registry.example:443`, so the registry's token is not sent to it", e.getMessage());
        assertEquals(before, server.requests().size());

        // A read there goes, and a 401 gets no token either: the transport has none for that origin.
        server.requireTokenForReads();
        CocoatlyException read = assertThrows(CocoatlyException.class, () -> elsewhere.info(PackageName.of("http")));
        assertEquals("registry-auth-required", read.code());
        assertEquals(before + 1, server.requests().size());
        assertEquals(Optional.empty(), last().authorization());
    }

    @Test
    void aMalformedAnswerNamesTheUrlAndThePath() throws IOException {
        HttpServer bad = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4);
        bad.createContext("/", exchange -> {
            byte[] body = "{\"name\": \"http\", \"versions\": [{\"version\": \"one\"}]}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        bad.start();
        try {
            URI base = URI.create("http://127.0.0.1:" + bad.getAddress().getPort() + "/");
            RegistryApi client = new RegistryApi(transport, base, base.resolve("api/v1/"));
            InvalidFileException e = assertThrows(InvalidFileException.class, () -> client.info(PackageName.of("http")));
            assertEquals("invalid-api-response", e.code());
            assertTrue(e.getMessage().startsWith("GET " + base + "api/v1/packages/http: $.versions[0].version:"
                    + " invalid version `one`: "), e.getMessage());
        } finally {
            bad.stop(0);
        }
    }

    private FakeRegistryApi.Recorded last() {
        return server.requests().get(server.requests().size() - 1);
    }

    private Path pack(String name, String version) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("src-" + name + "-" + version));
        Files.writeString(dir.resolve("cocoatly.json"), "{\"name\": \"" + name + "\", \"version\": \"" + version + "\"}\n");
        Path archive = tmp.resolve(name + "-" + version + ".tar.gz");
        ArchivePacker.pack(dir, archive);
        return archive;
    }
}
