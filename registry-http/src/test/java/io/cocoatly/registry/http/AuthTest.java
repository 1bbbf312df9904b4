package io.cocoatly.registry.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.PackageName;
import io.cocoatly.registry.FileRegistry;
import io.cocoatly.testkit.StaticHost;
import io.cocoatly.transport.TransportOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A private registry: a token only after a 401 or when {@code auth_required}, and never in a message. */
class AuthTest {

    private static final String TOKEN = "cocoatly_rEaL-t0ken-value";
    private static final String WRONG = "cocoatly_wrong-t0ken-value";

    @TempDir
    Path dir;

    private Path registry;
    private StaticHost server;

    @BeforeEach
    void start() throws IOException {
        registry = RemoteFixture.sampleRegistry(dir.resolve("registry"));
        server = StaticHost.of(registry).requireToken(TOKEN);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private FileRegistry open(TransportOptions transport) {
        return FileRegistry.open(RemoteFixture.open(server.uri(), dir.resolve("cache"), CacheMode.NORMAL, transport));
    }

    @Test
    void a401IsAnsweredWithTheTokenOnce() {
        FileRegistry index = open(RemoteFixture.withToken(server.uri(), TOKEN));

        assertTrue(index.find(PackageName.of("base64")).isPresent());

        assertEquals(List.of("GET /registry.json 401", "GET /registry.json 200 token", "GET /index/base64.json 401",
                "GET /index/base64.json 200 token"), server.log());
    }

    @Test
    void anAuthRequiredRegistryGetsTheTokenFromTheFirstIndexRequest() throws IOException {
        Files.writeString(registry.resolve("registry.json"), "{\"format\": 1, \"name\": \"private\", \"auth_required\": true}");
        FileRegistry index = open(RemoteFixture.withToken(server.uri(), TOKEN));

        assertTrue(index.find(PackageName.of("base64")).isPresent());

        assertEquals(List.of("GET /registry.json 401", "GET /registry.json 200 token", "GET /index/base64.json 200 token"),
                server.log());
    }

    @Test
    void withoutATokenTheErrorSaysOneIsNeededAndHowToLogIn() {
        CocoatlyException e = assertThrows(CocoatlyException.class, () -> open(RemoteFixture.FAST));

        assertEquals("registry-auth-required", e.code());
        assertEquals("GET " + server.uri() + "registry.json: HTTP 401: the registry needs a token", e.getMessage());
        assertEquals(List.of("log in with `cocoatly login --registry " + server.uri() + "` (reads the token from standard"
                + " input), or set COCOATLY_REGISTRY_TOKEN"), e.hints());
    }

    @Test
    void aWrongTokenIsRefusedClearlyAndNeverQuoted() {
        CocoatlyException e = assertThrows(CocoatlyException.class, () -> open(RemoteFixture.withToken(server.uri(), WRONG)));

        assertEquals("registry-token-refused", e.code());
        assertEquals("GET " + server.uri() + "registry.json: HTTP 401: the registry refused the token", e.getMessage());
        assertNoSecretIn(e);
    }

    @Test
    void aTokenWithoutTheRightToReadIs403NamingTheUrl() {
        server.refuseToken(TOKEN);

        CocoatlyException e = assertThrows(CocoatlyException.class, () -> open(RemoteFixture.withToken(server.uri(), TOKEN)));

        assertEquals("registry-forbidden", e.code());
        assertEquals("GET " + server.uri() + "registry.json: HTTP 403: the token may not read this registry", e.getMessage());
        assertNoSecretIn(e);
    }

    @Test
    void theTokenIsNeverInTheCache() throws IOException {
        open(RemoteFixture.withToken(server.uri(), TOKEN)).find(PackageName.of("base64"));

        try (var files = Files.walk(dir.resolve("cache"))) {
            for (Path f : files.filter(Files::isRegularFile).collect(Collectors.toList())) {
                assertFalse(Files.readString(f).contains(TOKEN), f.toString());
            }
        }
    }

    private static void assertNoSecretIn(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String text = t + " " + (t instanceof CocoatlyException ? ((CocoatlyException) t).hints() : "");
            assertFalse(text.contains(TOKEN) || text.contains(WRONG), text);
        }
    }
}
