package io.cocoatly.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cocoatly.registry.db.DatabaseSettings;
import io.cocoatly.registry.db.EmbeddedDatabase;
import io.cocoatly.registry.db.FileArtifactStore;
import io.cocoatly.registry.db.RegistryDatabase;
import io.cocoatly.registry.server.AccessLog;
import io.cocoatly.registry.server.RegistryServer;
import io.cocoatly.registry.server.ServerOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link ServedRegistryEndToEndTest} against a registry in a real PostgreSQL (one embedded server
 * for the class, a fresh database per test), served by the same {@link RegistryServer}, with the
 * admin commands reaching it with {@code --db URL}; and what only a database registry does:
 * counting the downloads that {@code info} then shows.
 */
class DatabaseServedEndToEndTest extends ServedRegistryEndToEndTest {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedDatabase postgres;
    private EmbeddedDatabase.Urls database;
    private RegistryDatabase registry;

    @BeforeAll
    static void startPostgres() {
        postgres = EmbeddedDatabase.start(Path.of("target", "e2e-embedded-pg-" + ProcessHandle.current().pid()).toAbsolutePath());
    }

    @AfterAll
    static void stopPostgres() {
        postgres.close();
    }

    @Override
    void createRegistry() {
        database = postgres.database("e2e_" + DATABASES.incrementAndGet());
    }

    @Override
    List<String> registryOption() {
        return List.of("--db", database.server().toString());
    }

    @Override
    RegistryServer startServer() {
        DatabaseSettings defaults = DatabaseSettings.of(database.server());
        registry = RegistryDatabase.open(new DatabaseSettings(database.server(), Optional.empty(), 4, Duration.ofMillis(200),
                defaults.downloadEventsDays()), new FileArtifactStore(dir.resolve("artifacts")));
        registry.describeIfNew("team");
        return RegistryServer.start(registry.files(), registry.backend(), ServerOptions.defaults().withPort(0), AccessLog.NONE);
    }

    @Override
    void stopBackend() {
        registry.close();
    }

    @Test
    void downloadsByCocoatlyAreCountedAndInfoShowsThem() throws Exception {
        PublishFixture.packageDir(dir.resolve("base"), "base", "1.0.0", "");
        assertOk(run(true, "publish", "base", "--registry", url, "--key", "keys/cocoatly.key"));
        Path app = dir.resolve("app");
        PublishFixture.write(app.resolve("cocoatly.json"),
                "{\"name\": \"app\", \"version\": \"0.1.0\", \"dependencies\": {\"base\": \"^1.0\"}}");
        assertOk(run(app, false, "install", "--registry", url));
        // Not counted: a download by another client.
        java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(url + "artifacts/base/base-1.0.0.tar.gz")).header("User-Agent", "curl/8.0").build(),
                java.net.http.HttpResponse.BodyHandlers.discarding());

        // Counts are flushed every 200 ms; wait for the first flush rather than for a time.
        String info = "";
        for (int i = 0; i < 100 && !info.contains("downloads: 1"); i++) {
            Thread.sleep(100);
            info = run(false, "info", "base", "--registry", url).out();
        }
        assertTrue(info.contains("downloads: 1\n"), info);
        assertTrue(Files.exists(dir.resolve("artifacts/base/base-1.0.0.tar.gz")), "the archive is in the artifact store");
    }
}
