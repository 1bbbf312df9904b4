package io.cocoatly.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cocoatly.model.ManifestMetadata;
import io.cocoatly.model.PackageName;
import io.cocoatly.registry.server.ServerState;
import io.cocoatly.testkit.GoldenFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code publish} checks and cleans up around the archive it adds to a registry directory: the key
 * it is given, and the part files of interrupted publishes. Texts are golden files, with the temporary
 * directory shown as {@code <dir>} and key ids masked.
 */
class PublishChecksTest {

    @TempDir
    Path dir;

    private CliRunner.Result run(String... args) {
        return CliRunner.in(dir).run(args);
    }

    private void golden(String name, CliRunner.Result r, int exit) {
        assertEquals(exit, r.exitCode(), r.out() + r.err());
        String text = "exit " + r.exitCode() + "\n--- stdout\n" + r.out() + "--- stderr\n" + r.err();
        GoldenFile.assertMatches(name, text.replace(dir.toString(), "<dir>")
                .replaceAll("ed25519:[0-9a-f]{16}", "ed25519:<key id>")
                .replaceAll("[0-9a-f]{64}", "<sha256>"));
    }

    @BeforeEach
    void keyAndRegistry() {
        assertEquals(0, run("keygen", "--out", "keys").exitCode());
        assertEquals(0, run("registry", "init", "reg", "--name", "team").exitCode());
    }

    @Test
    void aPublicKeyIsNamedAsSuchWithThePrivateKeyToPassInstead() {
        PublishFixture.packageDir(dir.resolve("p"), "log", "0.4.2", "");
        golden("publish/public-key", run("publish", "p", "--registry", "reg", "--key", "keys/cocoatly.pub"), 2);
        golden("publish/public-key-json", run("publish", "p", "--registry", "reg", "--key", "keys/cocoatly.pub",
                "--json"), 2);
        assertFalse(Files.exists(dir.resolve("reg/index/log.json")));
    }

    /** A registry with `log` 0.4.2 and `ring` 0.17.0, yanked; `app` depends on both and on `lib`, which it lacks. */
    private void appWithUnsatisfiedDependencies() {
        PublishFixture.packageDir(dir.resolve("log"), "log", "0.4.2", "");
        PublishFixture.packageDir(dir.resolve("ring"), "ring", "0.17.0", "");
        for (String p : new String[] {"log", "ring"}) {
            assertEquals(0, run("publish", p, "--registry", "reg", "--key", "keys/cocoatly.key").exitCode());
        }
        assertEquals(0, run("yank", "ring", "0.17.0", "--registry", "reg").exitCode());
        PublishFixture.packageDir(dir.resolve("app"), "app", "1.0.0",
                "\"lib\": \"^1.0\", \"log\": \"^0.5\", \"ring\": \"^0.17\"");
    }

    @Test
    void dependenciesTheRegistryCannotSatisfyAreRefusedNamingEach() throws IOException {
        appWithUnsatisfiedDependencies();
        java.util.Map<String, byte[]> before = PublishFixture.files(dir.resolve("reg"));
        golden("publish/missing-dependencies", run("publish", "app", "--registry", "reg", "--key", "keys/cocoatly.key"), 2);
        golden("publish/missing-dependencies-json", run("publish", "app", "--registry", "reg", "--key",
                "keys/cocoatly.key", "--json"), 2);
        assertEquals(before.keySet(), PublishFixture.files(dir.resolve("reg")).keySet(), "nothing written");
    }

    @Test
    void allowMissingPublishesWithAWarning() {
        appWithUnsatisfiedDependencies();
        golden("publish/allow-missing", run("publish", "app", "--registry", "reg", "--key", "keys/cocoatly.key",
                "--allow-missing"), 0);
        assertTrue(Files.exists(dir.resolve("reg/index/app.json")));
    }

    @Test
    void infoOfARegistryDirectoryShowsTheMetadataItsPublishesRecorded() {
        PublishFixture.packageDir(dir.resolve("log"), "log", "0.4.2", "");
        assertEquals(0, run("publish", "log", "--registry", "reg", "--key", "keys/cocoatly.key").exitCode());
        // As a publish of a manifest with metadata records it (PublishCommand.recordMetadata).
        ServerState state = new ServerState(dir.resolve("reg"));
        state.writePackageState(PackageName.of("log"), ServerState.NEW_PACKAGE.withMetadata(new ManifestMetadata(
                Optional.of("Logging for shells"), Optional.of("MIT"), Optional.of("https://example.com/log"),
                List.of("logging", "debug"), List.of("development-tools"))));
        golden("info/directory-metadata", run("info", "log", "--registry", "reg"), 0);
        golden("info/directory-metadata-json", run("info", "log", "--registry", "reg", "--json"), 0);
    }

    @Test
    void aPartFileLeftByAKilledPublishIsRemovedByTheNextOne() throws IOException {
        Path leftover = Files.writeString(Files.createDirectories(dir.resolve("reg/artifacts"))
                .resolve(".publish-4242.part"), "half an archive");
        PublishFixture.packageDir(dir.resolve("p"), "log", "0.4.2", "");
        golden("publish/leftover", run("publish", "p", "--registry", "reg", "--key", "keys/cocoatly.key"), 0);
        assertFalse(Files.exists(leftover));
        assertTrue(Files.exists(dir.resolve("reg/artifacts/log/log-0.4.2.tar.gz")));
    }

    @Test
    void reindexRemovesThemToo() throws IOException {
        Path leftover = Files.writeString(Files.createDirectories(dir.resolve("reg/artifacts"))
                .resolve(".publish-17.part"), "half an archive");
        golden("registry/reindex-leftover", run("registry", "reindex", "reg"), 0);
        assertFalse(Files.exists(leftover));
    }
}
