package io.cocoatly.registry.db;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cocoatly.json.FileModes;
import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.ErrorKind;
import io.cocoatly.model.PackageId;
import io.cocoatly.registry.server.ArtifactFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The contract over a directory, and what only a directory has: its layout, modes, links and temp files. */
class FileArtifactStoreTest extends ArtifactStoreContract {

    @TempDir
    Path work;

    private Path dir() {
        return work.resolve("artifacts");
    }

    @Override
    ArtifactStore newStore() {
        return new FileArtifactStore(dir());
    }

    @Override
    ArtifactStore storeFailingMidway() {
        return new FileArtifactStore(dir(), temp -> {
            throw new IOException("disk full (test)");
        });
    }

    @Override
    void putStray(String key, byte[] bytes) throws IOException {
        Path file = dir().resolve(key);
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
    }

    @Override
    byte[] served(ArtifactFile file) throws IOException {
        return Files.readAllBytes(assertInstanceOf(ArtifactFile.Local.class, file).file());
    }

    @Test
    void archivesLieWhereTheReadProtocolPutsThemReadableByAWebServer() throws Exception {
        store.put(JSON_BUILD, ARCHIVE);

        Path file = dir().resolve("json/json-1.0.0+build.5.tar.gz");
        assertArrayEquals(Files.readAllBytes(ARCHIVE), Files.readAllBytes(file));
        assertEquals(FileModes.shared(), FileModes.bits(Files.getPosixFilePermissions(file)));
        ArtifactFile.Local local = (ArtifactFile.Local) store.file(JSON_BUILD).orElseThrow();
        assertEquals(file, local.file());
        assertTrue(local.etag().matches("\"[0-9a-f]+-[0-9a-f]+\""), local.etag());
    }

    @Test
    void theInterfacesDefaultOpenReadsThroughFile() throws Exception {
        store.put(JSON_1_0_0, ARCHIVE);
        ArtifactStore onlyTheAgreedMethods = new ArtifactStore() {
            @Override
            public boolean put(PackageId id, Path archive) {
                return store.put(id, archive);
            }

            @Override
            public Optional<ArtifactFile> file(PackageId id) {
                return store.file(id);
            }

            @Override
            public boolean exists(PackageId id) {
                return store.exists(id);
            }

            @Override
            public void delete(PackageId id) {
                store.delete(id);
            }

            @Override
            public List<PackageId> list() {
                return store.list();
            }
        };

        assertArrayEquals(Files.readAllBytes(ARCHIVE), read(onlyTheAgreedMethods.open(JSON_1_0_0)));
        assertEquals(Optional.empty(), onlyTheAgreedMethods.open(GZIP));
    }

    @Test
    void aFailedPutLeavesNoTempFileBehind() throws Exception {
        try (ArtifactStore failing = storeFailingMidway()) {
            assertThrows(CocoatlyException.class, () -> failing.put(JSON_1_0_0, ARCHIVE));
        }

        try (Stream<Path> files = Files.list(dir().resolve("json"))) {
            assertEquals(List.of(), files.toList());
        }
    }

    @Test
    void theFailureNamesTheKeyAndTheDirectory() {
        CocoatlyException e;
        try (ArtifactStore failing = storeFailingMidway()) {
            e = assertThrows(CocoatlyException.class, () -> failing.put(JSON_1_0_0, ARCHIVE));
        }

        assertEquals(ErrorKind.FAILED, e.kind());
        assertEquals("artifact-store-failed", e.code());
        assertEquals("the artifact store `" + dir() + "` failed to store `json/json-1.0.0.tar.gz`: disk full (test)",
                e.getMessage());
    }

    @Test
    void aPackageDirectoryThatIsASymbolicLinkIsNeverFollowed() throws Exception {
        Path outside = Files.createDirectories(work.resolve("outside"));
        Files.write(outside.resolve("json-1.0.0.tar.gz"), Files.readAllBytes(ARCHIVE));
        Files.createDirectories(dir());
        Files.createSymbolicLink(dir().resolve("json"), outside);

        for (Runnable use : List.<Runnable>of(() -> store.open(JSON_1_0_0), () -> store.exists(JSON_1_0_0),
                () -> store.file(JSON_1_0_0), () -> store.put(JSON_BUILD, ARCHIVE), () -> store.delete(JSON_1_0_0))) {
            CocoatlyException e = assertThrows(CocoatlyException.class, use::run);
            assertTrue(e.getMessage().contains("is a symbolic link, which the store never follows"), e.getMessage());
        }
        assertTrue(Files.exists(outside.resolve("json-1.0.0.tar.gz")));
        assertFalse(Files.exists(outside.resolve("json-1.0.0+build.5.tar.gz")));
        assertEquals(List.of(), store.list());
    }

    @Test
    void anArchiveThatIsASymbolicLinkIsNeverServed() throws Exception {
        Path elsewhere = Files.copy(ARCHIVE, work.resolve("elsewhere.tar.gz"));
        Files.createDirectories(dir().resolve("json"));
        Files.createSymbolicLink(dir().resolve("json/json-1.0.0.tar.gz"), elsewhere);

        assertThrows(CocoatlyException.class, () -> store.file(JSON_1_0_0));
        assertThrows(CocoatlyException.class, () -> store.open(JSON_1_0_0));
        assertTrue(Files.isSymbolicLink(dir().resolve("json/json-1.0.0.tar.gz")));
        assertTrue(Files.exists(elsewhere, LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void aDirectoryThatIsAFileIsAClearFailure() throws Exception {
        Files.writeString(work.resolve("artifacts"), "not a directory");

        CocoatlyException e = assertThrows(CocoatlyException.class, () -> store.put(JSON_1_0_0, ARCHIVE));

        assertEquals("artifact-store-failed", e.code());
        assertTrue(e.getMessage().startsWith("the artifact store `" + dir() + "` failed to store `json/json-1.0.0.tar.gz`: "),
                e.getMessage());
    }
}
